/**
 * Job writes after creation (§4.4, §4.5, §6, §8): PUT/DELETE with If-Match, jobstates,
 * component attach/detach and key/values. Every write that touches the job gives it a new
 * random etag, except component attach/detach (§6).
 */
import {
  created,
  empty,
  jsonBody,
  markWritten,
  ok,
  type RouteContext,
  type RouteDef,
} from '../context.js';
import { dciError, malformed } from '../errors.js';
import { getLive, writableJob } from '../scope.js';
import {
  addKeyValue,
  attachComponent,
  deleteKeyValue,
  detachComponent,
  type JobRow,
  type JobstateRow,
  keyValuesOfJob,
  newId,
  rowsWhere,
  timestamp,
  touchRow,
} from '../store-access.js';
import { columns } from '../views.js';
import { pyRepr, requireIfMatch, typed, uuidField } from './common.js';

const STATUSES = ['new', 'pre-run', 'running', 'post-run', 'success', 'failure', 'killed', 'error'];
const PUT_FIELDS = [
  'comment',
  'status_reason',
  'configuration',
  'name',
  'status',
  'state',
  'tags',
  'url',
];

function insertJobstate(ctx: RouteContext, job: JobRow, status: string, comment: string | null) {
  const row = {
    id: newId(),
    created_at: timestamp(ctx.state.now()),
    status,
    comment,
    job_id: job.id,
  } as JobstateRow;
  ctx.state.store.jobstates.set(row.id, row);
  return row;
}

/** `/jobs/<id>/...` write routes check team membership (super admin and EPM pass), else 401. */
const jobForWrite = (ctx: RouteContext) => writableJob(ctx.state.store, ctx.identity, ctx.ids[0]!);

/** PUT, DELETE, jobstates, components and kv routes. */
export const jobUpdateRoutes: RouteDef[] = [
  {
    method: 'PUT',
    template: '/jobs/:id',
    handler: (ctx) => {
      // If-Match first, then the body (unknown fields silently dropped, §7.2), existence,
      // membership, and finally the etag: a stale one answers 404 like a missing job (§6).
      const etag = requireIfMatch(ctx);
      const body = jsonBody(ctx);
      const values: Record<string, unknown> = {};
      for (const f of PUT_FIELDS) if (f in body) values[f] = body[f];
      for (const f of ['comment', 'status_reason', 'configuration', 'name'])
        typed(values, f, 'string');
      typed(values, 'tags', 'array');
      if ('status' in values && !STATUSES.includes(String(values['status']))) {
        throw malformed(
          `status: ${pyRepr(values['status'])} is not one of [${STATUSES.map(pyRepr).join(', ')}]`,
        );
      }
      if (
        'state' in values &&
        !['active', 'inactive', 'archived'].includes(String(values['state']))
      ) {
        throw malformed(
          `state: ${pyRepr(values['state'])} is not one of ['active', 'inactive', 'archived']`,
        );
      }
      const url = values['url'];
      if (
        url !== undefined &&
        (typeof url !== 'string' || !(url === '' || /^https?:\/\/.+/.test(url)))
      ) {
        throw malformed(`url: ${pyRepr(url)} is not valid under any of the given schemas`);
      }
      const job = jobForWrite(ctx);
      if (job.etag !== etag) throw dciError(404, 'job not found');
      // A status change also records a jobstate with comment null (§8); duration is untouched.
      if (typeof values['status'] === 'string' && values['status'] !== job.status) {
        insertJobstate(ctx, job, values['status'], null);
      }
      Object.assign(job, values);
      markWritten(ctx, job);
      return ok({ job: columns(job) }, job.etag);
    },
  },
  {
    // Soft delete: archives the job and its files; 204 with an empty body (§4.4).
    method: 'DELETE',
    template: '/jobs/:id',
    handler: (ctx) => {
      const etag = requireIfMatch(ctx);
      const job = jobForWrite(ctx);
      if (job.etag !== etag) throw dciError(404, 'job not found');
      job.state = 'archived';
      markWritten(ctx, job);
      const { files } = ctx.state.store;
      for (const f of [...rowsWhere(files, 'job_id', job.id)]) {
        f.state = 'archived';
        touchRow(ctx.state.store, f);
      }
      return empty(204);
    },
  },
  {
    // No permission check: any identity may post on any job (§4.5). failure/error while the
    // job is new or pre-run is stored as `error`, but the job takes the requested status (§8).
    method: 'POST',
    template: '/jobstates',
    handler: (ctx) => {
      const body = jsonBody(ctx);
      const jobId = uuidField(body, 'job_id', true)!;
      if (!('status' in body)) throw malformed("'status' is a required property");
      typed(body, 'comment', 'string', true);
      const job = getLive(ctx.state.store.jobs, jobId, 'job');
      const requested = String(body['status']);
      if (!STATUSES.includes(requested)) {
        throw dciError(
          400,
          'We are unable to create this resource. Please contact a DCI administrator.',
        );
      }
      const stored =
        (requested === 'failure' || requested === 'error') &&
        (job.status === 'new' || job.status === 'pre-run')
          ? 'error'
          : requested;
      const comment = (body['comment'] as string | null | undefined) ?? null;
      const row = insertJobstate(ctx, job, stored, comment);
      job.status = requested as JobRow['status'];
      job.duration = Math.max(
        0,
        Math.floor((ctx.state.now().getTime() - parseNaive(job.created_at)) / 1000),
      );
      markWritten(ctx, job);
      const echo: Record<string, unknown> = { ...row };
      if (!('comment' in body)) delete echo['comment'];
      return created({ jobstate: echo });
    },
  },
  {
    // 201 with an empty body; attaching twice is fine; the etag does not change (§4.4, §6).
    method: 'POST',
    template: '/jobs/:id/components',
    handler: (ctx) => {
      const job = jobForWrite(ctx);
      const body = jsonBody(ctx);
      const id = uuidField(body, 'id', true)!;
      getLive(ctx.state.store.components, id, 'component');
      attachComponent(ctx.state.store, job.id, id);
      return empty(201);
    },
  },
  {
    // 201 (not 204), even when the component was not attached (§1.3).
    method: 'DELETE',
    template: '/jobs/:id/components/:id',
    handler: (ctx) => {
      const job = jobForWrite(ctx);
      detachComponent(ctx.state.store, job.id, ctx.ids[1]!);
      return empty(201);
    },
  },
  {
    // 201 {"kv": {...}}; an existing key is 409, there is no upsert (§4.4).
    method: 'POST',
    template: '/jobs/:id/kv',
    handler: (ctx) => {
      const job = jobForWrite(ctx);
      const body = jsonBody(ctx);
      if (!('key' in body)) throw malformed("'key' is a required property");
      if (!('value' in body)) throw malformed("'value' is a required property");
      typed(body, 'key', 'string');
      typed(body, 'value', 'number');
      const key = body['key'] as string;
      if (keyValuesOfJob(ctx.state.store, job.id).some((kv) => kv.key === key)) {
        throw dciError(
          409,
          'We are unable to create this resource. A similar resource already exists.',
        );
      }
      const kv = { job_id: job.id, key, value: body['value'] as number };
      addKeyValue(ctx.state.store, kv);
      markWritten(ctx, job);
      return created({ kv });
    },
  },
  {
    // The key travels in a JSON body; 204 even when absent (§4.4).
    method: 'DELETE',
    template: '/jobs/:id/kv',
    handler: (ctx) => {
      const job = jobForWrite(ctx);
      const body = jsonBody(ctx);
      if (!('key' in body)) throw malformed("'key' is a required property");
      deleteKeyValue(ctx.state.store, job.id, String(body['key']));
      markWritten(ctx, job);
      return empty(204);
    },
  },
];

/** Milliseconds of a naive UTC timestamp. */
function parseNaive(ts: string): number {
  return Date.parse(`${ts.slice(0, 23)}Z`);
}

/**
 * Job read routes (§4.4): the list, one job, and its jobstates, files, components and results.
 */

import { jobItemVersion } from '../answer-cache.js';
import type { Identity } from '../auth.js';
import { unauthorized } from '../auth.js';
import type { EmulatorState } from '../context.js';
import { listReply, ok, type RouteDef } from '../context.js';
import { dciError } from '../errors.js';
import { indexedList } from '../indexed-list.js';
import { canReadJob, canWriteTeam, getLive, isPrivileged, readableJob } from '../scope.js';
import { rowsWhere } from '../store-access.js';
import {
  ColumnsMemo,
  columns,
  jobComponents,
  jobListJson,
  jobstateView,
  jobView,
} from '../views.js';
import { FILE, JOB, JOBSTATE } from './schemas.js';

/**
 * `/jobs/<id>/jobstates`, `/files` and `/results` answer 401 (not 404) for another team's job
 * (§4.4); privileged readers pass.
 */
function jobForSubList(state: EmulatorState, i: Identity, id: string) {
  const job = getLive(state.store.jobs, id, 'job');
  if (!canReadJob(i, job) && !canWriteTeam(i, job.team_id)) throw unauthorized();
  return job;
}

/** GET routes over jobs. */
export const jobReadRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: '/jobs',
    handler: (ctx) => {
      const { store } = ctx.state;
      const i = ctx.identity;
      // Live jobs of the caller's teams (every team for privileged callers, §4.4): no opaque
      // predicate, so an unfiltered page is counted from the index sizes.
      const source = {
        table: store.jobs,
        live: true,
        ...(isPrivileged(i) ? {} : { scope: { column: 'team_id', values: i.teamIds } }),
      };
      const memo = new ColumnsMemo();
      // Each item serialised once and kept while what it shows is unchanged.
      const version = jobItemVersion(store);
      return indexedList(ctx, JOB, 'jobs', source, (j) => jobListJson(store, j, memo, version));
    },
  },
  {
    // Another team's job is 404, as if it did not exist (§4.4).
    method: 'GET',
    template: '/jobs/:id',
    handler: (ctx) => {
      const job = readableJob(ctx.state.store, ctx.identity, ctx.ids[0]!);
      return ok({ job: jobView(ctx.state.store, job) }, job.etag);
    },
  },
  {
    // Paginated, default 20, -created_at; each jobstate embeds its files (§4.4).
    method: 'GET',
    template: '/jobs/:id/jobstates',
    handler: (ctx) => {
      const { store } = ctx.state;
      const job = jobForSubList(ctx.state, ctx.identity, ctx.ids[0]!);
      const source = { table: store.jobstates, scope: { column: 'job_id', values: [job.id] } };
      return indexedList(ctx, JOBSTATE, 'jobstates', source, (s) => jobstateView(store, s));
    },
  },
  {
    // All live files of the job, jobstate files included; paginated (§4.4).
    method: 'GET',
    template: '/jobs/:id/files',
    handler: (ctx) => {
      const { store } = ctx.state;
      const job = jobForSubList(ctx.state, ctx.identity, ctx.ids[0]!);
      const source = {
        table: store.files,
        live: true,
        scope: { column: 'job_id', values: [job.id] },
      };
      return indexedList(ctx, FILE, 'files', source, columns);
    },
  },
  {
    // Parameters ignored, unpaginated; another team's job is 404 (§3.1, §4.4).
    method: 'GET',
    template: '/jobs/:id/components',
    handler: (ctx) => {
      const { store } = ctx.state;
      const job = readableJob(store, ctx.identity, ctx.ids[0]!);
      const rows = jobComponents(store, job.id).map(columns);
      return listReply('components', rows, rows.length);
    },
  },
  {
    // A different shape from the embedded results: no id, plus `filename` (§4.4).
    method: 'GET',
    template: '/jobs/:id/results',
    handler: (ctx) => {
      const { store } = ctx.state;
      const job = jobForSubList(ctx.state, ctx.identity, ctx.ids[0]!);
      const rows = rowsWhere(store.results, 'job_id', job.id).map((r) => ({
        filename: store.files.get(r.file_id)?.name ?? null,
        name: r.name,
        total: r.total,
        success: r.success,
        failures: r.failures,
        errors: r.errors,
        skips: r.skips,
        time: r.time,
        regressions: r.regressions,
        successfixes: r.successfixes,
        file_id: r.file_id,
      }));
      return listReply('results', rows, rows.length);
    },
  },
  {
    // No permission check at all; no ETag header (§4.5).
    method: 'GET',
    template: '/jobstates/:id',
    handler: (ctx) => {
      const s = ctx.state.store.jobstates.get(ctx.ids[0]!);
      if (!s) return notFound('jobstate');
      return ok({ jobstate: jobstateView(ctx.state.store, s) });
    },
  },
  {
    // No permission check at all; no ETag header (§4.6).
    method: 'GET',
    template: '/files/:id',
    handler: (ctx) => ok({ file: columns(getLive(ctx.state.store.files, ctx.ids[0]!, 'file')) }),
  },
];

function notFound(resource: string): never {
  throw dciError(404, `${resource} not found`);
}

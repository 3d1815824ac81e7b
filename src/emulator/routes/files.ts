/**
 * Job files (§4.6): `POST /files` with a raw body and metadata in headers, `DELETE /files/<id>`
 * (both give the job a new etag, §6), and `GET /files/<id>/content`, the download.
 */
import { unauthorized } from '../auth.js';
import { created, empty, header, markWritten, type RouteDef } from '../context.js';
import { dciError, malformed } from '../errors.js';
import { isUuid } from '../router.js';
import { canReadTeam, canWriteTeam, getLive } from '../scope.js';
import { type FileRow, newEtag, newId, rowsWhere, timestamp, touchRow } from '../store-access.js';
import { columns } from '../views.js';

/** File upload and deletion. */
export const fileRoutes: RouteDef[] = [
  {
    // Metadata travels in DCI-JOB-ID / DCI-JOBSTATE-ID, DCI-NAME (required), DCI-MIME; the body
    // is the raw content (the HMAC payload hash covers those bytes). 201, no ETag (§4.6).
    method: 'POST',
    template: '/files',
    handler: (ctx) => {
      const { store } = ctx.state;
      const name = header(ctx, 'dci-name');
      if (!name) throw malformed("'name' is a required property");
      const jobstateId = header(ctx, 'dci-jobstate-id')?.toLowerCase() ?? null;
      let jobId = header(ctx, 'dci-job-id')?.toLowerCase() ?? null;
      if (jobstateId) {
        if (!isUuid(jobstateId)) throw malformed(`jobstate_id: '${jobstateId}' is not a uuid`);
        // The job's jobstates first: a deferred table then finds the id without building all.
        if (jobId && isUuid(jobId)) rowsWhere(store.jobstates, 'job_id', jobId);
        const js = store.jobstates.get(jobstateId);
        if (!js) throw dciError(404, 'jobstate not found');
        jobId = js.job_id;
      }
      if (!jobId || !isUuid(jobId)) throw malformed("'job_id' is a required property");
      const job = getLive(store.jobs, jobId, 'job');
      if (!canWriteTeam(ctx.identity, job.team_id)) throw unauthorized();
      const at = timestamp(ctx.state.now());
      const row: FileRow = {
        id: newId(),
        created_at: at,
        updated_at: at,
        etag: newEtag(),
        name,
        mime: header(ctx, 'dci-mime') ?? null,
        md5: null,
        size: ctx.rawBody.length,
        state: 'active',
        jobstate_id: jobstateId,
        job_id: job.id,
        team_id: job.team_id,
      };
      store.files.set(row.id, row);
      ctx.state.contents.set(row.id, Buffer.from(ctx.rawBody));
      markWritten(ctx, job);
      return created({ file: columns(row) });
    },
  },
  {
    // Flask's send_file over the storage's file object: 200, chunked, no Content-Length (it
    // cannot stat a stream), no ETag, `Range` ignored (not conditional), the file's mime or
    // text/plain, and an attachment named after the file. Team members and privileged roles
    // only: 401 otherwise; an unknown or archived file is 404 "file not found" (§4.6).
    method: 'GET',
    template: '/files/:id/content',
    handler: (ctx) => {
      const { store } = ctx.state;
      const file = getLive(store.files, ctx.ids[0]!, 'file');
      if (!canReadTeam(ctx.identity, file.team_id)) throw unauthorized();
      return {
        status: 200,
        headers: {
          'Content-Type': contentType(file.mime || 'text/plain'),
          'Content-Disposition': attachment(file.name.replace(/ /g, '_')),
        },
        stream: () => ctx.state.contents.open(store, file),
      };
    },
  },
  {
    // No If-Match; team member (super admin and EPM pass); archives the file (§4.6).
    method: 'DELETE',
    template: '/files/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const file = getLive(store.files, ctx.ids[0]!, 'file');
      if (!canWriteTeam(ctx.identity, file.team_id)) throw unauthorized();
      file.state = 'archived';
      file.updated_at = timestamp(ctx.state.now());
      touchRow(store, file);
      const job = store.jobs.get(file.job_id);
      if (job) markWritten(ctx, job);
      return empty(204);
    },
  },
];

const CHARSET_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/sql',
  'application/xml',
  'application/xml-dtd',
  'application/xml-external-parsed-entity',
]);

/** Werkzeug adds `; charset=utf-8` to text types (and a few XML/script ones), not to others. */
function contentType(mime: string): string {
  const textual = mime.startsWith('text/') || CHARSET_TYPES.has(mime) || mime.endsWith('+xml');
  return textual && !/;\s*charset=/i.test(mime) ? `${mime}; charset=utf-8` : mime;
}

/** Werkzeug's `attachment; filename=...`: quoted when not a token, RFC 2231 for non-ASCII. */
function attachment(name: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) {
    const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
    return `attachment; filename=${quoted(ascii)}; filename*=UTF-8''${encodeURIComponent(name)}`;
  }
  return `attachment; filename=${quoted(name)}`;
}

function quoted(value: string): string {
  if (/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

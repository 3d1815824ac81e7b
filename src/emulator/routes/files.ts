/**
 * Job files (§4.6): `POST /files` with a raw body and metadata in headers, `DELETE /files/<id>`.
 * Both give the job a new etag (§6).
 */
import { unauthorized } from '../auth.js';
import { created, empty, header, markWritten, type RouteDef } from '../context.js';
import { dciError, malformed } from '../errors.js';
import { isUuid } from '../router.js';
import { canWriteTeam, getLive } from '../scope.js';
import { type FileRow, newEtag, newId, timestamp } from '../store-access.js';
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
      markWritten(ctx, job);
      return created({ file: columns(row) });
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
      const job = store.jobs.get(file.job_id);
      if (job) markWritten(ctx, job);
      return empty(204);
    },
  },
];

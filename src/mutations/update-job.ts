/**
 * updateJob and deleteJob: the etag-guarded job writes (`PUT`/`DELETE /jobs/<id>` with a raw
 * If-Match, REST-REFERENCE §6, §7.2).
 */
import type { JobPatch } from '../__generated__/resolvers-types.js';
import type { DciJob } from '../dci/types.js';
import { guardedJobWrite } from './concurrency.js';
import { clientOf, type MutationContext, reserve } from './context.js';
import { badInput } from './errors.js';
import { forgetJob, refreshJob } from './job-cache.js';
import { checkIds, checkUrl, cleanTags, normalizeEtag } from './validation.js';

/** GraphQL patch fields and their DCI names. */
const TEXT_FIELDS = [
  ['name', 'name'],
  ['comment', 'comment'],
  ['statusReason', 'status_reason'],
  ['configuration', 'configuration'],
] as const;

/**
 * Checks a patch and maps it to the `PUT /jobs/<id>` body. DCI silently drops fields it does
 * not know, so only these are sent; `null` means "leave as is". An empty patch is refused: DCI
 * would still give the job a new etag for nothing.
 */
export function jobPatchBody(patch: JobPatch): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [from, to] of TEXT_FIELDS) {
    const value = patch[from];
    if (value !== null && value !== undefined) body[to] = value;
  }
  if (patch.url !== null && patch.url !== undefined) {
    checkUrl(patch.url, true, 'patch.url');
    body['url'] = patch.url;
  }
  if (patch.tags) body['tags'] = cleanTags(patch.tags);
  if (patch.status) body['status'] = patch.status;
  if (patch.state) {
    if (patch.state === 'archived') {
      throw badInput('patch.state: ARCHIVED deletes the job; use deleteJob.', {
        field: 'patch.state',
      });
    }
    body['state'] = patch.state;
  }
  if (Object.keys(body).length === 0) {
    throw badInput('patch: nothing to change.', { field: 'patch' });
  }
  return body;
}

/** updateJob: `PUT /jobs/<id>` with If-Match, then the re-read (new etag included). */
export async function updateJob(
  ctx: MutationContext,
  args: { id: string; etag: string; patch: JobPatch },
): Promise<DciJob> {
  const { id } = checkIds({ id: args.id });
  const etag = normalizeEtag(args.etag);
  const body = jobPatchBody(args.patch);
  const client = clientOf(ctx);
  reserve(ctx, 2);
  await guardedJobWrite(ctx, id, etag, () => client.update(`/jobs/${id}`, etag, body));
  return refreshJob(ctx, id);
}

/**
 * deleteJob: `DELETE /jobs/<id>` with If-Match (DCI archives the job and its files). Returns
 * the deleted id; the loaders forget the job, so `job(id)` later in the operation is null.
 */
export async function deleteJob(
  ctx: MutationContext,
  args: { id: string; etag: string },
): Promise<string> {
  const { id } = checkIds({ id: args.id });
  const etag = normalizeEtag(args.etag);
  const client = clientOf(ctx);
  reserve(ctx, 1);
  await guardedJobWrite(ctx, id, etag, () => client.delete(`/jobs/${id}`, { etag }));
  // The job's components are not known here; their details embed their jobs.
  forgetJob(ctx, id, [], true);
  if (ctx.loaders.batching) {
    ctx.loaders.job.prime(id, null);
    ctx.loaders.jobDetail.prime(id, null);
  }
  return id;
}

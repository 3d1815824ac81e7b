/**
 * Etag-guarded job writes (REST-REFERENCE §6). DCI answers a stale If-Match on a job with 404
 * "job not found", the same answer as a missing job, so a 404 alone cannot tell the caller
 * whether to retry. The gateway re-reads the job: if it exists, the answer is ETAG_MISMATCH
 * with the current etag; if not, NOT_FOUND. 409 and 412 answers that mention the etag (other
 * resources' variants, §6) are treated the same way.
 */
import { DciHttpError } from '../dci/errors.js';
import type { MutationContext } from './context.js';
import {
  etagMismatchError,
  jobNotFoundError,
  staleOrMissingUnknownError,
  writeError,
} from './errors.js';
import { readJob, rememberJob } from './job-cache.js';

/** Whether a refused write may mean "the etag is stale" (and so needs the re-read). */
export function mayBeStaleEtag(error: unknown): boolean {
  if (!(error instanceof DciHttpError)) return false;
  if (error.status === 404) return true;
  const message = error.dciMessage ?? '';
  // 412 "'If-match' header must be provided" is a missing header, not a stale one.
  return (error.status === 409 || error.status === 412) && /etag/i.test(message);
}

/**
 * Runs a write guarded by `etag` on job `jobId` and turns an ambiguous refusal into
 * ETAG_MISMATCH (with `extensions.currentEtag` and `extensions.id`) or NOT_FOUND. Other
 * refusals keep DCI's reason ({@link writeError}). The disambiguating read is made only on
 * failure and is not charged to the budget, so that the answer stays precise. When that read
 * fails (5xx, an unusable body, no answer), the answer is DCI_UNAVAILABLE, never NOT_FOUND.
 */
export async function guardedJobWrite<T>(
  ctx: MutationContext,
  jobId: string,
  etag: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!mayBeStaleEtag(error)) throw writeError(error);
    let current: Awaited<ReturnType<typeof readJob>>;
    try {
      current = await readJob(ctx, jobId);
    } catch (rereadError) {
      // Without the re-read, DCI's 404 means "stale etag" as much as "no such job": the job
      // may well exist, so NOT_FOUND would be a lie. Nothing was written either way.
      throw staleOrMissingUnknownError(jobId, rereadError);
    }
    if (current === null) throw jobNotFoundError(jobId);
    // What the loaders held is older than what was just read.
    rememberJob(ctx, current);
    if (current.etag === etag) throw writeError(error);
    throw etagMismatchError(jobId, etag, current.etag);
  }
}

/**
 * After a job write: re-read the job (DCI's create echo and PUT answer are not the stored
 * shape, §1.2, §4.4) and make the operation's loaders agree with it, so that whatever the rest
 * of the operation reads (the payload, `query { job(id) }`, a later mutation) sees the write.
 */
import { DciHttpError } from '../dci/errors.js';
import type { DciJob } from '../dci/types.js';
import { gatewayError, isInvisible } from '../errors.js';
import { createLoaders } from '../loaders/index.js';
import { budgetedReader } from '../loaders/reader.js';
import { toShape } from '../loaders/shapes.js';
import { clientOf, type MutationContext } from './context.js';

/**
 * Forgets everything the loaders hold about a job: the listed job, its detail (`data`,
 * jobstates), its jobstates, and the detail of the given components (which embeds their jobs).
 * `allComponents` forgets every component detail, for writes whose components are unknown.
 *
 * Pages of jobs and files may hold the job too, and a page loader cannot forget one page: the
 * two are replaced by fresh ones (built by the same factory, over the same budgeted reader).
 * Their rows then no longer prime the other loaders of this operation, which costs at most a
 * few extra reads after a write, never a stale answer.
 */
export function forgetJob(
  ctx: MutationContext,
  jobId: string,
  componentIds: readonly string[] = [],
  allComponents = false,
): void {
  const { loaders } = ctx;
  loaders.job.clear(jobId);
  loaders.jobDetail.clear(jobId);
  loaders.jobStates.clear(jobId);
  if (allComponents) loaders.componentDetail.clearAll();
  else for (const id of componentIds) loaders.componentDetail.clear(id);
  if (ctx.client) {
    const fresh = createLoaders(budgetedReader(ctx.client, ctx.budget), {
      batching: loaders.batching,
      maxFirst: loaders.maxFirst,
    });
    loaders.jobPages = fresh.jobPages;
    loaders.filePages = fresh.filePages;
  }
}

/** Forgets, then primes the job and job-detail loaders with a freshly read job. */
export function rememberJob(
  ctx: MutationContext,
  job: DciJob,
  componentIds: readonly string[] = [],
): void {
  const touched = [...componentIds, ...(job.components ?? []).map((c) => c.id)];
  forgetJob(ctx, job.id, touched);
  const { loaders } = ctx;
  if (!loaders.batching) return;
  loaders.jobDetail.prime(job.id, job);
  const listed = toShape<DciJob>('job', job);
  if (listed) loaders.job.prime(job.id, listed);
}

/** `GET /jobs/<id>` outside the loaders (never a cached copy); null when invisible or gone. */
export async function readJob(ctx: MutationContext, jobId: string): Promise<DciJob | null> {
  try {
    return (await clientOf(ctx).get<DciJob>(`/jobs/${jobId}`)).item;
  } catch (error) {
    if (isInvisible(error)) return null;
    throw error;
  }
}

/**
 * Re-reads a job just written and updates the loaders. The budget for this read was reserved
 * with the write. When the read fails the write has still happened: the error says so and
 * carries the job id, rather than pretending nothing was done.
 */
export async function refreshJob(
  ctx: MutationContext,
  jobId: string,
  componentIds: readonly string[] = [],
): Promise<DciJob> {
  let job: DciJob | null;
  try {
    job = await readJob(ctx, jobId);
  } catch (error) {
    forgetJob(ctx, jobId, componentIds);
    const status = error instanceof DciHttpError ? error.status : undefined;
    throw gatewayError(
      `The write to job ${jobId} succeeded, but re-reading the job failed (${(error as Error).message}). Read it again with job(id).`,
      {
        code: 'UPSTREAM_ERROR',
        id: jobId,
        written: true,
        ...(status ? { upstreamStatus: status } : {}),
      },
    );
  }
  if (!job) {
    forgetJob(ctx, jobId, componentIds);
    throw gatewayError(
      `The write to job ${jobId} succeeded, but the job is no longer visible to you.`,
      { code: 'NOT_FOUND', id: jobId, written: true },
    );
  }
  rememberJob(ctx, job, componentIds);
  return job;
}

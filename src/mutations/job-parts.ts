/**
 * Writes on a job's parts, none etag-guarded by DCI (§6): jobstates (`POST /jobstates`),
 * components (`POST`/`DELETE /jobs/<id>/components`) and key/values (`/jobs/<id>/kv`).
 * Jobstates and key/values change the job's etag; components do not. Each answers with the
 * job re-read.
 */
import { DciHttpError } from '../dci/errors.js';
import type { DciJob, DciJobState, DciJobStatus, DciKeyValue } from '../dci/types.js';
import { gatewayError, userInputError } from '../errors.js';
import { chargeRead, clientOf, type MutationContext, reserve } from './context.js';
import { badInput, invalidIdsError, jobNotFoundError, writeError } from './errors.js';
import { readJob, refreshJob } from './job-cache.js';
import { checkIds, checkKey } from './validation.js';

/** A refusal of a `/jobs/<id>/...` write: DCI's 404 names the missing resource. */
function partError(error: unknown, jobId: string, componentId?: string): unknown {
  if (error instanceof DciHttpError && error.status === 404) {
    if (componentId && /component/i.test(error.dciMessage ?? '')) {
      return invalidIdsError('Unknown component, or not visible to you', {
        componentId: [componentId],
      });
    }
    return jobNotFoundError(jobId);
  }
  return writeError(error);
}

/**
 * addJobState: `POST /jobstates`. DCI lets any identity post on any job (§4.5); the gateway
 * first checks that the caller can see the job, so a jobstate is never posted on a job the
 * caller could not read back. Returns the job re-read and the jobstate as stored (FAILURE or
 * ERROR on a NEW or PRE_RUN job is stored as ERROR, §8).
 */
export async function addJobState(
  ctx: MutationContext,
  args: { jobId: string; status: DciJobStatus | 'UNKNOWN'; comment?: string | null | undefined },
): Promise<{ job: DciJob; jobState: DciJobState }> {
  // Validation refuses UNKNOWN before execution (unknown-enums.ts); never send it regardless.
  if (args.status === 'UNKNOWN') throw userInputError('UNKNOWN cannot be sent to DCI.', 'status');
  const { jobId } = checkIds({ jobId: args.jobId });
  const client = clientOf(ctx);
  chargeRead(ctx);
  if (!(await readJob(ctx, jobId))) throw jobNotFoundError(jobId);
  const body: Record<string, unknown> = { job_id: jobId, status: args.status };
  if (args.comment !== null && args.comment !== undefined) body['comment'] = args.comment;
  reserve(ctx, 2);
  let echo: DciJobState | null;
  try {
    echo = (await client.create<DciJobState>('/jobstates', body)).item;
  } catch (error) {
    throw partError(error, jobId);
  }
  const job = await refreshJob(ctx, jobId);
  const stored = job.jobstates?.find((s) => s.id === echo?.id);
  const jobState = stored ?? (echo ? { ...echo, comment: echo.comment ?? null } : null);
  if (!jobState) {
    throw gatewayError(`DCI recorded a jobstate on job ${jobId} but did not return it.`, {
      code: 'UPSTREAM_ERROR',
      id: jobId,
      written: true,
    });
  }
  return { job, jobState };
}

/** addComponentToJob: `POST /jobs/<id>/components` (attaching twice is harmless). */
export async function addComponentToJob(
  ctx: MutationContext,
  args: { jobId: string; componentId: string },
): Promise<DciJob> {
  const { jobId, componentId } = checkIds(args);
  const client = clientOf(ctx);
  reserve(ctx, 2);
  try {
    await client.create(`/jobs/${jobId}/components`, { id: componentId });
  } catch (error) {
    throw partError(error, jobId, componentId);
  }
  return refreshJob(ctx, jobId, [componentId]);
}

/** removeComponentFromJob: `DELETE /jobs/<id>/components/<cid>` (DCI answers 201, §1.3). */
export async function removeComponentFromJob(
  ctx: MutationContext,
  args: { jobId: string; componentId: string },
): Promise<DciJob> {
  const { jobId, componentId } = checkIds(args);
  const client = clientOf(ctx);
  reserve(ctx, 2);
  try {
    await client.delete(`/jobs/${jobId}/components/${componentId}`);
  } catch (error) {
    throw partError(error, jobId, componentId);
  }
  return refreshJob(ctx, jobId, [componentId]);
}

/** What setJobKeyValue did. */
export interface SetKeyValueResult {
  job: DciJob;
  keyValue: DciKeyValue;
  /** An existing value was deleted and replaced. */
  replaced: boolean;
}

/** The stored value of `key` on a job, or undefined. */
function storedValue(job: DciJob | null, key: string): number | undefined {
  return job?.keys_values?.find((kv) => kv.key === key)?.value;
}

function isConflict(error: unknown): boolean {
  return error instanceof DciHttpError && error.status === 409;
}

/**
 * setJobKeyValue: `POST /jobs/<id>/kv`. DCI has no upsert: an existing key answers 409. Without
 * `replace` that is CONFLICT with `extensions.currentValue`. With `replace` the old value is
 * deleted and the new one posted: two writes, not atomic (a reader in between sees no value);
 * if the second one fails the old value is posted back, and the error says whether that worked.
 */
export async function setJobKeyValue(
  ctx: MutationContext,
  args: { jobId: string; key: string; value: number; replace?: boolean | null | undefined },
): Promise<SetKeyValueResult> {
  const { jobId } = checkIds({ jobId: args.jobId });
  const { key, value } = args;
  checkKey(key);
  if (!Number.isFinite(value))
    throw badInput('value: must be a finite number.', { field: 'value' });
  const client = clientOf(ctx);
  const path = `/jobs/${jobId}/kv`;
  reserve(ctx, 2);
  let replaced = false;
  try {
    await client.create(path, { key, value });
  } catch (error) {
    if (!isConflict(error)) throw partError(error, jobId);
    const current = storedValue(await readJob(ctx, jobId).catch(() => null), key);
    if (!args.replace) {
      throw gatewayError(
        `Job ${jobId} already has a value for "${key}"${current === undefined ? '' : ` (${current})`}. Nothing was written: pass replace: true to overwrite it, or deleteJobKeyValue first.`,
        { code: 'CONFLICT', id: jobId, key, currentValue: current ?? null },
      );
    }
    await replaceKeyValue(ctx, path, key, value, current);
    replaced = true;
  }
  const job = await refreshJob(ctx, jobId);
  const stored = job.keys_values?.find((kv) => kv.key === key) ?? { job_id: jobId, key, value };
  return { job, keyValue: stored, replaced };
}

/** The delete-then-post of a replacing setJobKeyValue, restoring the old value on failure. */
async function replaceKeyValue(
  ctx: MutationContext,
  path: string,
  key: string,
  value: number,
  previous: number | undefined,
): Promise<void> {
  const client = clientOf(ctx);
  reserve(ctx, 2);
  try {
    await client.delete(path, { body: { key } });
  } catch (error) {
    throw writeError(error);
  }
  try {
    await client.create(path, { key, value });
  } catch (error) {
    let restored = false;
    if (previous !== undefined) {
      restored = await client.create(path, { key, value: previous }).then(
        () => true,
        () => false,
      );
    }
    const mapped = writeError(error) as { message: string; extensions: Record<string, unknown> };
    throw gatewayError(
      `${mapped.message} The previous value of "${key}" was ${restored ? 'restored' : 'deleted and could not be restored'}.`,
      { ...mapped.extensions, key, previousValue: previous ?? null, restored },
    );
  }
}

/** deleteJobKeyValue: `DELETE /jobs/<id>/kv` with the key in a JSON body (204 even if absent). */
export async function deleteJobKeyValue(
  ctx: MutationContext,
  args: { jobId: string; key: string },
): Promise<DciJob> {
  const { jobId } = checkIds({ jobId: args.jobId });
  checkKey(args.key);
  const client = clientOf(ctx);
  reserve(ctx, 2);
  try {
    await client.delete(`/jobs/${jobId}/kv`, { body: { key: args.key } });
  } catch (error) {
    throw partError(error, jobId);
  }
  return refreshJob(ctx, jobId);
}

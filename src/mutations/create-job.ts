/**
 * createJob and scheduleJob (REST-REFERENCE §4.4, §7.2). Both are for remote CIs only, and
 * both check the input before writing. createJob also checks that every id it references
 * exists, because `POST /jobs` inserts the job before looking at its components: an unknown
 * component id would answer 404 and leave an empty job behind.
 */
import { randomUUID } from 'node:crypto';
import type { CreateJobInput, ScheduleJobInput } from '../__generated__/resolvers-types.js';
import { DciHttpError, DciNetworkError, DciProtocolError } from '../dci/errors.js';
import { chunk, MAX_IDS_PER_QUERY, orEq } from '../dci/query.js';
import type { DciComponent, DciJob } from '../dci/types.js';
import { gatewayError, isInvisible, toGraphQLError } from '../errors.js';
import { chargeRead, clientOf, type MutationContext, remoteciIdOf, reserve } from './context.js';
import { CREATE_MARKER_PREFIX } from './create-marker.js';
import { badInput, type InvalidIds, invalidIdsError, writeError } from './errors.js';
import { refreshJob } from './job-cache.js';
import { deleteOrphanJob } from './orphans.js';
import { checkComponentIds, checkData, checkIds, checkUrl, cleanTags } from './validation.js';

/** The ids a new job references, by input field. */
export interface JobReferences {
  topicId: string;
  componentIds: string[];
  pipelineId?: string | null | undefined;
  previousJobId?: string | null | undefined;
}

/** Optional text fields shared by both creates, mapped to DCI's names. */
function commonFields(
  input: CreateJobInput | ScheduleJobInput,
  urlMayBeEmpty: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [from, to] of [
    ['name', 'name'],
    ['comment', 'comment'],
    ['configuration', 'configuration'],
  ] as const) {
    const value = input[from];
    if (value !== null && value !== undefined) body[to] = value;
  }
  // Schedule rejects "" (§7.2); there, empty means "no URL", which leaving it out gives.
  if (input.url !== null && input.url !== undefined && (input.url !== '' || urlMayBeEmpty)) {
    checkUrl(input.url, urlMayBeEmpty);
    body['url'] = input.url;
  }
  if (input.tags) body['tags'] = cleanTags(input.tags);
  if (input.data !== null && input.data !== undefined) body['data'] = checkData(input.data);
  return body;
}

/** Checks a createJob input and maps it to the `POST /jobs` body; no request is made. */
export function createJobRequest(input: CreateJobInput): {
  body: Record<string, unknown>;
  refs: JobReferences;
} {
  const refs = checkIds({
    topicId: input.topicId,
    componentIds: input.componentIds,
    pipelineId: input.pipelineId,
    previousJobId: input.previousJobId,
  });
  checkComponentIds(refs.componentIds);
  const body: Record<string, unknown> = {
    topic_id: refs.topicId,
    components: refs.componentIds,
    ...commonFields(input, true),
  };
  if (refs.pipelineId) body['pipeline_id'] = refs.pipelineId;
  if (refs.previousJobId) body['previous_job_id'] = refs.previousJobId;
  return { body, refs };
}

/** Checks a scheduleJob input and maps it to the `POST /jobs/schedule` body. */
export function scheduleJobRequest(input: ScheduleJobInput): Record<string, unknown> {
  const refs = checkIds({
    topicId: input.topicId,
    componentIds: input.componentIds ?? [],
    pipelineId: input.pipelineId,
    previousJobId: input.previousJobId,
  });
  checkComponentIds(refs.componentIds);
  const body: Record<string, unknown> = { topic_id: refs.topicId, ...commonFields(input, false) };
  if (refs.componentIds.length > 0) body['components_ids'] = refs.componentIds;
  if (refs.pipelineId) body['pipeline_id'] = refs.pipelineId;
  if (refs.previousJobId) body['previous_job_id'] = refs.previousJobId;
  return body;
}

/** Whether `GET <path>` finds something the caller can see. */
async function exists(ctx: MutationContext, path: string): Promise<boolean> {
  chargeRead(ctx);
  try {
    await clientOf(ctx).get(path);
    return true;
  } catch (error) {
    if (isInvisible(error)) return false;
    throw error;
  }
}

/** The component ids DCI does not show the caller: one list request per 50 ids (§5). */
async function missingComponents(ctx: MutationContext, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = new Set<string>();
  await Promise.all(
    chunk([...new Set(ids)].sort(), MAX_IDS_PER_QUERY).map(async (batch) => {
      chargeRead(ctx);
      const { items } = await clientOf(ctx).list<DciComponent>('/components', {
        query: orEq('id', batch),
        limit: 200,
        offset: 0,
      });
      for (const c of items) found.add(c.id);
    }),
  );
  // `/components` is scoped through product-team links (§4.3) while the single GET is not: an
  // id the list left out may still be a component the caller can see.
  const unlisted = ids.filter((id) => !found.has(id));
  const visible = await Promise.all(unlisted.map((id) => exists(ctx, `/components/${id}`)));
  return unlisted.filter((_, i) => !visible[i]);
}

/**
 * Checks, concurrently, that the topic, every component, the pipeline and the previous job
 * exist and are visible to the caller. Throws BAD_USER_INPUT naming every id at fault.
 */
export async function checkReferences(ctx: MutationContext, refs: JobReferences): Promise<void> {
  const [topic, components, pipeline, previous] = await Promise.all([
    exists(ctx, `/topics/${refs.topicId}`),
    missingComponents(ctx, refs.componentIds),
    refs.pipelineId ? exists(ctx, `/pipelines/${refs.pipelineId}`) : true,
    refs.previousJobId ? exists(ctx, `/jobs/${refs.previousJobId}`) : true,
  ]);
  const invalid: InvalidIds = {};
  if (!topic) invalid['topicId'] = [refs.topicId];
  if (components.length > 0) invalid['componentIds'] = components;
  if (!pipeline && refs.pipelineId) invalid['pipelineId'] = [refs.pipelineId];
  if (!previous && refs.previousJobId) invalid['previousJobId'] = [refs.previousJobId];
  if (Object.keys(invalid).length > 0) {
    throw invalidIdsError('Unknown ids, or not visible to you', invalid);
  }
}

/** DCI's 404s on job creation, mapped back to the input field they are about. */
function createError(error: unknown, body: Record<string, unknown>): unknown {
  if (!(error instanceof DciHttpError) || error.status !== 404) return writeError(error);
  const message = error.dciMessage ?? '';
  const component = /component id (\S+) not found/i.exec(message);
  if (component) {
    return invalidIdsError('Unknown component, or not one DCI may schedule', {
      componentIds: [component[1]!],
    });
  }
  if (/topic not found/i.test(message)) {
    return invalidIdsError('Unknown topic', { topicId: [String(body['topic_id'])] });
  }
  if (/job not found/i.test(message) && body['previous_job_id']) {
    return invalidIdsError('Unknown previous job', {
      previousJobId: [String(body['previous_job_id'])],
    });
  }
  return writeError(error);
}

/** `POST /jobs`'s 404 for a component that vanished after the check: a job was left behind. */
function isComponentNotFound(error: unknown): boolean {
  return (
    error instanceof DciHttpError &&
    error.status === 404 &&
    /^component not found/i.test(error.dciMessage ?? '')
  );
}

/**
 * A component disappeared between the reference check and `POST /jobs` (a concurrent delete):
 * DCI inserted the job anyway. Deletes that empty job and names the vanished components.
 */
async function undoEmptyJob(
  ctx: MutationContext,
  remoteciId: string,
  body: Record<string, unknown>,
  refs: JobReferences,
): Promise<unknown> {
  const deleted = await deleteOrphanJob(ctx, remoteciId, body);
  const gone = await missingComponents(ctx, refs.componentIds).catch(() => []);
  const cleanup = deleted
    ? `The empty job ${deleted} DCI left behind was deleted.`
    : 'DCI may have left an empty job behind that the gateway could not delete.';
  return badInput(`A component was deleted while the job was being created. ${cleanup}`, {
    invalidIds: { componentIds: gone },
    orphanJobId: deleted,
    orphanDeleted: deleted !== null,
  });
}

/** The id in a create echo. */
function createdId(item: DciJob | null): string {
  if (!item || typeof item.id !== 'string') {
    throw gatewayError('DCI accepted the job but its answer carries no job id.', {
      code: 'UPSTREAM_ERROR',
      written: true,
    });
  }
  return item.id;
}

/**
 * Whether a failed `POST /jobs` may still have inserted the job: the answer was lost or cut
 * (no answer, a broken connection, a timeout, an unreadable body) or DCI failed after the fact
 * (a 5xx). A 4xx is DCI's decision, taken before or instead of the insert.
 */
function mayHaveWritten(error: unknown): boolean {
  if (error instanceof DciProtocolError || error instanceof DciNetworkError) return true;
  return error instanceof DciHttpError && error.status >= 500;
}

/**
 * The job carrying `marker`, `null` when DCI has none (nothing was created), or `undefined`
 * when the lookup itself failed.
 */
async function findByMarker(
  ctx: MutationContext,
  remoteciId: string,
  marker: string,
): Promise<DciJob | null | undefined> {
  try {
    const { items } = await clientOf(ctx).list<DciJob>('/jobs', {
      where: [
        { key: 'remoteci_id', value: remoteciId },
        { key: 'tags', value: marker },
      ],
      limit: 1,
      offset: 0,
    });
    return items[0] ?? null;
  } catch {
    return undefined;
  }
}

/**
 * The answer to a `POST /jobs` that failed in a way that may have left a job: the job itself
 * when DCI holds it (the create happened; a retry must not make another), DCI's error when it
 * does not (nothing was written), DCI_UNAVAILABLE naming the marker when no one can tell.
 */
async function recoverCreate(
  ctx: MutationContext,
  remoteciId: string,
  marker: string,
  error: unknown,
  componentIds: readonly string[],
): Promise<DciJob> {
  const found = await findByMarker(ctx, remoteciId, marker);
  if (found) return refreshJob(ctx, found.id, componentIds);
  if (found === null) throw toGraphQLError(error);
  throw gatewayError(
    `DCI's answer to the job creation was lost, and whether the job exists could not be checked: look for a job tagged ${marker} before creating it again.`,
    { code: 'DCI_UNAVAILABLE', written: 'unknown', marker },
  );
}

/**
 * createJob: remoteci check, input check, reference check, then `POST /jobs` and the re-read.
 * Nothing is written unless every check passed. The job is tagged with a unique marker, so
 * that an answer lost after DCI inserted it still ends with the job (found by its marker),
 * never with an unknown job that a retry would double.
 */
export async function createJob(ctx: MutationContext, input: CreateJobInput): Promise<DciJob> {
  const remoteciId = remoteciIdOf(ctx.auth);
  const { body, refs } = createJobRequest(input);
  const client = clientOf(ctx);
  await checkReferences(ctx, refs);
  reserve(ctx, 2);
  const marker = `${CREATE_MARKER_PREFIX}${randomUUID()}`;
  const tagged = { ...body, tags: [...((body['tags'] as string[] | undefined) ?? []), marker] };
  let created: Awaited<ReturnType<typeof client.create<DciJob>>>;
  try {
    created = await client.create<DciJob>('/jobs', tagged);
  } catch (error) {
    if (isComponentNotFound(error)) throw await undoEmptyJob(ctx, remoteciId, body, refs);
    if (mayHaveWritten(error)) {
      return recoverCreate(ctx, remoteciId, marker, error, refs.componentIds);
    }
    throw createError(error, body);
  }
  return refreshJob(ctx, createdId(created.item), refs.componentIds);
}

/**
 * scheduleJob: remoteci check, input check, then `POST /jobs/schedule` and the re-read. DCI
 * picks or checks the components before it inserts anything (§7.2), so its refusals (412 for a
 * missing component type, 404 for a component of another topic) leave nothing behind.
 */
export async function scheduleJob(ctx: MutationContext, input: ScheduleJobInput): Promise<DciJob> {
  remoteciIdOf(ctx.auth);
  const body = scheduleJobRequest(input);
  const client = clientOf(ctx);
  reserve(ctx, 2);
  let created: Awaited<ReturnType<typeof client.create<DciJob>>>;
  try {
    created = await client.create<DciJob>('/jobs/schedule', body);
  } catch (error) {
    throw createError(error, body);
  }
  return refreshJob(ctx, createdId(created.item));
}

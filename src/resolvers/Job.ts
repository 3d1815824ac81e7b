/** Job fields and the job root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciJob } from '../dci/types.js';
import { loadById } from '../loaders/by-id.js';
import type { Loaders } from '../loaders/index.js';
import type { ListArgs } from '../loaders/pages.js';
import { CREATE_MARKER_PREFIX } from '../mutations/create-marker.js';
import { connection, timestamps } from './common.js';
import { type Prefetch, prefetchChildren, selects } from './look-ahead.js';

/**
 * One of the collections `GET /jobs` embeds in a job. Jobs reached otherwise (a component's
 * jobs) lack them; those are read from the job loader, batched. Synchronous when the job has
 * it, as it does in every list: no promise per row and field.
 */
function embedded<K extends 'components' | 'results' | 'keys_values'>(
  job: DciJob,
  key: K,
  loaders: Loaders,
): NonNullable<DciJob[K]> | null | Promise<NonNullable<DciJob[K]> | null> {
  if (job.components) return job[key] ?? null;
  const listed = loadById(loaders.job, job.id);
  return listed instanceof Promise ? listed.then((j) => j?.[key] ?? null) : (listed?.[key] ?? null);
}

/** Every file of a job, jobstate files included: `GET /jobs/<id>/files` (§4.4). */
const jobFiles = (id: string, args: ListArgs, loaders: Loaders) =>
  loaders.filePages.page(args, { path: `/jobs/${id.toLowerCase()}/files` });

/** What `job(id:)` starts from the id alone, with the job's own read. */
const JOB_PREFETCH: Record<string, Prefetch> = {
  jobstates: (id, _, loaders) => loaders.jobStates.load(id.toLowerCase()),
  files: (id, args, loaders) => jobFiles(id, args, loaders),
};

/** Resolvers of Job, JobConnection and Query.job(s). */
export const jobResolvers: Resolvers = {
  Query: {
    job: (_, { id }, { loaders }, info) => {
      const fields = prefetchChildren(info, id, loaders, JOB_PREFETCH);
      // GET /jobs/<id> holds all the list does, plus `data`: when `data` is asked it is the
      // job's only read, with no list lookup before it.
      return loaders.batching && selects(fields, 'data')
        ? loaders.jobDetail.load(id.toLowerCase())
        : loaders.job.load(id);
    },
    jobs: (_, args, { loaders }) => loaders.jobPages.page(args),
  },
  Job: {
    ...timestamps,
    statusReason: (p) => p.status_reason,
    userAgent: (p) => p.user_agent,
    clientVersion: (p) => p.client_version,
    // createJob's own bookkeeping tag (src/mutations/create-job.ts) is not the caller's data.
    tags: (p) => (p.tags ?? []).filter((tag) => !tag.startsWith(CREATE_MARKER_PREFIX)),
    // Lists omit `data`: only GET /jobs/<id> has it, so it costs a request, made only when asked.
    data: (p, _, { loaders }) =>
      p.data !== undefined
        ? p.data
        : loaders.jobDetail.load(p.id).then((detail) => detail?.data ?? null),
    topic: (p, _, { loaders }) => loadById(loaders.topic, p.topic_id),
    product: (p, _, { loaders }) => loadById(loaders.product, p.product_id),
    remoteci: (p, _, { loaders }) => loadById(loaders.remoteci, p.remoteci_id),
    team: (p, _, { loaders }) => loadById(loaders.team, p.team_id),
    pipeline: (p, _, { loaders }) =>
      p.pipeline_id ? loadById(loaders.pipeline, p.pipeline_id) : null,
    components: (p, _, { loaders }) => embedded(p, 'components', loaders),
    results: (p, _, { loaders }) => embedded(p, 'results', loaders),
    keyValues: (p, _, { loaders }) => embedded(p, 'keys_values', loaders),
    jobstates: (p, _, { loaders }) => loaders.jobStates.load(p.id),
    files: (p, args, { loaders }) => jobFiles(p.id, args, loaders),
    previousJob: (p, _, { loaders }) =>
      p.previous_job_id ? loadById(loaders.job, p.previous_job_id) : null,
  },
  JobConnection: connection<DciJob>(),
};

/** Job fields and the job root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciJob } from '../dci/types.js';
import type { Loaders } from '../loaders/index.js';
import type { ListArgs } from '../loaders/pages.js';
import { connection, timestamps } from './common.js';
import { type Prefetch, prefetchChildren, selects } from './look-ahead.js';

/**
 * The job as `GET /jobs` lists it. Jobs reached otherwise (a component's jobs) lack the list's
 * embedded collections; those are read from the job loader, batched.
 */
async function listed(job: DciJob, loaders: Loaders): Promise<DciJob | null> {
  return job.components ? job : loaders.job.load(job.id);
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
    tags: (p) => p.tags ?? [],
    // Lists omit `data`: only GET /jobs/<id> has it, so it costs a request, made only when asked.
    data: async (p, _, { loaders }) =>
      p.data !== undefined ? p.data : ((await loaders.jobDetail.load(p.id))?.data ?? null),
    topic: (p, _, { loaders }) => loaders.topic.load(p.topic_id),
    product: (p, _, { loaders }) => loaders.product.load(p.product_id),
    remoteci: (p, _, { loaders }) => loaders.remoteci.load(p.remoteci_id),
    team: (p, _, { loaders }) => loaders.team.load(p.team_id),
    pipeline: (p, _, { loaders }) => (p.pipeline_id ? loaders.pipeline.load(p.pipeline_id) : null),
    components: async (p, _, { loaders }) => (await listed(p, loaders))?.components ?? null,
    results: async (p, _, { loaders }) => (await listed(p, loaders))?.results ?? null,
    keyValues: async (p, _, { loaders }) => (await listed(p, loaders))?.keys_values ?? null,
    jobstates: (p, _, { loaders }) => loaders.jobStates.load(p.id),
    files: (p, args, { loaders }) => jobFiles(p.id, args, loaders),
    previousJob: (p, _, { loaders }) =>
      p.previous_job_id ? loaders.job.load(p.previous_job_id) : null,
  },
  JobConnection: connection<DciJob>(),
};

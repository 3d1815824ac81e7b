/** Job fields and the job root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciJob } from '../dci/types.js';
import type { Loaders } from '../loaders/index.js';
import { connection, timestamps } from './common.js';

/**
 * The job as `GET /jobs` lists it. Jobs reached otherwise (a component's jobs) lack the list's
 * embedded collections; those are read from the job loader, batched.
 */
async function listed(job: DciJob, loaders: Loaders): Promise<DciJob | null> {
  return job.components ? job : loaders.job.load(job.id);
}

/** Resolvers of Job, JobConnection and Query.job(s). */
export const jobResolvers: Resolvers = {
  Query: {
    job: (_, { id }, { loaders }) => loaders.job.load(id),
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
    files: (p, args, { loaders }) => loaders.filePages.page(args, { path: `/jobs/${p.id}/files` }),
    previousJob: (p, _, { loaders }) =>
      p.previous_job_id ? loaders.job.load(p.previous_job_id) : null,
  },
  JobConnection: connection<DciJob>(),
};

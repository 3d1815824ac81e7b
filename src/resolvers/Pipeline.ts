/** Pipeline fields and the pipeline root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciPipeline } from '../dci/types.js';
import { eq } from '../filters/dsl.js';
import { loadById } from '../loaders/by-id.js';
import type { Loaders } from '../loaders/index.js';
import type { ListArgs } from '../loaders/pages.js';
import { connection, timestamps } from './common.js';
import { type Prefetch, prefetchChildren } from './look-ahead.js';

// `/jobs` scoped to the pipeline rather than GET /pipelines/<id>/jobs, which is unpaginated.
const pipelineJobs = (id: string, args: ListArgs, loaders: Loaders) =>
  loaders.jobPages.page(args, { scope: eq('pipeline_id', id.toLowerCase()) });

/** What `pipeline(id:)` starts from the id alone, with the pipeline's own read. */
const PIPELINE_PREFETCH: Record<string, Prefetch> = {
  jobs: (id, args, loaders) => pipelineJobs(id, args, loaders),
};

/** Resolvers of Pipeline, PipelineConnection and Query.pipeline(s). */
export const pipelineResolvers: Resolvers = {
  Query: {
    pipeline: (_, { id }, { loaders }, info) => {
      prefetchChildren(info, id, loaders, PIPELINE_PREFETCH);
      return loaders.pipeline.load(id);
    },
    pipelines: (_, args, { loaders }) => loaders.pipelinePages.page(args),
  },
  Pipeline: {
    ...timestamps,
    team: (p, _, { loaders }) => loadById(loaders.team, p.team_id),
    jobs: (p, args, { loaders }) => pipelineJobs(p.id, args, loaders),
  },
  PipelineConnection: connection<DciPipeline>(),
};

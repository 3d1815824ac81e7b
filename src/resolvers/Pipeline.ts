/** Pipeline fields and the pipeline root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciPipeline } from '../dci/types.js';
import { eq } from '../filters/dsl.js';
import { connection, timestamps } from './common.js';

/** Resolvers of Pipeline, PipelineConnection and Query.pipeline(s). */
export const pipelineResolvers: Resolvers = {
  Query: {
    pipeline: (_, { id }, { loaders }) => loaders.pipeline.load(id),
    pipelines: (_, args, { loaders }) => loaders.pipelinePages.page(args),
  },
  Pipeline: {
    ...timestamps,
    team: (p, _, { loaders }) => loaders.team.load(p.team_id),
    // `/jobs` scoped to the pipeline rather than GET /pipelines/<id>/jobs, which is unpaginated.
    jobs: (p, args, { loaders }) => loaders.jobPages.page(args, { scope: eq('pipeline_id', p.id) }),
  },
  PipelineConnection: connection<DciPipeline>(),
};

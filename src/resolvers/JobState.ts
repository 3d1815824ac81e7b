/** JobState fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { dciToIso } from '../filters/datetime.js';
import { loadById } from '../loaders/by-id.js';

/** Resolvers of JobState and Query.jobState. */
export const jobStateResolvers: Resolvers = {
  Query: {
    jobState: (_, { id }, { loaders }) => loaders.jobState.load(id),
  },
  JobState: {
    createdAt: (p) => dciToIso(p.created_at),
    job: (p, _, { loaders }) => loadById(loaders.job, p.job_id),
    // Embedded by /jobs/<id>/jobstates and /jobstates/<id>.
    files: (p) => p.files ?? [],
  },
};

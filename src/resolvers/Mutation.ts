/** The job mutations (schema/mutation.graphql); the logic lives in src/mutations. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { createJob, scheduleJob } from '../mutations/create-job.js';
import {
  addComponentToJob,
  addJobState,
  deleteJobKeyValue,
  removeComponentFromJob,
  setJobKeyValue,
} from '../mutations/job-parts.js';
import { deleteJob, updateJob } from '../mutations/update-job.js';

/** Every payload's `query`: the root value, so the operation can read on after the write. */
const query = {};

/** Resolvers of Mutation. */
export const mutationResolvers: Resolvers = {
  Mutation: {
    createJob: async (_, { input }, ctx) => ({ job: await createJob(ctx, input), query }),
    scheduleJob: async (_, { input }, ctx) => ({ job: await scheduleJob(ctx, input), query }),
    updateJob: async (_, args, ctx) => ({ job: await updateJob(ctx, args), query }),
    deleteJob: async (_, args, ctx) => ({ deletedId: await deleteJob(ctx, args), query }),
    addJobState: async (_, args, ctx) => ({ ...(await addJobState(ctx, args)), query }),
    addComponentToJob: async (_, args, ctx) => ({ job: await addComponentToJob(ctx, args), query }),
    removeComponentFromJob: async (_, args, ctx) => ({
      job: await removeComponentFromJob(ctx, args),
      query,
    }),
    setJobKeyValue: async (_, args, ctx) => ({ ...(await setJobKeyValue(ctx, args)), query }),
    deleteJobKeyValue: async (_, args, ctx) => ({ job: await deleteJobKeyValue(ctx, args), query }),
  },
};

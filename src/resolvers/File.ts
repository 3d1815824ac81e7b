/** File, ComponentFile and test result fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciFile } from '../dci/types.js';
import { connection, timestamps } from './common.js';

/** Resolvers of File, FileConnection, ComponentFile, TestResult and Query.file. */
export const fileResolvers: Resolvers = {
  Query: {
    file: (_, { id }, { loaders }) => loaders.file.load(id),
  },
  File: {
    ...timestamps,
    jobStateId: (p) => p.jobstate_id,
    job: (p, _, { loaders }) => loaders.job.load(p.job_id),
  },
  FileConnection: connection<DciFile>(),
  ComponentFile: timestamps,
  TestResult: {
    ...timestamps,
    fileId: (p) => p.file_id,
  },
};

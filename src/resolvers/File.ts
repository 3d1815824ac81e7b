/** File, ComponentFile and test result fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciFile } from '../dci/types.js';
import {
  binaryContentError,
  checkMaxBytes,
  DEFAULT_CONTENT_BYTES,
  decodeText,
  isTextMime,
} from '../files/content.js';
import { loadById } from '../loaders/by-id.js';
import { connection, timestamps } from './common.js';

/** Resolvers of File, FileConnection, ComponentFile, TestResult and Query.file. */
export const fileResolvers: Resolvers = {
  Query: {
    file: (_, { id }, { loaders }) => loaders.file.load(id),
  },
  File: {
    ...timestamps,
    jobStateId: (p) => p.jobstate_id,
    job: (p, _, { loaders }) => loadById(loaders.job, p.job_id),
    content: async (p, { maxBytes }, { loaders }) => {
      const limit = checkMaxBytes(maxBytes ?? DEFAULT_CONTENT_BYTES);
      if (!isTextMime(p.mime)) throw binaryContentError(p);
      const prefix = await loaders.fileContent(p.id, limit);
      const text = decodeText(prefix);
      if (text === null) throw binaryContentError(p);
      return { text, size: p.size ?? null, truncated: prefix.truncated, encoding: 'utf-8' };
    },
  },
  FileConnection: connection<DciFile>(),
  ComponentFile: timestamps,
  TestResult: {
    ...timestamps,
    fileId: (p) => p.file_id,
  },
};

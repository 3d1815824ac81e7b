/** Test cases of JUnit results: TestResult.testCases and Job.failedTests. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciJob, DciResult } from '../dci/types.js';
import type { JunitTestCase } from '../files/junit.js';
import { pageWindow } from '../filters/pagination.js';
import type { Loaders } from '../loaders/index.js';
import { assertWellFormed } from '../loaders/rows.js';
import { connection } from './common.js';

/** A job's results: embedded in job lists; jobs reached otherwise go through the job loader. */
async function resultsOf(job: DciJob, loaders: Loaders): Promise<DciResult[]> {
  const listed = job.results ? job : await loaders.job.load(job.id);
  // A result DCI answered malformed (rows.ts) may hold failures: the field fails, never shorter.
  return assertWellFormed(listed?.results ?? []);
}

/** Resolvers of TestCase, TestCaseConnection, TestResult.testCases and Job.failedTests. */
export const testCaseResolvers: Resolvers = {
  TestResult: {
    testCases: async (result, { status, ...args }, { loaders }) => {
      // Arguments are checked before anything is downloaded.
      const window = pageWindow(args, loaders.maxFirst);
      const cases = result.file_id ? await loaders.junit.load(result.file_id) : [];
      const wanted = status && status.length > 0 ? new Set(status) : null;
      const matching = wanted ? cases.filter((c) => wanted.has(c.status)) : cases;
      return {
        items: matching.slice(window.offset, window.offset + window.take),
        count: matching.length,
        offset: window.offset,
      };
    },
  },
  Job: {
    failedTests: async (job, args, { loaders }) => {
      const { take } = pageWindow({ first: args.first ?? 20 }, loaders.maxFirst);
      const files = (await resultsOf(job, loaders))
        .map((r) => r.file_id)
        .filter((id): id is string => Boolean(id));
      const reports = await Promise.all(files.map((id) => loaders.junit.load(id)));
      const failed: JunitTestCase[] = [];
      for (const cases of reports) {
        for (const c of cases) {
          if (failed.length >= take) return failed;
          if (c.status === 'FAILURE' || c.status === 'ERROR') failed.push(c);
        }
      }
      return failed;
    },
  },
  TestCaseConnection: connection<JunitTestCase>(),
};

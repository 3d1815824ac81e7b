/** Job statistics, DCI's /stats and the coverage matrix. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciStatsTopic } from '../dci/types.js';
import { dciToIso } from '../filters/datetime.js';
import { coverageCells, coverageRows } from '../loaders/coverage.js';
import { componentJobStats, countedJobStats, countsByStatus } from '../loaders/job-stats.js';
import { assertWellFormed, isMalformed } from '../loaders/rows.js';

/** Resolvers of JobStats, TopicStats, LatestJob, CoverageRow/Cell and the fields reaching them. */
export const statisticsResolvers: Resolvers = {
  Query: {
    // A malformed topic's error stands in its place (rows.ts): the executor reports it there.
    stats: (_, __, { loaders }) => loaders.stats() as Promise<DciStatsTopic[]>,
  },
  Topic: {
    jobStats: (p, args, { loaders }) => countedJobStats(loaders, 'topic_id', p.id, args),
    coverage: (p, { componentType, last }, { loaders }) =>
      coverageRows(loaders, p.id, componentType, last ?? 5),
    latestJobsByRemoteci: async (p, _, { loaders }) => {
      const topics = await loaders.stats();
      const entry = topics.find((t) => !isMalformed(t) && t.topic.id === p.id);
      if (entry && !isMalformed(entry)) return entry.jobs;
      // A malformed entry may have been this topic's: no answer is better than a wrong [].
      const malformed = topics.find(isMalformed);
      if (malformed) throw malformed;
      return [];
    },
  },
  Product: {
    jobStats: (p, args, { loaders }) => countedJobStats(loaders, 'product_id', p.id, args),
  },
  RemoteCI: {
    jobStats: (p, args, { loaders }) => countedJobStats(loaders, 'remoteci_id', p.id, args),
  },
  Component: {
    jobStats: (p, args, { loaders }) => componentJobStats(loaders, p.id, args),
  },
  JobStats: {
    total: (p) => p.count(null),
    byStatus: (p) => countsByStatus(p),
  },
  TopicStats: {
    topicId: (p) => p.topic.id,
    topicName: (p) => p.topic.name,
    topic: (p, _, { loaders }) => loaders.topic.load(p.topic.id),
    productName: (p) => p.product.name,
    latestJobs: (p) => p.jobs,
    successfulJobs: (p) => p.nbOfSuccessfulJobs,
    jobCount: (p) => p.nbOfJobs,
  },
  LatestJob: {
    jobId: (p) => p.id,
    job: (p, _, { loaders }) => loaders.job.load(p.id),
    createdAt: (p) => dciToIso(p.created_at),
    remoteciName: (p) => p.remoteci_name,
    teamName: (p) => p.team_name,
  },
  CoverageRow: {
    remotecis: (p) => coverageCells(p),
  },
  CoverageCell: {
    remoteci: (p, _, { loaders }) => loaders.remoteci.load(p.remoteciId),
    job: (p, _, { loaders }) => loaders.job.load(p.job.id),
    createdAt: (p) => dciToIso(p.job.created_at),
    testFailures: async (p, _, { loaders }) => {
      const job = await loaders.job.load(p.job.id);
      if (!job?.results) return null;
      return assertWellFormed(job.results).reduce((sum, r) => sum + r.failures + r.errors, 0);
    },
  },
};

/**
 * Job statistics from DCI's counts, never by listing jobs: for each status one
 * `GET /jobs?limit=1&offset=0&query=and(<scope>,eq(status,S))` whose `_meta.count` is the
 * number, plus one without the status for the total. All of an object's counts start in the
 * same tick, so they take one wave; identical requests within an operation are made once.
 *
 * Components are the exception: `/jobs` cannot filter on components (REST-REFERENCE §5), so a
 * component's statistics are counted from `GET /components/<id>`, which embeds every job of the
 * component (team-scoped as the job list is) and which Component.jobs reads anyway: one request.
 */
import { type DciJob, type DciJobStatus, JOB_STATUSES } from '../dci/types.js';
import { userInputError } from '../errors.js';
import { type Condition, combine } from '../filters/condition.js';
import { comparableNaive, isoToNaiveUtc } from '../filters/datetime.js';
import { eq } from '../filters/dsl.js';
import type { Loaders } from './index.js';
import { embeddedJobs, missingCount } from './rows.js';

/** What JobStats resolves from: a count per status (null: all statuses). */
export interface JobStatsSource {
  count(status: DciJobStatus | null): Promise<number>;
}

/** The time window and remoteci arguments of a `jobStats` field. */
export interface JobStatsArgs {
  since?: string | null;
  until?: string | null;
  remoteciId?: string | null;
  topicId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Window {
  since: string | null;
  until: string | null;
  remoteciId: string | null;
  topicId: string | null;
}

/** Validates the arguments: naive UTC bounds (since inclusive, until exclusive), UUID ids. */
function windowOf(args: JobStatsArgs): Window {
  const time = (value: string | null | undefined, field: string) => {
    if (value == null) return null;
    const naive = isoToNaiveUtc(value);
    if (naive === null) throw userInputError(`\`${field}\` must be an ISO-8601 date-time.`, field);
    return naive;
  };
  const id = (value: string | null | undefined, field: string) => {
    if (value == null) return null;
    if (!UUID.test(value)) throw userInputError(`\`${field}\` must be a UUID.`, field);
    return value.toLowerCase();
  };
  const window = {
    since: time(args.since, 'since'),
    until: time(args.until, 'until'),
    remoteciId: id(args.remoteciId, 'remoteciId'),
    topicId: id(args.topicId, 'topicId'),
  };
  if (window.since && window.until && window.since >= window.until) {
    throw userInputError('`since` must be before `until`.', 'since');
  }
  return window;
}

/** Counts of the jobs of `column = id` (topic_id, product_id, remoteci_id) from DCI. */
export function countedJobStats(
  loaders: Loaders,
  column: 'topic_id' | 'product_id' | 'remoteci_id',
  id: string,
  args: JobStatsArgs,
): JobStatsSource {
  const w = windowOf(args);
  const scope: Condition[] = [eq(column, id)];
  const cmp = (op: 'ge' | 'lt', value: string): Condition => ({
    kind: 'cmp',
    op,
    column: 'created_at',
    value,
    type: 'datetime',
  });
  if (w.since) scope.push(cmp('ge', w.since));
  if (w.until) scope.push(cmp('lt', w.until));
  if (w.remoteciId && column !== 'remoteci_id') scope.push(eq('remoteci_id', w.remoteciId));
  if (w.topicId && column !== 'topic_id') scope.push(eq('topic_id', w.topicId));
  return {
    count: async (status) => {
      const conditions = status
        ? [...scope, { ...eq('status', status), type: 'enum' as const }]
        : scope;
      const page = await loaders.jobPages.page({ first: 1 }, { scope: combine('and', conditions) });
      if (page.count === null) throw missingCount();
      return page.count;
    },
  };
}

/** Counts of a component's jobs, from its detail (see the module comment). */
export function componentJobStats(
  loaders: Loaders,
  componentId: string,
  args: JobStatsArgs,
): JobStatsSource {
  const w = windowOf(args);
  const jobs: Promise<DciJob[]> = loaders.componentDetail.load(componentId).then((detail) =>
    (detail ? embeddedJobs(detail) : []).filter((job) => {
      if (job.state === 'archived') return false;
      const at = comparableNaive(job.created_at);
      if (w.since && at < comparableNaive(w.since)) return false;
      if (w.until && at >= comparableNaive(w.until)) return false;
      if (w.remoteciId && job.remoteci_id !== w.remoteciId) return false;
      if (w.topicId && job.topic_id !== w.topicId) return false;
      return true;
    }),
  );
  return {
    count: async (status) => {
      const list = await jobs;
      return status ? list.filter((j) => j.status === status).length : list.length;
    },
  };
}

/** Every status with its count, in DCI's status order. */
export async function countsByStatus(
  source: JobStatsSource,
): Promise<{ status: DciJobStatus; count: number }[]> {
  const counts = await Promise.all(JOB_STATUSES.map((s) => source.count(s)));
  return JOB_STATUSES.map((status, i) => ({ status, count: counts[i]! }));
}

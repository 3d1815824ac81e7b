/**
 * A topic's coverage matrix: its latest components of one type, and for each the latest job of
 * every remote CI that used it. DCI has no route answering this at once: `/jobs` cannot filter
 * on components (REST-REFERENCE §5) and `GET /stats` only knows topics. So: the component list
 * (`GET /topics/<id>/components`, newest release first, `eq(type,T)`), then every component's
 * detail (`GET /components/<id>`, which embeds all its jobs, team-scoped), all in one wave.
 * Cells carry the embedded job's columns; the job's results (test failures) and the remote CI
 * come from the by-id loaders, batched, only when asked for.
 */
import { assertQueryValue } from '../dci/query.js';
import type { DciComponent, DciJob } from '../dci/types.js';
import { userInputError } from '../errors.js';
import { eq } from '../filters/dsl.js';
import { pageWindow } from '../filters/pagination.js';
import type { Loaders } from './index.js';
import { embeddedJobs, isMalformed, type MalformedRow, malformedRow, wellFormed } from './rows.js';

/**
 * One row: a component and its jobs (columns only, from the component's detail), or the error
 * of a detail embedding a malformed job: that row's cells fail alone (`coverage.1.remotecis`).
 */
export interface CoverageRowSource {
  component: DciComponent;
  jobs: DciJob[] | MalformedRow;
}

/** One cell: the latest job of a remote CI on the row's component. */
export interface CoverageCellSource {
  remoteciId: string;
  job: DciJob;
  /** The job's status (CoverageCell.status). */
  status: DciJob['status'];
}

/** The rows of a topic's coverage for `componentType`, the `last` latest components. */
export async function coverageRows(
  loaders: Loaders,
  topicId: string,
  componentType: string,
  last: number,
): Promise<CoverageRowSource[]> {
  const type = componentType.trim().toLowerCase();
  if (!type) throw userInputError('`componentType` must not be empty.', 'componentType');
  try {
    assertQueryValue(type, 'componentType');
  } catch {
    throw userInputError(
      '`componentType` holds a character DCI cannot filter on.',
      'componentType',
    );
  }
  if (!Number.isInteger(last) || last < 1 || last > loaders.maxFirst) {
    throw userInputError(`\`last\` must be between 1 and ${loaders.maxFirst}.`, 'last');
  }
  pageWindow({ first: last }, loaders.maxFirst);
  const page = await loaders.componentPages.page(
    { first: last },
    { path: `/topics/${topicId}/components`, scope: eq('type', type) },
  );
  // A malformed component (rows.ts) leaves no row to show: the matrix is an UPSTREAM_ERROR.
  const components = wellFormed(page.items);
  if (components.length < page.items.length) throw page.items.find(isMalformed);
  const details = await Promise.all(components.map((c) => loaders.componentDetail.load(c.id)));
  return components.map((component, i) => {
    const detail = details[i];
    if (!detail) return { component, jobs: [] };
    try {
      return { component, jobs: embeddedJobs(detail) };
    } catch (error) {
      return { component, jobs: error as MalformedRow };
    }
  });
}

/** The row's cells: per remote CI its newest live job, newest cells first. */
export function coverageCells(row: CoverageRowSource): CoverageCellSource[] {
  if (isMalformed(row.jobs)) throw row.jobs;
  const latest = new Map<string, DciJob>();
  for (const job of row.jobs) {
    if (job.state === 'archived') continue;
    // A job no remote CI can be told for leaves the row's cells unknown: they fail together.
    if (typeof job.remoteci_id !== 'string') {
      throw malformedRow(
        `a job (${job.id}) without its remoteci_id in component ${row.component.id}`,
      );
    }
    const seen = latest.get(job.remoteci_id);
    if (!seen || newer(job, seen)) latest.set(job.remoteci_id, job);
  }
  return [...latest.entries()]
    .map(([remoteciId, job]) => ({ remoteciId, job, status: job.status }))
    .sort((a, b) => (newer(a.job, b.job) ? -1 : newer(b.job, a.job) ? 1 : 0));
}

const padded = (at: string) => {
  const [whole = '', fraction = ''] = at.split('.');
  return `${whole}.${fraction.padEnd(6, '0')}`;
};
const newer = (a: DciJob, b: DciJob) => padded(a.created_at) > padded(b.created_at);

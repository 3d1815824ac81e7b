/**
 * A component's jobs. DCI has no batchable route for them: `/jobs` cannot filter by component
 * (the DSL sees only job columns), so the only source is `GET /components/<id>`, which embeds
 * every job using the component, unpaginated, unsorted, team-scoped for regular users
 * (REST-REFERENCE §4.3, §5). The gateway filters, sorts (default newest first) and pages that
 * list itself; totalCount is exact. The embedded jobs carry columns only (and `data`), so they
 * do not prime the job loader: relations of these jobs go through the loaders by id.
 */
import type { DciJob } from '../dci/types.js';
import { compileFilter } from '../filters/condition.js';
import { sortByKeys, sortKeys } from '../filters/order.js';
import { planPage } from '../filters/pagination.js';
import { matches } from '../filters/predicate.js';
import type { Loaders } from './index.js';
import { LISTS } from './lists.js';
import type { Page } from './page.js';
import { type CompiledList, type ListArgs, pageOf } from './pages.js';
import { embeddedJobs } from './rows.js';

/** The kinds of the job columns a filter or sort names (enum, datetime, id, text...). */
const JOB_COLUMN_KINDS = Object.fromEntries(
  Object.values(LISTS.jobs.spec).map((field) => [field.column, field.kind]),
);

/** One page of a component's jobs, filtered and sorted in the gateway. */
export async function componentJobsPage(
  loaders: Loaders,
  componentId: string,
  args: ListArgs,
): Promise<Page<DciJob> | null> {
  // Validate everything before the request, as for lists DCI filters itself.
  const condition = compileFilter(args.filter, LISTS.jobs.spec);
  const sort = sortKeys(args.orderBy, LISTS.jobs.defaultSort);
  const plan = planPage(args, sort, loaders.maxFirst);
  const detail = await loaders.componentDetail.load(componentId);
  if (!detail) return null;
  const jobs = embeddedJobs(detail);
  // One pass: what the caller may see (its count is totalCount), and of it the rows after the
  // cursor in the order read, as DCI would answer them (the same plan DCI lists follow).
  const visible: DciJob[] = [];
  const after: DciJob[] = plan.keyset ? [] : visible;
  for (const job of jobs) {
    if (job.state === 'archived' || !matches(job, condition)) continue;
    visible.push(job);
    if (plan.keyset && matches(job, plan.keyset)) after.push(job);
  }
  // Only the rows up to the page's end are ordered (a page of 5 out of thousands of jobs).
  const end = plan.offset + plan.limit;
  const rows = sortByKeys(after, plan.sort, JOB_COLUMN_KINDS, end);
  const list: CompiledList = {
    path: `/components/${componentId}`,
    params: { limit: plan.limit, offset: plan.offset, sort: plan.sort },
    plan,
    sort,
    totalParams: null,
  };
  const total = async () => visible.length;
  return pageOf(list, rows.slice(plan.offset, end), after.length, total);
}

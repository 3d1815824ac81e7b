/**
 * List requests answered from the tables' indexes (table.ts) with exactly the result of a full
 * scan (`applyListQuery`): same rows, same order, same `_meta.count`.
 *
 * 1. Candidates: the rows the filter can possibly match, from a hash index when the route's own
 *    scope (`topic_id` of `/topics/<id>/components`, the caller's teams...) or the filter's
 *    equalities (`eq(id,…)`, `or(eq(topic_id,A),eq(topic_id,B))`, `where=status:failure`...)
 *    name indexed values; the smallest such set wins; otherwise every row.
 * 2. Every candidate is tested with the full filter (scope, visibility, where/query,
 *    created_after/updated_after): the index narrows, it never decides.
 * 3. Order: when the first sort key is a timestamp and the candidates are a large part of the
 *    table, the sorted index is walked in order (rows with equal timestamps sorted by the other
 *    keys, then table order); otherwise the matching candidates are sorted like a full scan.
 * 4. Only the requested page is kept; the route renders only those rows.
 */
import type { Reply, RouteContext } from './context.js';
import { listReply } from './context.js';
import {
  compareSortValues,
  type IndexPlan,
  indexPlan,
  isExactPlan,
  type ListQuery,
  parseListParams,
  type ResourceSchema,
  type SortKey,
  sortRows,
  sortValue,
} from './query-language.js';
import { type SortedEntry, type SortedIndex, VersionedMap } from './table.js';

/** Columns a table may keep a hash index on (foreign keys, the job status, the row state). */
const INDEXED_COLUMNS = new Set([
  'team_id',
  'topic_id',
  'remoteci_id',
  'product_id',
  'pipeline_id',
  'status',
  'state',
  'job_id',
  'jobstate_id',
  'component_id',
]);

/** Below this share of the table, candidates are sorted rather than found by a sorted walk. */
const SORT_CANDIDATES_BELOW = 1 / 8;

/** Where a list's rows come from and which of them the route may show. */
export interface ListSource<T extends object> {
  /** The table (rows keyed by id). */
  table: Map<string, T>;
  /** Soft-deleted rows (`state` archived) are not listed (§4.0). */
  live?: boolean;
  /**
   * Route-level visibility beyond `live` and `scope` (team scoping...). Without it every live,
   * in-scope row is listed, and an unfiltered list takes `_meta.count` from the index sizes
   * instead of testing every row.
   */
  accept?: (row: T) => boolean;
  /** A column constraint of the route itself: only rows whose value is one of `values`. */
  scope?: { column: string; values: readonly string[] };
}

/** A candidate set: its size, then (when chosen) its rows as groups, possibly overlapping. */
interface Candidates<T> {
  size: number;
  groups(): (readonly T[])[];
  /** The groups are one array in table order (a hash group). */
  tableOrder: boolean;
}

/**
 * The page and `_meta.count` of a list query over a source: the same answer as
 * `applyListQuery` over the accepted, in-scope rows in table order.
 *
 * Cost: the page's rows plus, for `_meta.count`, either nothing (an unfiltered list of a
 * source without `accept`: counted from the index sizes) or one test per candidate row.
 * Only a filter no index serves (`ilike(name,…)`, `ne(status,…)`, a date range) tests every
 * row of the table, as PostgreSQL's count would scan it.
 */
export function listRows<T extends object>(
  source: ListSource<T>,
  q: ListQuery,
  schema: ResourceSchema,
): { rows: T[]; count: number } {
  const { table, accept, scope, live } = source;
  const scopeValues = scope ? new Set(scope.values) : null;
  const inScope = (row: T) =>
    scopeValues === null ||
    scopeValues.has(String((row as Record<string, unknown>)[scope!.column]));
  const test = (row: T) =>
    inScope(row) &&
    (live !== true || (row as { state?: unknown }).state !== 'archived') &&
    (accept === undefined || accept(row)) &&
    q.matches(row);

  let candidates = scope ? lookupAll(table, scope.column, scope.values, false) : null;
  // Without a filter or a route predicate, the count is the in-scope rows minus archived ones.
  let count =
    accept === undefined && !filtered(q) && (scope === undefined || candidates !== null)
      ? countLive(table, candidates, live === true, inScope)
      : null;
  const plan = count === null ? indexPlan(q, schema) : null;
  const planned = plan ? candidatesOf(table, plan) : null;
  let exact = false;
  if (planned && (candidates === null || planned.size < candidates.size)) {
    candidates = planned;
    // The filter holds for exactly these rows: counting them needs no filter evaluation.
    exact = isExactPlan(q, plan);
  }

  const first = q.sort[0];
  const index =
    first !== undefined && schema.columns[first.column] === 'datetime'
      ? sortedIndexOf(table, first.column)
      : null;
  if (
    index !== null &&
    (candidates === null || candidates.size >= table.size * SORT_CANDIDATES_BELOW)
  ) {
    // Walk the table in sort order; the count comes from the candidates when they are known,
    // so the walk stops at the end of the page.
    if (count === null && candidates !== null) {
      count = exact
        ? countExact(table, candidates, q, { scope, accept, live }, inScope)
        : countMatching(candidates, test);
    }
    const walked = walk(index, q, schema, test, count !== null);
    return { rows: walked.rows, count: count ?? walked.count };
  }
  const matching: T[] = [];
  if (candidates === null) {
    for (const row of table.values()) if (test(row)) matching.push(row);
  } else {
    for (const row of distinct(candidates)) if (test(row)) matching.push(row);
  }
  const sorted =
    index !== null
      ? sortByIndex(matching, index, q.sort, schema)
      : sortInTableOrder(table, matching, candidates, q, schema);
  return { rows: page(sorted, q), count: matching.length };
}

/** The query filters rows (`where`, `query`, `created_after`, `updated_after`). */
function filtered(q: ListQuery): boolean {
  return q.where !== null || q.query !== null || q.createdAfter !== null || q.updatedAfter !== null;
}

/**
 * Rows of the candidates (every row when null) that are not archived (`live`), from index
 * sizes: the candidates' size (the table's) less the archived rows among them, read from the
 * hash index on `state` (a handful of rows, unlike the live ones).
 */
function countLive<T extends object>(
  table: Map<string, T>,
  candidates: Candidates<T> | null,
  live: boolean,
  inScope: (row: T) => boolean,
): number | null {
  let count = candidates === null ? table.size : candidates.size;
  if (!live) return count;
  const archived = lookup(table, 'state', 'archived', false);
  if (archived === null) return null;
  for (const row of archived) if (inScope(row)) count--;
  return count;
}

/**
 * How many rows of an exact plan's candidates (disjoint groups; see `isExactPlan`) the route
 * lists: without a scope or a route predicate, their number less the archived rows the filter
 * holds for; otherwise each candidate tested for the route's conditions only.
 */
function countExact<T extends object>(
  table: Map<string, T>,
  candidates: Candidates<T>,
  q: ListQuery,
  route: Pick<ListSource<T>, 'scope' | 'accept' | 'live'>,
  inScope: (row: T) => boolean,
): number {
  const isLive = (row: T) =>
    route.live !== true || (row as { state?: unknown }).state !== 'archived';
  if (route.scope === undefined && route.accept === undefined) {
    if (route.live !== true) return candidates.size;
    const archived = lookup(table, 'state', 'archived', false);
    if (archived !== null) {
      let n = candidates.size;
      for (const row of archived) if (q.matches(row)) n--;
      return n;
    }
  }
  const accept = route.accept;
  let n = 0;
  for (const row of distinct(candidates)) {
    if (inScope(row) && isLive(row) && (accept === undefined || accept(row))) n++;
  }
  return n;
}

/** How many candidate rows pass the test (each row once). */
function countMatching<T extends object>(c: Candidates<T>, test: (row: T) => boolean): number {
  let n = 0;
  for (const row of distinct(c)) if (test(row)) n++;
  return n;
}

/** The candidate rows, each once (groups of different values or columns may overlap). */
function distinct<T>(c: Candidates<T>): Iterable<T> {
  const groups = c.groups();
  return groups.length === 1 ? groups[0]! : new Set(groups.flat());
}

/**
 * Sorts rows like a full scan (`sortRows` over the table order) when the first key is the
 * sorted index's timestamp: each row's normalised timestamp and table position are read from
 * its index entry rather than recomputed.
 */
function sortByIndex<T extends object>(
  rows: T[],
  index: SortedIndex<string, T>,
  sort: readonly SortKey[],
  schema: ResourceSchema,
): T[] {
  const [first, ...rest] = sort as [SortKey, ...SortKey[]];
  const sign = first.descending ? -1 : 1;
  const decorated = rows.map((row) => {
    const { key, ord } = index.placeOf(row);
    return { row, key, ord, rest: null as unknown[] | null };
  });
  const restOf = (d: (typeof decorated)[number]) =>
    (d.rest ??= rest.map((k) => sortValue(d.row as Record<string, unknown>, k, schema)));
  decorated.sort((a, b) => {
    if (a.key !== b.key) {
      // NULLs last ascending, first descending (PostgreSQL's defaults).
      if (a.key === null) return sign;
      if (b.key === null) return -sign;
      return a.key < b.key ? -sign : sign;
    }
    if (rest.length > 0) {
      const x = restOf(a);
      const y = restOf(b);
      for (let i = 0; i < rest.length; i++) {
        const c = compareSortValues(x[i], y[i], rest[i]!, schema);
        if (c !== 0) return c;
      }
    }
    return a.ord - b.ord;
  });
  return decorated.map((d) => d.row);
}

/** Sorts matching rows like a full scan: stable over the table order. */
function sortInTableOrder<T extends object>(
  table: Map<string, T>,
  rows: T[],
  candidates: Candidates<T> | null,
  q: ListQuery,
  schema: ResourceSchema,
): T[] {
  // Rows from one hash group or from the table itself are already in table order.
  const ordered = candidates === null || candidates.tableOrder ? rows : inTableOrder(table, rows);
  return sortRows(ordered, q.sort, schema);
}

/** Parses a list request's parameters (§3) and answers it from the source's indexes. */
export function indexedList<T extends object>(
  ctx: RouteContext,
  schema: ResourceSchema,
  key: string,
  source: ListSource<T>,
  view: (row: T) => unknown,
): Reply {
  const q = parseListParams(ctx.query, schema);
  const { rows, count } = listRows(source, q, schema);
  return listReply(key, rows.map(view), count);
}

function page<T>(rows: T[], q: ListQuery): T[] {
  return q.limit === null ? rows.slice(q.offset) : rows.slice(q.offset, q.offset + q.limit);
}

/** Rows whose `column` is one of `values`, or null when no index serves the column. */
function lookupAll<T extends object>(
  table: Map<string, T>,
  column: string,
  values: readonly string[],
  caseInsensitive: boolean,
): Candidates<T> | null {
  const groups: (readonly T[])[] = [];
  let size = 0;
  for (const value of new Set(values)) {
    const rows = lookup(table, column, value, caseInsensitive);
    if (rows === null) return null;
    if (rows.length > 0) groups.push(rows);
    size += rows.length;
  }
  return { size, groups: () => groups, tableOrder: groups.length <= 1 };
}

/**
 * Rows whose normalised timestamp in `column` lies within the bounds, from the sorted index
 * (index order, NULLs never), or null when the table keeps no sorted index.
 */
function rangeOf<T extends object>(
  table: Map<string, T>,
  plan: Extract<IndexPlan, { kind: 'range' }>,
): Candidates<T> | null {
  const index = sortedIndexOf(table, plan.column);
  if (index === null) return null;
  const { lo, hi } = index.range(plan.lower, plan.upper);
  let rows: T[] | null = null;
  return {
    size: hi - lo,
    groups: () => {
      rows ??= index.entries.slice(lo, hi).map((e) => e.row);
      return [rows];
    },
    tableOrder: false,
  };
}

/** Rows whose `column` is `value` (table order), or null when no index serves the column. */
function lookup<T extends object>(
  table: Map<string, T>,
  column: string,
  value: string,
  caseInsensitive: boolean,
): readonly T[] | null {
  if (column === 'id') {
    // Rows are stored under their id, and ids are lower case throughout the store.
    const row = table.get(value);
    return row === undefined ? [] : [row];
  }
  if (
    !INDEXED_COLUMNS.has(column) ||
    !(table instanceof VersionedMap) ||
    !(table as VersionedMap<string, T>).indexable(column)
  ) {
    return null;
  }
  const index = (table as VersionedMap<string, T>).hashIndex(column);
  // A stored value with upper-case letters would be missed by a lower-cased lookup.
  if (caseInsensitive && index.hasUpperCase) return null;
  return index.get(value);
}

/**
 * The table's sorted index on a timestamp column, or null when it keeps none (a plain Map, or
 * a deferred table: a job's few jobstates are sorted as they are, without building them all).
 */
function sortedIndexOf<T extends object>(
  table: Map<string, T>,
  column: string,
): SortedIndex<string, T> | null {
  if (!(table instanceof VersionedMap)) return null;
  const ordered = table as VersionedMap<string, T>;
  return ordered.indexable(column) ? ordered.sortedIndex(column) : null;
}

/**
 * The candidates a plan allows: eq -> its group; range -> the sorted index's slice; or ->
 * every part's; and -> the smallest.
 */
function candidatesOf<T extends object>(
  table: Map<string, T>,
  plan: IndexPlan,
): Candidates<T> | null {
  if (plan.kind === 'eq') {
    return lookupAll(table, plan.column, [plan.value], plan.caseInsensitive);
  }
  if (plan.kind === 'range') return rangeOf(table, plan);
  const parts = plan.parts.map((p) => candidatesOf(table, p));
  if (plan.kind === 'or') {
    if (parts.some((p) => p === null)) return null;
    const all = parts as Candidates<T>[];
    return {
      size: all.reduce((n, p) => n + p.size, 0),
      groups: () => all.flatMap((p) => p.groups()),
      tableOrder: all.length === 1 && all[0]!.tableOrder,
    };
  }
  let best: Candidates<T> | null = null;
  for (const p of parts) if (p && (best === null || p.size < best.size)) best = p;
  return best;
}

/** Rows (each once) in table order. */
function inTableOrder<T extends object>(table: Map<string, T>, rows: T[]): T[] {
  if (!(table instanceof VersionedMap)) {
    const set = new Set(rows);
    return [...table.values()].filter((r) => set.has(r));
  }
  const ordered = table as VersionedMap<string, T>;
  const ord = new Map(rows.map((r) => [r, ordered.ordinalOf((r as { id: string }).id)]));
  return rows.sort((a, b) => ord.get(a)! - ord.get(b)!);
}

/**
 * Walks a sorted index in the query's order, counting every row that passes `test` and
 * keeping the page. Rows with equal first keys are ordered by the remaining keys, then by
 * table order (the order a stable sort of the table gives them). With `stopAtPage` (the
 * count is known otherwise) the walk ends with the page, and `count` is only what it saw.
 */
function walk<T extends object>(
  index: SortedIndex<string, T>,
  q: ListQuery,
  schema: ResourceSchema,
  test: (row: T) => boolean,
  stopAtPage: boolean,
): { rows: T[]; count: number } {
  for (;;) {
    const result = walkOnce(index, q, schema, test, stopAtPage);
    if (result.stale.length === 0) return { rows: result.rows, count: result.count };
    // A row's timestamp was changed in place: file it again and walk afresh.
    index.heal(result.stale);
  }
}

function walkOnce<T extends object>(
  index: SortedIndex<string, T>,
  q: ListQuery,
  schema: ResourceSchema,
  test: (row: T) => boolean,
  stopAtPage: boolean,
): { rows: T[]; count: number; stale: SortedEntry<string, T>[] } {
  const entries = index.entries;
  const column = index.column;
  const descending = q.sort[0]!.descending;
  const rest: SortKey[] = q.sort.slice(1);
  const start = q.offset;
  const end = q.limit === null ? Number.POSITIVE_INFINITY : q.offset + q.limit;
  const rows: T[] = [];
  const stale: SortedEntry<string, T>[] = [];
  let count = 0;
  const take = (row: T) => {
    if (count >= start && count < end) rows.push(row);
    count++;
  };
  const n = entries.length;
  let i = descending ? n - 1 : 0;
  while ((descending ? i >= 0 : i < n) && !(stopAtPage && count >= end)) {
    // The run of entries sharing this key, [lo, hi], in table order.
    const key = entries[i]!.key;
    let lo = i;
    let hi = i;
    if (descending) while (lo > 0 && entries[lo - 1]!.key === key) lo--;
    else while (hi < n - 1 && entries[hi + 1]!.key === key) hi++;
    i = descending ? lo - 1 : hi + 1;
    if (lo === hi) {
      const e = entries[lo]!;
      if ((e.row as Record<string, unknown>)[column] !== e.raw) stale.push(e);
      else if (test(e.row)) take(e.row);
      continue;
    }
    const run: T[] = [];
    for (let k = lo; k <= hi; k++) {
      const e = entries[k]!;
      if ((e.row as Record<string, unknown>)[column] !== e.raw) stale.push(e);
      else if (test(e.row)) run.push(e.row);
    }
    for (const row of rest.length > 0 && run.length > 1 ? sortRows(run, rest, schema) : run) {
      take(row);
    }
  }
  return { rows, count, stale };
}

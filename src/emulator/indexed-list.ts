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
  type EqualityPlan,
  equalityPlan,
  type ListQuery,
  parseListParams,
  type ResourceSchema,
  type SortKey,
  sortRows,
} from './query-language.js';
import { type SortedEntry, type SortedIndex, VersionedMap } from './table.js';

/** Columns a table may keep a hash index on (foreign keys and the job status). */
const INDEXED_COLUMNS = new Set([
  'team_id',
  'topic_id',
  'remoteci_id',
  'product_id',
  'pipeline_id',
  'status',
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
  /** Route-level visibility: soft deletes, team scoping... (every listed row passes it). */
  accept: (row: T) => boolean;
  /** A column constraint of the route itself: only rows whose value is one of `values`. */
  scope?: { column: string; values: readonly string[] };
}

/** A candidate set: groups of rows, each in table order, and their total size. */
interface Candidates<T> {
  groups: (readonly T[])[];
  size: number;
}

/**
 * The page and `_meta.count` of a list query over a source: the same answer as
 * `applyListQuery` over the accepted, in-scope rows in table order.
 */
export function listRows<T extends object>(
  source: ListSource<T>,
  q: ListQuery,
  schema: ResourceSchema,
): { rows: T[]; count: number } {
  const { table, accept, scope } = source;
  const scopeValues = scope ? new Set(scope.values) : null;
  const test = (row: T) =>
    (scopeValues === null ||
      scopeValues.has(String((row as Record<string, unknown>)[scope!.column]))) &&
    accept(row) &&
    q.matches(row);

  let candidates = scope ? lookupAll(table, scope.column, scope.values, false) : null;
  const plan = equalityPlan(q, schema);
  const planned = plan ? candidatesOf(table, plan) : null;
  if (planned && (candidates === null || planned.size < candidates.size)) candidates = planned;

  const first = q.sort[0];
  const indexed =
    first !== undefined &&
    schema.columns[first.column] === 'datetime' &&
    table instanceof VersionedMap;
  if (indexed && (candidates === null || candidates.size >= table.size * SORT_CANDIDATES_BELOW)) {
    const within = candidates === null ? null : new Set(candidates.groups.flat());
    const index = (table as VersionedMap<string, T>).sortedIndex(first.column);
    return walk(index, q, schema, (row) => (within === null || within.has(row)) && test(row));
  }
  const rows = candidates === null ? table.values() : inTableOrder(table, candidates);
  const matching: T[] = [];
  for (const row of rows) if (test(row)) matching.push(row);
  const sorted = sortRows(matching, q.sort, schema);
  return { rows: page(sorted, q), count: matching.length };
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
  return { groups, size };
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
  if (!INDEXED_COLUMNS.has(column) || !(table instanceof VersionedMap)) return null;
  const index = (table as VersionedMap<string, T>).hashIndex(column);
  // A stored value with upper-case letters would be missed by a lower-cased lookup.
  if (caseInsensitive && index.hasUpperCase) return null;
  return index.get(value);
}

/** The candidates a plan allows: eq -> its group; or -> every part's; and -> the smallest. */
function candidatesOf<T extends object>(
  table: Map<string, T>,
  plan: EqualityPlan,
): Candidates<T> | null {
  if (plan.kind === 'eq') {
    return lookupAll(table, plan.column, [plan.value], plan.caseInsensitive);
  }
  const parts = plan.parts.map((p) => candidatesOf(table, p));
  if (plan.kind === 'or') {
    if (parts.some((p) => p === null)) return null;
    const groups = parts.flatMap((p) => p!.groups);
    return { groups, size: groups.reduce((n, g) => n + g.length, 0) };
  }
  let best: Candidates<T> | null = null;
  for (const p of parts) if (p && (best === null || p.size < best.size)) best = p;
  return best;
}

/** The candidates once each, in table order. */
function inTableOrder<T extends object>(table: Map<string, T>, c: Candidates<T>): readonly T[] {
  if (c.groups.length === 1) return c.groups[0]!;
  const rows = [...new Set(c.groups.flat())];
  if (table instanceof VersionedMap) {
    const ordered = table as VersionedMap<string, T>;
    const ord = new Map(rows.map((r) => [r, ordered.ordinalOf((r as { id: string }).id)]));
    rows.sort((a, b) => ord.get(a)! - ord.get(b)!);
  }
  return rows;
}

/**
 * Walks a sorted index in the query's order, counting every row that passes `test` and
 * keeping the page. Rows with equal first keys are ordered by the remaining keys, then by
 * table order (the order a stable sort of the table gives them).
 */
function walk<T extends object>(
  index: SortedIndex<string, T>,
  q: ListQuery,
  schema: ResourceSchema,
  test: (row: T) => boolean,
): { rows: T[]; count: number } {
  for (;;) {
    const result = walkOnce(index, q, schema, test);
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
  while (descending ? i >= 0 : i < n) {
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

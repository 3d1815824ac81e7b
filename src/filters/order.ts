/**
 * `orderBy` inputs as DCI `sort` keys, and the same order applied in the gateway. Enum values
 * arrive already mapped to DCI column names (codegen `enumValues`).
 */
import { comparableNaive } from './datetime.js';
import type { FieldKind } from './specs.js';
import { collateText, ENUM_ORDER, enumRank } from './sql.js';

/** One `orderBy` entry after enum mapping: a DCI column and a direction. */
export interface OrderInput {
  field: string;
  direction?: 'asc' | 'desc' | null;
}

/**
 * DCI sort keys (`-created_at`) for an `orderBy`, falling back to the list's default order.
 * `id` is appended as a tie-breaker so that offset pages never overlap or skip rows.
 */
export function sortKeys(
  orderBy: readonly OrderInput[] | null | undefined,
  fallback: string,
): string[] {
  const keys = orderBy?.length
    ? orderBy.map((o) => (o.direction === 'desc' ? `-${o.field}` : o.field))
    : [fallback];
  const unique = keys.filter(
    (k, i) => keys.findIndex((x) => x.replace(/^-/, '') === k.replace(/^-/, '')) === i,
  );
  if (!unique.some((k) => k.replace(/^-/, '') === 'id')) unique.push('id');
  return unique;
}

/**
 * Wire objects sorted by DCI sort keys, as DCI's PostgreSQL would (a new array; the input is
 * left alone): enums (`status`, `state`) in declaration order, text by the database collation,
 * ids and timestamps by value, numbers numerically, NULL last ascending and first descending
 * (src/filters/sql.ts). `kinds` names the columns' kinds where the list's filter spec knows
 * them; a column it does not list is typed from its values. Each item's sort values are
 * computed once, not once per comparison: a component can embed thousands of jobs. With
 * `limit`, only the first `limit` items of that order are returned, selected without sorting the
 * rest (a page of 5 out of thousands); the order of ties is the input's, as with a full sort.
 */
export function sortByKeys<T extends object>(
  items: readonly T[],
  keys: readonly string[],
  kinds: Readonly<Record<string, FieldKind>> = {},
  limit = Number.POSITIVE_INFINITY,
): T[] {
  const columns = keys.map((key) => {
    const column = key.startsWith('-') ? key.slice(1) : key;
    return { column, sign: key.startsWith('-') ? -1 : 1, kind: kinds[column] };
  });
  const decorate = (item: T): Decorated<T> => ({
    item,
    values: columns.map(({ column, kind }) =>
      sortable((item as Record<string, unknown>)[column], column, kind),
    ),
  });
  const compare = (a: Decorated<T>, b: Decorated<T>): number => {
    for (let i = 0; i < columns.length; i++) {
      const c = compareValues(a.values[i]!, b.values[i]!);
      if (c !== 0) return c * columns[i]!.sign;
    }
    return 0;
  };
  if (limit <= 0) return [];
  // A full sort when most items are wanted; otherwise a selection: each item is compared with
  // the last one kept, and only the few that beat it are inserted (after their equals: stable).
  if (limit * 4 >= items.length) {
    return items
      .map(decorate)
      .sort(compare)
      .slice(0, limit)
      .map((e) => e.item);
  }
  const kept: Decorated<T>[] = [];
  // One entry is filled per item and only replaced once kept: rejected items allocate nothing.
  let entry: Decorated<T> = { item: items[0]!, values: columns.map(() => null) };
  const first = columns[0]!;
  for (const item of items) {
    const head = sortable(
      (item as Record<string, unknown>)[first.column],
      first.column,
      first.kind,
    );
    // Most items lose to the last one kept on the first key alone: the others are not computed.
    const last = kept.length === limit ? kept[limit - 1]! : null;
    if (last && compareValues(head, last.values[0]!) * first.sign > 0) continue;
    entry.item = item;
    entry.values[0] = head;
    for (let i = 1; i < columns.length; i++) {
      const { column, kind } = columns[i]!;
      entry.values[i] = sortable((item as Record<string, unknown>)[column], column, kind);
    }
    if (kept.length === limit && compare(entry, kept[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(entry, kept[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, entry);
    if (kept.length > limit) entry = kept.pop()!;
    else entry = { item, values: columns.map(() => null) };
  }
  return kept.map((e) => e.item);
}

/** An item with its sort values, computed once. */
interface Decorated<T> {
  item: T;
  values: (Sortable | null)[];
}

/** A value ready to compare: a number, a text to collate, or a string ordered by code unit. */
type Sortable = number | string | { collate: string };

function sortable(v: unknown, column: string, kind: FieldKind | undefined): Sortable | null {
  if (v == null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  const s = String(v);
  const order = ENUM_ORDER[column];
  if (order && (kind === 'enum' || kind === undefined)) return enumRank(order, s);
  if (kind === 'datetime' || (kind === undefined && /^\d{4}-\d{2}-\d{2}T/.test(s))) {
    return comparableNaive(s);
  }
  if (kind === 'id') return s.toLowerCase();
  return { collate: s };
}

/** Two sort values in ascending order; PostgreSQL sorts NULL after every value. */
function compareValues(x: Sortable | null, y: Sortable | null): number {
  return x === null ? (y === null ? 0 : 1) : y === null ? -1 : compareSortable(x, y);
}

function compareSortable(x: Sortable, y: Sortable): number {
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'object' && typeof y === 'object') return collateText(x.collate, y.collate);
  // A column holds one type; mixed values only come from malformed rows: numbers first, the
  // rest by code unit.
  if (typeof x === 'number') return -1;
  if (typeof y === 'number') return 1;
  const a = typeof x === 'string' ? x : x.collate;
  const b = typeof y === 'string' ? y : y.collate;
  return a < b ? -1 : a > b ? 1 : 0;
}

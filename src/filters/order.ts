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
 * computed once, not once per comparison: a component can embed thousands of jobs.
 */
export function sortByKeys<T extends object>(
  items: readonly T[],
  keys: readonly string[],
  kinds: Readonly<Record<string, FieldKind>> = {},
): T[] {
  const columns = keys.map((key) => {
    const column = key.startsWith('-') ? key.slice(1) : key;
    return { column, sign: key.startsWith('-') ? -1 : 1, kind: kinds[column] };
  });
  return items
    .map((item) => ({
      item,
      values: columns.map(({ column, kind }) =>
        sortable((item as Record<string, unknown>)[column], column, kind),
      ),
    }))
    .sort((a, b) => {
      for (let i = 0; i < columns.length; i++) {
        const x = a.values[i]!;
        const y = b.values[i]!;
        // PostgreSQL sorts NULL after every value in ascending order.
        const c = x === null ? (y === null ? 0 : 1) : y === null ? -1 : compareSortable(x, y);
        if (c !== 0) return c * columns[i]!.sign;
      }
      return 0;
    })
    .map((e) => e.item);
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

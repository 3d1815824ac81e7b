/**
 * `orderBy` inputs as DCI `sort` keys, and the same order applied in the gateway. Enum values
 * arrive already mapped to DCI column names (codegen `enumValues`).
 */
import { comparableNaive } from './datetime.js';

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
 * Wire objects sorted by DCI sort keys, as DCI would (a new array; the input is left alone).
 * Each item's sort values are computed once, not once per comparison: a component can embed
 * thousands of jobs, and normalising a timestamp costs a regex.
 */
export function sortByKeys<T extends object>(items: readonly T[], keys: readonly string[]): T[] {
  const columns = keys.map((key) => ({
    column: key.startsWith('-') ? key.slice(1) : key,
    sign: key.startsWith('-') ? -1 : 1,
  }));
  return items
    .map((item) => ({
      item,
      values: columns.map(({ column }) => sortable((item as Record<string, unknown>)[column])),
    }))
    .sort((a, b) => {
      for (let i = 0; i < columns.length; i++) {
        const x = a.values[i]!;
        const y = b.values[i]!;
        if (x === y) continue;
        // PostgreSQL sorts NULL after every value in ascending order.
        const lower = x === null ? false : y === null ? true : x < y;
        return (lower ? -1 : 1) * columns[i]!.sign;
      }
      return 0;
    })
    .map((e) => e.item);
}

function sortable(v: unknown): string | number | null {
  if (v == null) return null;
  if (typeof v === 'number') return v;
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(s) ? comparableNaive(s) : s;
}

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

/** A comparator sorting wire objects by DCI sort keys, as DCI would. */
export function compareBy(keys: readonly string[]): (a: object, b: object) => number {
  return (a, b) => {
    for (const key of keys) {
      const desc = key.startsWith('-');
      const column = desc ? key.slice(1) : key;
      const x = sortable((a as Record<string, unknown>)[column]);
      const y = sortable((b as Record<string, unknown>)[column]);
      if (x === y) continue;
      // PostgreSQL sorts NULL after every value in ascending order.
      const lower = x === null ? false : y === null ? true : x < y;
      return (lower ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  };
}

function sortable(v: unknown): string | number | null {
  if (v == null) return null;
  if (typeof v === 'number') return v;
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(s) ? comparableNaive(s) : s;
}

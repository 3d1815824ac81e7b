/**
 * Condition trees evaluated in the gateway, for the lists DCI returns whole and unfiltered
 * (a component's jobs from GET /components/<id>). Semantics follow the DSL on PostgreSQL:
 * `eq` is case-sensitive, `like`/`ilike` are SQL LIKE, and a comparison with NULL is false.
 */
import type { Condition } from './condition.js';
import { comparableNaive } from './datetime.js';

const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

/** Whether a wire object matches a condition (null matches everything). */
export function matches(row: object, condition: Condition | null): boolean {
  if (!condition) return true;
  switch (condition.kind) {
    case 'and':
      return condition.items.every((c) => matches(row, c));
    case 'or':
      return condition.items.some((c) => matches(row, c));
    case 'not':
      return !matches(row, condition.item);
    default: {
      const actual = (row as Record<string, unknown>)[condition.column];
      if (actual == null) return false;
      const { op, value } = condition;
      if (op === 'contains') return Array.isArray(actual) && actual.includes(value);
      if (op === 'like' || op === 'ilike')
        return likeRegExp(value, op === 'ilike').test(String(actual));
      const [a, b] = comparable(String(actual), value);
      if (op === 'eq') return a === b;
      if (op === 'ne') return a !== b;
      if (op === 'lt') return a < b;
      if (op === 'le') return a <= b;
      if (op === 'gt') return a > b;
      return a >= b;
    }
  }
}

function comparable(actual: string, value: string): [string | number, string | number] {
  if (NAIVE.test(actual) && NAIVE.test(value))
    return [comparableNaive(actual), comparableNaive(value)];
  if (
    actual !== '' &&
    value !== '' &&
    !Number.isNaN(Number(actual)) &&
    !Number.isNaN(Number(value))
  ) {
    return [Number(actual), Number(value)];
  }
  return [actual, value];
}

function likeRegExp(pattern: string, insensitive: boolean): RegExp {
  const body = pattern
    .split('')
    .map((ch) =>
      ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`, insensitive ? 'is' : 's');
}

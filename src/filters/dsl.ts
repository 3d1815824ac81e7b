/**
 * Condition trees as DCI's `query` DSL (REST-REFERENCE §3.4). The gateway only ever sends
 * `query`, never `where`: `where` would silently cancel `query`.
 */
import { type Condition, combine } from './condition.js';

/** One condition as DSL text. Values were validated when the condition was built. */
export function toDsl(condition: Condition): string {
  switch (condition.kind) {
    case 'cmp':
      return `${condition.op}(${condition.column},${condition.value})`;
    case 'not':
      // not() takes exactly one operand; two or more crash the server.
      return `not(${toDsl(condition.item)})`;
    default:
      return `${condition.kind}(${condition.items.map(toDsl).join(',')})`;
  }
}

/**
 * The `query` parameter for a list scoped by some conditions (`eq(topic_id,X)`) plus a user
 * filter, or undefined when there is nothing to filter. Several conditions are always wrapped
 * in and(...): a top-level comma list would apply only its first element.
 */
export function queryParam(...conditions: (Condition | null | undefined)[]): string | undefined {
  const all = combine(
    'and',
    conditions.filter((c): c is Condition => c != null),
  );
  return all ? toDsl(all) : undefined;
}

/** The condition `eq(column,value)` on an id column (a foreign key such as `topic_id`). */
export function eq(column: string, value: string): Condition {
  return { kind: 'cmp', op: 'eq', column, value, type: 'id' };
}

/** `or(eq(column,a),eq(column,b),...)` on an id column, over sorted, de-duplicated values. */
export function anyOf(column: string, values: readonly string[]): Condition | null {
  const unique = [...new Set(values)].sort();
  return combine(
    'or',
    unique.map((v) => eq(column, v)),
  );
}

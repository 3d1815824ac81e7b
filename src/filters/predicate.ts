/**
 * Condition trees evaluated in the gateway, for the lists DCI returns whole and unfiltered
 * (a component's jobs from GET /components/<id>). The answer must be exactly the rows DCI's SQL
 * would return for the same condition, so evaluation follows PostgreSQL (see src/filters/sql.ts):
 *
 * - SQL three-valued logic: a comparison with a NULL column is unknown, `NOT unknown` is
 *   unknown, and only rows whose condition is true are kept. `not(pipelineId eq P)` therefore
 *   drops the jobs without a pipeline, as `NOT (pipeline_id = P)` does.
 * - `eq`/`ne`/`in` are case-sensitive on text, case-insensitive on UUIDs; `like`/`ilike` are
 *   SQL LIKE; timestamps compare as instants to the microsecond; enums by declaration order;
 *   other text by the database collation; `contains` tests array membership.
 */
import type { Condition } from './condition.js';
import { comparableNaive } from './datetime.js';
import { collateText, ENUM_ORDER, enumRank } from './sql.js';

/** SQL's truth values: true, false, or null for unknown. */
type Truth = boolean | null;

/** Whether a wire object matches a condition (null matches everything); unknown is no match. */
export function matches(row: object, condition: Condition | null): boolean {
  if (!condition) return true;
  return evaluate(row as Record<string, unknown>, condition) === true;
}

function evaluate(row: Record<string, unknown>, condition: Condition): Truth {
  switch (condition.kind) {
    case 'and': {
      let result: Truth = true;
      for (const item of condition.items) {
        const v = evaluate(row, item);
        if (v === false) return false;
        if (v === null) result = null;
      }
      return result;
    }
    case 'or': {
      let result: Truth = false;
      for (const item of condition.items) {
        const v = evaluate(row, item);
        if (v === true) return true;
        if (v === null) result = null;
      }
      return result;
    }
    case 'not': {
      const v = evaluate(row, condition.item);
      return v === null ? null : !v;
    }
    default:
      return compareColumn(row[condition.column], condition);
  }
}

function compareColumn(actual: unknown, condition: Extract<Condition, { kind: 'cmp' }>): Truth {
  if (actual == null) return null;
  const { op, value, type, column } = condition;
  if (op === 'contains') return Array.isArray(actual) ? actual.includes(value) : null;
  if (op === 'like' || op === 'ilike') {
    return likeRegExp(value, op === 'ilike').test(String(actual));
  }
  const c = compareValues(String(actual), value, type, column);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    default:
      return c >= 0;
  }
}

function compareValues(
  actual: string,
  value: string,
  type: Extract<Condition, { kind: 'cmp' }>['type'],
  column: string,
): number {
  switch (type) {
    case 'id':
      return codeUnitCompare(actual.toLowerCase(), value.toLowerCase());
    case 'datetime':
      return codeUnitCompare(comparableNaive(actual), comparableNaive(value));
    case 'enum': {
      const order = ENUM_ORDER[column];
      if (order) return enumRank(order, actual) - enumRank(order, value);
      return codeUnitCompare(actual, value);
    }
    default:
      // Equality on text is exact (deterministic collation); order follows the collation.
      return actual === value ? 0 : collateText(actual, value);
  }
}

function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

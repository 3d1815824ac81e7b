/**
 * A filter input compiled to a condition tree. The tree has two back ends: the DCI query DSL
 * (src/filters/dsl.ts) for lists DCI filters, and a predicate (src/filters/predicate.ts) for
 * the lists DCI returns unfiltered (a component's jobs).
 */
import { assertQueryValue, DciValueError, isUuid } from '../dci/query.js';
import { userInputError } from '../errors.js';
import { isoToNaiveUtc } from './datetime.js';
import type { FieldKind, FieldSpec, FilterSpec } from './specs.js';

/** A comparison operator of the DSL. `not_contains` is broken on the server, so none here. */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'like' | 'ilike' | 'contains';

/** A node of a compiled filter. */
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; op: CompareOp; column: string; value: string; type: FieldKind };

/** The most values an `in` list takes: each costs ~60 bytes of a ~4 KB request line. */
export const MAX_IN_VALUES = 50;

type FilterInput = { readonly [key: string]: unknown };
const LOGIC_KEYS = new Set(['and', 'or', 'not']);

/**
 * Compiles a GraphQL filter input into a condition, or null when it sets nothing. Every value
 * is checked first: one DCI cannot express throws BAD_USER_INPUT naming the field, so nothing
 * is ever sent altered.
 */
export function compileFilter(
  input: FilterInput | null | undefined,
  spec: FilterSpec,
  path = 'filter',
): Condition | null {
  if (input == null) return null;
  const items: Condition[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value == null) continue;
    if (LOGIC_KEYS.has(key)) {
      const logic = compileLogic(key, value, spec, `${path}.${key}`);
      if (logic) items.push(logic);
      continue;
    }
    const field = spec[key];
    if (!field) throw userInputError(`Unknown filter field ${key}.`, `${path}.${key}`);
    items.push(...compileField(field, value as FilterInput, `${path}.${key}`));
  }
  return combine('and', items);
}

function compileLogic(key: string, value: unknown, spec: FilterSpec, path: string) {
  if (key === 'not') {
    const inner = compileFilter(value as FilterInput, spec, path);
    return inner && ({ kind: 'not', item: inner } as const);
  }
  const list = value as FilterInput[];
  if (key === 'or' && list.length === 0) {
    throw userInputError('`or` needs at least one filter.', path);
  }
  const parts = list
    .map((f, i) => compileFilter(f, spec, `${path}[${i}]`))
    .filter((c): c is Condition => c !== null);
  // An empty operand of `or` matches everything, so the whole `or` does.
  if (key === 'or' && parts.length < list.length) return null;
  return combine(key as 'and' | 'or', parts);
}

function compileField(field: FieldSpec, ops: FilterInput, path: string): Condition[] {
  const out: Condition[] = [];
  for (const [op, raw] of Object.entries(ops)) {
    if (raw == null) continue;
    const at = `${path}.${op}`;
    const cmp = (o: CompareOp, v: unknown): Condition => ({
      kind: 'cmp',
      op: o,
      column: field.column,
      value: checkValue(field, v, at),
      type: field.kind,
    });
    if (op === 'in') {
      const values = raw as unknown[];
      if (values.length === 0 || values.length > MAX_IN_VALUES) {
        throw userInputError(`\`in\` takes 1 to ${MAX_IN_VALUES} values.`, at);
      }
      out.push(
        combine(
          'or',
          values.map((v) => cmp('eq', v)),
        ) as Condition,
      );
    } else if (op === 'notContains') {
      // `not_contains` answers an HTML 500 on the real server (§3.4): use not(contains()).
      out.push({ kind: 'not', item: cmp('contains', raw) });
    } else {
      out.push(cmp(op as CompareOp, raw));
    }
  }
  return out;
}

function checkValue(field: FieldSpec, raw: unknown, path: string): string {
  const value = String(raw);
  if (field.kind === 'id') {
    if (!isUuid(value)) throw userInputError(`${value} is not a UUID.`, path);
    return value.toLowerCase();
  }
  if (field.kind === 'datetime') {
    const naive = isoToNaiveUtc(value);
    if (!naive) throw userInputError('Expected an ISO-8601 date-time.', path);
    return naive;
  }
  try {
    assertQueryValue(value, path);
  } catch (error) {
    if (error instanceof DciValueError)
      throw userInputError(`Invalid filter: ${error.reason}.`, path);
    throw error;
  }
  return value;
}

/** `and`/`or` of several conditions; a single one stands alone, none gives null. */
export function combine(kind: 'and' | 'or', items: Condition[]): Condition | null {
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return { kind, items };
}

/**
 * Every field's arguments, checked for the whole operation before any resolver runs.
 *
 * The resolvers check their own arguments too, but only when they run: a nested
 * `job(id) { files(first: -5) }` or a bad filter on `components { jobs(filter: ...) }` would
 * reach DCI for the parent first. Here, before execution, each field of the document is
 * visited once (fragments included, each selection once, so the walk is linear) and its
 * arguments, with the request's variables, go through the same checks the loaders make:
 *
 * - `first`/`last` between 0 and the page-size cap, not mixed with each other's cursors,
 *   `after`/`before` a cursor this API issued;
 * - a filter compiles (known fields, values DCI can express), and the DCI request line it
 *   makes stays under gunicorn's 4,094 bytes (REST-REFERENCE §3.4) even scoped to a parent;
 * - every `ID` argument (`job(id:)`, `topic(id:)`, `Subscription.job(id:)`...) is a UUID, as
 *   every DCI id is, instead of a null answer after a request DCI would refuse.
 *
 * The first problem found refuses the operation with BAD_USER_INPUT (HTTP 400), naming the
 * field coordinate (`Job.files`) and the argument.
 */
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { isUuid, MAX_REQUEST_LINE, requestLineLength } from '../dci/query.js';
import { userInputError } from '../errors.js';
import { type Condition, compileFilter } from '../filters/condition.js';
import { eq, queryParam } from '../filters/dsl.js';
import { decodeAnyCursor } from '../filters/pagination.js';
import { FILTER_SPECS, type FilterSpec } from '../filters/specs.js';
import { fragmentsOf, selectOperation, type WalkStats } from './expansion.js';
import { PassedChecks } from './memo.js';

/** The filter input types and the filterable fields they stand for. */
const FILTER_TYPES: Readonly<Record<string, FilterSpec>> = {
  ProductFilter: FILTER_SPECS.product,
  TopicFilter: FILTER_SPECS.topic,
  ComponentFilter: FILTER_SPECS.component,
  JobFilter: FILTER_SPECS.job,
  RemoteCIFilter: FILTER_SPECS.remoteci,
  TeamFilter: FILTER_SPECS.team,
  PipelineFilter: FILTER_SPECS.pipeline,
};

const SOME_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The request line of the longest list request a filter can be sent in: a nested list
 * (`/topics/<id>/components`) scoped to its parent, last page offsets, the longest sort.
 */
export function worstRequestLine(filter: Condition | null): number {
  return requestLineLength('GET', `/topics/${SOME_UUID}/components`, {
    limit: '200',
    offset: '999999999',
    sort: '-released_at,-created_at,-updated_at,id',
    query: queryParam(eq('topic_id', SOME_UUID), filter) ?? '',
  });
}

// Types are read by shape (see upstream-estimate.ts): the schema may come from another copy
// of graphql than this module's.
type NamedType = { name: string; getFields?: () => Record<string, FieldDef> };
type FieldDef = { args: readonly { name: string; type: unknown }[] };
type SchemaLike = {
  getType(name: string): unknown;
  getRootType(operation: 'query' | 'mutation' | 'subscription'): unknown;
};

function namedTypeName(type: unknown): string {
  let t = type as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as { ofType?: unknown; name?: string };
  return t.name ?? '';
}

function fieldsOf(type: unknown): Record<string, FieldDef> {
  const t = type as NamedType | undefined;
  return typeof t?.getFields === 'function' ? t.getFields() : {};
}

/** An argument problem, before execution; `field` names the argument or filter field. */
function argumentError(message: string, coordinate: string, field: string): GraphQLError {
  return createGraphQLError(`${message} (${coordinate}, ${field})`, {
    extensions: { code: 'BAD_USER_INPUT', field, coordinate, http: { status: 400 } },
  });
}

/** The variables as the operation sees them: given values, else their defaults. */
function variablesOf(
  operation: OperationDefinitionNode,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (given[name] !== undefined) out[name] = given[name];
    else if (def.defaultValue) out[name] = valueFromASTUntyped(def.defaultValue);
  }
  return out;
}

/** A page size: an integer from 0 to `max` (as the loaders require). */
function checkPageSize(value: unknown, field: string, max: number): void {
  if (typeof value !== 'number') return; // variable coercion reports the type
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw userInputError(`\`${field}\` must be between 0 and ${max}.`, field);
  }
}

/**
 * An `ID` argument (or list of them): every DCI id is a UUID, so anything else is refused here
 * rather than answered null after a request DCI would refuse with an HTML 404.
 */
function checkIds(value: unknown, field: string): void {
  for (const id of Array.isArray(value) ? value : [value]) {
    if (typeof id === 'string' && !isUuid(id)) {
      throw userInputError(`${JSON.stringify(id.slice(0, 64))} is not a UUID.`, field);
    }
  }
}

/** Checks one field's arguments; throws the first problem. */
function checkField(
  node: FieldNode,
  field: FieldDef,
  coordinate: string,
  variables: Record<string, unknown>,
  maxFirst: number,
  ids: boolean,
): void {
  const given = new Map<string, unknown>();
  for (const arg of node.arguments ?? []) {
    const name = arg.name.value;
    const def = field.args.find((a) => a.name === name);
    if (!def) continue; // validation reports unknown arguments
    const value = valueFromASTUntyped(arg.value, variables);
    if (value == null) continue;
    given.set(name, value);
    const typeName = namedTypeName(def.type);
    try {
      if (typeName === 'ID') {
        if (ids) checkIds(value, name);
      } else if ((name === 'first' || name === 'last') && typeName === 'Int') {
        checkPageSize(value, name, maxFirst);
      } else if ((name === 'after' || name === 'before') && typeof value === 'string') {
        decodeAnyCursor(value, name);
      } else if (FILTER_TYPES[typeName] && typeof value === 'object') {
        const condition = compileFilter(value as Record<string, unknown>, FILTER_TYPES[typeName]);
        const line = worstRequestLine(condition);
        if (line > MAX_REQUEST_LINE) {
          throw argumentError(
            `The filter is too long for DCI: its request would be ${line} bytes, above DCI's limit of ${MAX_REQUEST_LINE}; split it or use fewer values`,
            coordinate,
            name,
          );
        }
      }
    } catch (error) {
      throw asArgumentError(error, coordinate, name);
    }
  }
  const forward = given.has('first') || given.has('after');
  if (forward && (given.has('last') || given.has('before'))) {
    throw argumentError(
      'Page forwards with `first`/`after` or backwards with `last`/`before`, not both',
      coordinate,
      given.has('first') ? 'first' : 'after',
    );
  }
}

/** A check's BAD_USER_INPUT with the field coordinate added (other errors unchanged). */
function asArgumentError(error: unknown, coordinate: string, argument: string): unknown {
  if (!(error instanceof Error) || error.name !== 'GraphQLError') return error;
  const original = error as GraphQLError;
  if (original.extensions?.['coordinate']) return original;
  const field = original.extensions?.['field'];
  return argumentError(
    error.message.replace(/\.$/, ''),
    coordinate,
    typeof field === 'string' ? field : argument,
  );
}

/**
 * The first argument problem of the operation, or null. Each selection of the operation and
 * of the fragments it uses is visited once.
 */
export function findArgumentError(
  schema: SchemaLike,
  document: DocumentNode,
  options: {
    operationName?: string | null | undefined;
    variables?: Record<string, unknown> | null | undefined;
    maxFirst: number;
    stats?: WalkStats;
  },
): GraphQLError | null {
  const operation = selectOperation(document, options.operationName);
  if (!operation) return null;
  const root = schema.getRootType(operation.operation) as NamedType | undefined;
  if (!root) return null;
  const fragments = fragmentsOf(document);
  const variables = variablesOf(operation, options.variables ?? {});
  const visited = new Set<string>();
  const stats = options.stats;

  const walk = (set: SelectionSetNode, type: NamedType): void => {
    for (const sel of set.selections) {
      if (stats) stats.visits += 1;
      if (sel.kind === Kind.FIELD) {
        const field = fieldsOf(type)[sel.name.value];
        if (!field) continue;
        // Mutations check their own ids before any write, reporting every malformed one at
        // once (`invalidIds`); every other field's ids are checked here.
        const ids = !(operation.operation === 'mutation' && type === root);
        checkField(sel, field, `${type.name}.${sel.name.value}`, variables, options.maxFirst, ids);
        if (sel.selectionSet) {
          const target = schema.getType(namedTypeName((field as { type?: unknown }).type));
          if (target) walk(sel.selectionSet, target as NamedType);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (cond) walk(sel.selectionSet, cond as NamedType);
      } else {
        // A fragment has one type whatever spreads it: its fields are checked once.
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        const cond = schema.getType(fragment.typeCondition.name.value);
        if (cond) walk(fragment.selectionSet, cond as NamedType);
      }
    }
  };

  try {
    walk(operation.selectionSet, root);
  } catch (error) {
    if (error instanceof Error && error.name === 'GraphQLError') return error as GraphQLError;
    throw error;
  }
  return null;
}

/** Refuses an operation with a bad argument anywhere before it runs (see the module comment). */
export function argumentsPlugin(options: { maxFirst: number }): Plugin {
  const passed = new PassedChecks();
  const check = (args: {
    schema: unknown;
    document: DocumentNode;
    operationName?: string | null | undefined;
    variableValues?: unknown;
  }) =>
    passed.run(args.document, args.operationName, args.variableValues, () =>
      findArgumentError(args.schema as SchemaLike, args.document, {
        operationName: args.operationName,
        variables: (args.variableValues ?? null) as Record<string, unknown> | null,
        maxFirst: options.maxFirst,
      }),
    );
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

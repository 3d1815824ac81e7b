/**
 * A static estimate of how many DCI requests an operation needs, computed from the document
 * and its variables before anything runs, and the page-size (`first`) check that shares its
 * walk. Both are pure functions of (schema, document, operation name, variables).
 *
 * The estimate follows how the resolvers reach DCI:
 * - a root field that touches DCI costs 1 (one list or one GET);
 * - a field listed in {@link PER_PARENT_FIELDS} costs one request per parent object, and the
 *   parent count is the product of the page sizes (`first`, default 20) on the way down;
 * - any other field returning a DCI object (a type with an `id`) is a by-id relation: the
 *   loaders batch ids 50 to a request, so it costs ceil(parents / 50);
 * - connection and edge wrappers, scalars and introspection cost nothing.
 * It is an upper bound in spirit (priming and caching often do better), which is what a
 * budget wants.
 *
 * Both walks are linear in the document's size: a fragment is walked once per distinct context
 * (once for the `first` check; once per parent count, type and root-ness for the estimate) and
 * its result memoised, so a fan-out of fragments spreading fragments costs no more than the
 * text it is written in. (The gateway also refuses documents whose expanded size is above the
 * cost limit before either walk runs, which bounds the number of distinct contexts.)
 */
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fragmentsOf, selectOperation, type WalkStats } from './expansion.js';

export { selectOperation, type WalkStats } from './expansion.js';

/** Fields resolved with one DCI request per parent object (`Type.field`). */
export const PER_PARENT_FIELDS: readonly string[] = [
  'Topic.components',
  'Topic.jobs',
  'Component.jobs',
  'Component.files',
  'Job.jobstates',
  'Job.files',
  'Job.data',
  'Job.results',
  'Job.keyValues',
  'Pipeline.jobs',
  'File.content',
  'TestResult.testCases',
  'Job.failedTests',
];

/**
 * Fields whose DCI requests per parent object are not one: (parents, page size) -> requests.
 * Job statistics are DCI counts: eight statuses and the total. A coverage matrix lists the
 * components, then reads each one's detail. DCI's /stats is read once per operation.
 */
export const FIELD_COSTS: Readonly<Record<string, (parents: number, page: number) => number>> = {
  'Topic.jobStats': (parents) => parents * 9,
  'Product.jobStats': (parents) => parents * 9,
  'RemoteCI.jobStats': (parents) => parents * 9,
  'Component.jobStats': (parents) => parents,
  'Topic.coverage': (parents, last) => parents * (1 + last),
  'Topic.latestJobsByRemoteci': (parents) => Math.min(1, parents),
  'CoverageCell.testFailures': (parents) => Math.ceil(parents / IDS_PER_BATCH_DEFAULT),
};

/** Page size assumed when a list field has no `first` argument. */
export const DEFAULT_PAGE_SIZE = 20;
/** Ids per batched by-id request. */
export const IDS_PER_BATCH = 50;
const IDS_PER_BATCH_DEFAULT = IDS_PER_BATCH;

/** Options of {@link estimateUpstreamRequests}. */
export interface EstimateOptions {
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  /** Default {@link PER_PARENT_FIELDS}. */
  perParentFields?: readonly string[];
  /** Default {@link DEFAULT_PAGE_SIZE}. */
  defaultPageSize?: number;
  /** Ids per by-id request (default {@link IDS_PER_BATCH}; 1 when loaders do not batch). */
  idsPerBatch?: number;
  /** Counts the selections visited (tests). */
  stats?: WalkStats;
}

/** The value of an Int argument: a literal, or a variable (its value, else its default). */
function intValue(
  node: ValueNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | undefined {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const given = variables[name];
    if (typeof given === 'number') return given;
    if (given === undefined) {
      const def = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
      if (def?.defaultValue?.kind === Kind.INT) return Number.parseInt(def.defaultValue.value, 10);
    }
  }
  return undefined;
}

/** A `first` argument above the cap, where it was found. */
export interface OversizedFirst {
  /** Response path of the field (`topics.nodes.components`). */
  path: string;
  value: number;
}

/** An oversized page size found in a selection set, its path relative to that set. */
interface Found {
  keys: readonly string[];
  value: number;
}

/**
 * The first `first` argument above `maxFirst` in the operation (fragments included, variables
 * resolved), or null when every page size is within the cap.
 */
export function findOversizedFirst(
  document: DocumentNode,
  maxFirst: number,
  options: {
    operationName?: string | null | undefined;
    variables?: Record<string, unknown> | null | undefined;
    stats?: WalkStats;
  } = {},
): OversizedFirst | null {
  const operation = selectOperation(document, options.operationName);
  if (!operation) return null;
  const fragments = fragmentsOf(document);
  const variables = options.variables ?? {};
  const stats = options.stats;
  // A fragment's finding does not depend on where it is spread: memoise it by name.
  const memo = new Map<string, Found | null>();
  const inProgress = new Set<string>();

  const oversized = (field: FieldNode): number | undefined => {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
      const v = intValue(arg.value, operation, variables);
      if (v !== undefined && v > maxFirst) return v;
    }
    return undefined;
  };

  const scan = (set: SelectionSetNode): Found | null => {
    for (const sel of set.selections) {
      if (stats) stats.visits += 1;
      let found: Found | null = null;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const value = oversized(sel);
        if (value !== undefined) return { keys: [key], value };
        const inner = sel.selectionSet ? scan(sel.selectionSet) : null;
        if (inner) found = { keys: [key, ...inner.keys], value: inner.value };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        found = scan(sel.selectionSet);
      } else {
        found = scanFragment(sel.name.value);
      }
      if (found) return found;
    }
    return null;
  };

  const scanFragment = (name: string): Found | null => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return null;
    inProgress.add(name);
    const found = scan(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, found);
    return found;
  };

  const found = scan(operation.selectionSet);
  return found ? { path: found.keys.join('.'), value: found.value } : null;
}

/**
 * The estimated number of DCI requests the operation makes (see the module comment), or 0
 * when the operation cannot be found (validation reports that).
 */
export function estimateUpstreamRequests(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: EstimateOptions = {},
): number {
  const operation = selectOperation(document, options.operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  const variables = options.variables ?? {};
  const perParent = new Set(options.perParentFields ?? PER_PARENT_FIELDS);
  const pageSize = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const idsPerBatch = Math.max(1, options.idsPerBatch ?? IDS_PER_BATCH);
  const stats = options.stats;
  // A fragment's cost depends on its type, its parent count and whether it sits at the root:
  // memoised on exactly that, so each distinct context is walked once.
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const pageOf = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined) => {
    const arg = args?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    const v = arg ? intValue(arg.value, operation, variables) : undefined;
    return v === undefined ? pageSize : Math.max(0, v);
  };

  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType,
    parents: number,
    isRoot: boolean,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (stats) stats.visits += 1;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (cond) cost += walk(sel.selectionSet, cond, parents, isRoot);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        cost += walkFragment(sel.name.value, type, parents, isRoot);
        continue;
      }
      const name = sel.name.value;
      if (name.startsWith('__')) continue;
      const field = fieldOf(type, name);
      if (!field) continue;
      const target = getNamedType(field.type);
      const coordinate = `${type.name}.${name}`;
      const many = returnsMany(field);
      let childParents = parents;
      const special = FIELD_COSTS[coordinate];
      if (special) {
        cost += special(parents, pageOf(sel.arguments));
        childParents = parents * (many ? pageOf(sel.arguments) : 1);
      } else if (perParent.has(coordinate)) {
        cost += parents;
        childParents = parents * (many ? pageOf(sel.arguments) : 1);
      } else if (isRoot) {
        if (!isObjectType(target) && !isAbstractType(target)) continue; // version and friends
        cost += 1;
        childParents = many ? pageOf(sel.arguments) : 1;
      } else if (isWrapper(type)) {
        childParents = parents;
      } else if (isEntity(target)) {
        cost += Math.ceil(parents / idsPerBatch);
        childParents = parents * (many ? pageOf(sel.arguments) : 1);
      } else if (many) {
        childParents = parents * pageOf(sel.arguments);
      }
      if (sel.selectionSet) cost += walk(sel.selectionSet, target, childParents, false);
    }
    return cost;
  };

  const walkFragment = (
    name: string,
    type: GraphQLNamedType,
    parents: number,
    isRoot: boolean,
  ): number => {
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    const cond = schema.getType(fragment.typeCondition.name.value) ?? type;
    const key = `${name}\u0000${cond.name}\u0000${parents}\u0000${isRoot}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    inProgress.add(name);
    const cost = walk(fragment.selectionSet, cond, parents, isRoot);
    inProgress.delete(name);
    memo.set(key, cost);
    return cost;
  };

  return walk(operation.selectionSet, root, 1, true);
}

// Types are inspected by shape, not with graphql's isObjectType() & co: those are instanceof
// checks, and the schema may come from another copy of graphql (CJS vs ESM builds under test
// runners), which makes them throw "from another module or realm".

type Wrapped = { ofType?: GraphQLType };
type WithFields = { getFields(): Record<string, GraphQLField<unknown, unknown>> };

function getNamedType(type: GraphQLType): GraphQLNamedType {
  let t: GraphQLType = type;
  while ((t as Wrapped).ofType) t = (t as Wrapped).ofType!;
  return t as GraphQLNamedType;
}

function isListType(type: GraphQLType): boolean {
  let t: GraphQLType = type;
  // Non-null wraps print with a trailing '!'; a list prints as [...].
  if (String(t).endsWith('!') && (t as Wrapped).ofType) t = (t as Wrapped).ofType!;
  return String(t).startsWith('[');
}

/** An object or interface type (input objects have fields too, but no interfaces). */
function hasFields(type: GraphQLNamedType): boolean {
  const t = type as Partial<WithFields> & { getInterfaces?: unknown };
  return typeof t.getFields === 'function' && typeof t.getInterfaces === 'function';
}

/** The fields of an object or interface type (empty for anything else). */
function fieldsOf(type: GraphQLNamedType): Record<string, GraphQLField<unknown, unknown>> {
  return hasFields(type) ? (type as unknown as WithFields).getFields() : {};
}

function isAbstractType(type: GraphQLNamedType): boolean {
  return typeof (type as { getTypes?: unknown }).getTypes === 'function';
}

function isObjectType(type: GraphQLNamedType): boolean {
  return hasFields(type);
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return fieldsOf(type)[name];
}

/** A list, or a connection (a type with `edges` or `nodes` and `pageInfo`). */
function returnsMany(field: GraphQLField<unknown, unknown>): boolean {
  if (isListType(field.type)) return true;
  const target = getNamedType(field.type);
  return 'pageInfo' in fieldsOf(target);
}

/** Connection and edge types only wrap the objects their field already paid for. */
function isWrapper(type: GraphQLNamedType): boolean {
  const fields = fieldsOf(type);
  return 'pageInfo' in fields || ('node' in fields && 'cursor' in fields);
}

/** A DCI object: something with an `id`, fetched by id when not embedded. */
function isEntity(type: GraphQLNamedType): boolean {
  if (isAbstractType(type)) return true;
  return 'id' in fieldsOf(type);
}

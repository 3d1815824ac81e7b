/**
 * Look-ahead for root fields that take an id: the requests a child field needs that depend on
 * nothing but that id (a job's jobstates, a topic's components...) start together with the
 * root's own request instead of one wave after it. The child resolvers later ask the same
 * loaders with the same keys and find the requests already under way (DataLoader caches per
 * request), so nothing is sent twice.
 */
import {
  type FieldNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Loaders } from '../loaders/index.js';

/** A child field the operation selects, with its coerced argument values. */
export interface SelectedField {
  name: string;
  /** null when they do not coerce (the field's own resolution reports it). */
  args: Record<string, unknown> | null;
  /** The field's own selections (merged over every occurrence). */
  nodes: FieldNode[];
}

/** Starts the request a child needs from the parent's id; returns what the child will load. */
export type Prefetch = (id: string, args: Record<string, unknown>, loaders: Loaders) => unknown;

/**
 * The fields selected on the value a field returns (every occurrence of the field and every
 * fragment merged; @skip/@include applied). Fields of an abstract return type are not listed.
 */
export function selectedFields(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'returnType' | 'fragments' | 'variableValues'>,
  fieldNodes: readonly FieldNode[] = info.fieldNodes,
  returnType = info.returnType,
): SelectedField[] {
  const type = getNamedType(returnType);
  if (!isObjectType(type)) return [];
  const defs = type.getFields();
  const byName = new Map<string, SelectedField>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, info.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const def = defs[name];
        if (!def) continue;
        const seen = byName.get(name);
        if (seen) seen.nodes.push(selection);
        else
          byName.set(name, { name, args: argumentsOf(def, selection, info), nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of fieldNodes) visit(node.selectionSet);
  return [...byName.values()];
}

/**
 * Starts, for every selected child that has a prefetch, the request it will need. Nothing is
 * started in naive mode (its loaders do not cache, so the work would be done twice). Errors are
 * left for the child resolver to report: it asks again and gets the same rejection.
 */
export function prefetchChildren(
  info: GraphQLResolveInfo,
  id: string,
  loaders: Loaders,
  prefetches: Readonly<Record<string, Prefetch>>,
): SelectedField[] {
  const fields = selectedFields(info);
  if (!loaders.batching) return fields;
  for (const field of fields) {
    const prefetch = prefetches[field.name];
    if (!prefetch || !field.args) continue;
    try {
      const started = prefetch(id, field.args, loaders);
      if (started instanceof Promise) started.catch(() => {});
    } catch {
      // Invalid arguments: the child resolver raises the same error where it belongs.
    }
  }
  return fields;
}

/** Whether any of the fields has one of the names. */
export function selects(fields: readonly SelectedField[], ...names: string[]): boolean {
  return fields.some((f) => names.includes(f.name));
}

function included(
  node: Parameters<typeof getDirectiveValues>[1],
  variables: GraphQLResolveInfo['variableValues'],
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
}

function argumentsOf(
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  info: Pick<GraphQLResolveInfo, 'variableValues'>,
): Record<string, unknown> | null {
  try {
    return getArgumentValues(def, node, info.variableValues);
  } catch {
    return null;
  }
}

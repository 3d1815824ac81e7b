/**
 * The size of an operation once its fragments are expanded, computed without expanding them.
 *
 * A few hundred bytes of fragments that each spread the previous one twice expand to millions
 * of fields (`fragment F1 on Query { ...F0 ...F0 }`, `F2` spreading `F1` twice, ...): the
 * executor, and any walk that follows spreads naively, would do that much work. The count here
 * visits each selection of the document once (a fragment's size is memoised), so the gateway
 * can refuse such a document in time linear in its size before any other walk runs.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A visit counter for the pre-execution walks: tests prove them linear with it. */
export interface WalkStats {
  /** Selections visited so far. */
  visits: number;
}

/** The operation a request runs: the named one, or the only one. */
export function selectOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The fragment definitions of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  }
  return map;
}

/**
 * How many fields the operation selects once every fragment spread is replaced by its
 * fragment (introspection included), or 0 when the operation cannot be found. Spreads of
 * unknown fragments and fragment cycles count nothing (validation reports them). The count
 * saturates at `Number.MAX_SAFE_INTEGER`.
 */
export function expandedFieldCount(
  document: DocumentNode,
  options: { operationName?: string | null | undefined; stats?: WalkStats } = {},
): number {
  const operation = selectOperation(document, options.operationName);
  if (!operation) return 0;
  const fragments = fragmentsOf(document);
  const sizes = new Map<string, number>();
  const inProgress = new Set<string>();
  const stats = options.stats;

  const sizeOf = (set: SelectionSetNode): number => {
    let size = 0;
    for (const sel of set.selections) {
      if (stats) stats.visits += 1;
      if (sel.kind === Kind.FIELD) {
        size += 1 + (sel.selectionSet ? sizeOf(sel.selectionSet) : 0);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        size += sizeOf(sel.selectionSet);
      } else {
        size += fragmentSize(sel.name.value);
      }
    }
    return Math.min(size, Number.MAX_SAFE_INTEGER);
  };

  const fragmentSize = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const size = sizeOf(fragment.selectionSet);
    inProgress.delete(name);
    sizes.set(name, size);
    return size;
  };

  return sizeOf(operation.selectionSet);
}

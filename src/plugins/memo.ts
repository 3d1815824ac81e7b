/**
 * Memory for the pre-execution checks that are pure functions of (document, operation name,
 * variables): the operation limits and the argument walk. Yoga's parser cache hands the same
 * DocumentNode to every request with the same text, so a dashboard repeating its queries pays
 * for each walk once per distinct variables instead of once per request. Only passes are kept
 * (a refusal is rare and its error object is per request); entries live as long as the
 * document stays in Yoga's cache, at most {@link MAX_PER_DOCUMENT} variable sets each.
 */
import type { DocumentNode } from 'graphql';

/** Distinct (operation, variables) pairs remembered per document, oldest dropped first. */
export const MAX_PER_DOCUMENT = 32;
/** Longer variable sets are checked every time rather than kept as a key. */
const MAX_KEY_LENGTH = 4096;

export class PassedChecks {
  readonly #byDocument = new WeakMap<DocumentNode, Set<string>>();

  /** Runs `check` unless it already passed for these inputs; returns its refusal, if any. */
  run<E>(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: unknown,
    check: () => E | null,
  ): E | null {
    const key = `${operationName ?? ''}\u0000${variables == null ? '' : JSON.stringify(variables)}`;
    let passed = this.#byDocument.get(document);
    if (passed?.has(key)) return null;
    const refusal = check();
    if (refusal !== null || key.length > MAX_KEY_LENGTH) return refusal;
    if (!passed) {
      passed = new Set();
      this.#byDocument.set(document, passed);
    }
    if (passed.size >= MAX_PER_DOCUMENT) passed.delete(passed.values().next().value as string);
    passed.add(key);
    return null;
  }
}

/**
 * The gateway's lifecycle as requests see it: serving, or draining after SIGTERM, and the
 * operations in flight with their abort signals. main.ts owns one and drives the shutdown;
 * the context registers every operation with it; the plugins read whether it drains (`/ready`
 * answers 503 at once, new GraphQL requests are refused).
 */
import { type AbortCause, OperationSignal } from './dci/abort.js';

/** Serving or draining, and the operations in flight. */
export class GatewayLifecycle {
  #draining = false;
  readonly #operations = new Set<OperationSignal>();

  /** Whether a shutdown has begun. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Operations whose signal is still live. */
  get operationsInFlight(): number {
    return this.#operations.size;
  }

  /** Starts an operation's signal, tracked until it is disposed or aborted. */
  startOperation(
    deadlineMs: number,
    parent?: AbortSignal | (() => AbortSignal | undefined),
  ): OperationSignal {
    // `let`: the signal disposes itself in its constructor when `parent` has already aborted.
    let operation: OperationSignal | undefined;
    operation = new OperationSignal(deadlineMs, {
      parent,
      onDispose: () => {
        if (operation) this.#operations.delete(operation);
      },
    });
    if (!operation.aborted) this.#operations.add(operation);
    return operation;
  }

  /** From now on `/ready` answers 503 and new GraphQL requests are refused. */
  beginDrain(): void {
    this.#draining = true;
  }

  /** Aborts the upstream work of every operation in flight; returns how many there were. */
  abortAll(cause: AbortCause = 'shutdown'): number {
    const all = [...this.#operations];
    for (const operation of all) operation.abort(cause);
    return all.length;
  }
}

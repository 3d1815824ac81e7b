/**
 * One operation's abort signal. Every DCI request an operation makes (retries, backoff pauses
 * and response bodies included) observes it, so three things end what is left of the
 * operation's upstream work at once:
 *
 * - its deadline: one budget of wall time for the whole operation, however many requests and
 *   retries it takes, and however slowly a body trickles in;
 * - its caller going away (the HTTP client disconnected);
 * - the process shutting down once the grace period is over.
 */
import { setMaxListeners } from 'node:events';

/** Why an operation's remaining DCI requests were abandoned. */
export type AbortCause = 'deadline' | 'disconnected' | 'shutdown';

/** The reason an {@link OperationSignal} aborts with. */
export class OperationAbortedError extends Error {
  constructor(
    /** What ended the operation. */
    readonly abortCause: AbortCause,
    /** The operation's deadline in milliseconds. */
    readonly deadlineMs: number,
  ) {
    const what = {
      deadline: `the operation's deadline of ${deadlineMs} ms passed`,
      disconnected: 'the client disconnected',
      shutdown: 'the gateway is shutting down',
    };
    super(what[abortCause]);
    this.name = 'OperationAbortedError';
  }
}

/** The abort cause of a signal, if it was aborted by an {@link OperationSignal}. */
export function abortCauseOf(signal: AbortSignal | undefined): OperationAbortedError | null {
  const reason: unknown = signal?.aborted ? signal.reason : undefined;
  return reason instanceof OperationAbortedError ? reason : null;
}

/**
 * An operation's signal: aborts at its deadline, when `parent` aborts (the HTTP request's own
 * signal, which fires when the client disconnects), or on {@link abort}. {@link dispose} once
 * the operation is over releases the timer and the listener without aborting anything.
 *
 * The AbortSignal itself is built the first time {@link signal} is read, and a `parent` given
 * as a function is read and followed only then: an operation that makes no DCI request (an
 * introspection, `version`, a cached answer, a refusal) builds no signal at all. Aborted
 * before that (deadline, shutdown), the signal is born aborted with the same reason.
 */
export class OperationSignal {
  #controller: AbortController | undefined;
  /** The reason, once aborted (whether or not the signal was built). */
  #reason: OperationAbortedError | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  #parent: AbortSignal | undefined;
  #parentOf: (() => AbortSignal | undefined) | undefined;
  readonly #onParentAbort = () => this.abort('disconnected');
  readonly #onDispose: (() => void) | undefined;
  #detached = false;
  #disposed = false;

  constructor(
    /** Milliseconds from now to the deadline. */
    readonly deadlineMs: number,
    opts: {
      parent?: AbortSignal | (() => AbortSignal | undefined) | undefined;
      onDispose?: () => void;
    } = {},
  ) {
    this.#onDispose = opts.onDispose;
    this.#timer = setTimeout(() => this.abort('deadline'), deadlineMs);
    // The deadline must never keep the process alive by itself.
    this.#timer.unref?.();
    if (typeof opts.parent === 'function') this.#parentOf = opts.parent;
    else this.#follow(opts.parent);
  }

  #follow(parent: AbortSignal | undefined): void {
    this.#parent = parent;
    if (parent?.aborted) this.abort('disconnected');
    else parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  /** Whether the operation was aborted (known without building the signal). */
  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  /** The signal to hand to the DCI client. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      // Every DCI request of the operation listens to this one signal (bounded by the upstream
      // budget): Node's warning past ten listeners would print a stack for each such operation.
      setMaxListeners(0, this.#controller.signal);
      if (this.#reason) {
        this.#controller.abort(this.#reason);
      } else if (this.#parentOf) {
        const parentOf = this.#parentOf;
        this.#parentOf = undefined;
        // A disposed operation follows nothing any more (as if it had let go of its parent).
        if (!this.#disposed) this.#follow(parentOf());
      }
    }
    return this.#controller.signal;
  }

  /** Aborts what is left of the operation's upstream work (no effect once aborted). */
  abort(cause: AbortCause): void {
    if (this.#reason === undefined) {
      this.#reason = new OperationAbortedError(cause, this.deadlineMs);
      this.#controller?.abort(this.#reason);
    }
    this.dispose();
  }

  /**
   * Drops the deadline and the shutdown's hold (`onDispose`) but keeps following `parent`:
   * for work that outlives one answer (a stream), ended only by its client going away.
   */
  detach(): void {
    if (this.#detached) return;
    this.#detached = true;
    clearTimeout(this.#timer);
    this.#onDispose?.();
  }

  /** Releases the timer and listener; the signal stays as it is. Idempotent. */
  dispose(): void {
    this.detach();
    this.#disposed = true;
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}

/**
 * `a` and `b` as one signal that aborts with whichever aborts first; `release` removes the
 * listeners it added once the combined signal is no longer needed.
 */
export function eitherSignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): { signal: AbortSignal | undefined; release: () => void } {
  const none = () => {};
  if (!a || !b || a === b) return { signal: a ?? b, release: none };
  if (a.aborted) return { signal: a, release: none };
  if (b.aborted) return { signal: b, release: none };
  const controller = new AbortController();
  const release = () => {
    a.removeEventListener('abort', onA);
    b.removeEventListener('abort', onB);
  };
  const onA = () => {
    release();
    controller.abort(a.reason);
  };
  const onB = () => {
    release();
    controller.abort(b.reason);
  };
  a.addEventListener('abort', onA, { once: true });
  b.addEventListener('abort', onB, { once: true });
  return { signal: controller.signal, release };
}

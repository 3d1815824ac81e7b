/**
 * What the gateway records about one HTTP request while it runs: its id, when it started,
 * the operation, and the DCI requests it caused. The state is found two ways: by the Request
 * object (plugin hooks receive it) and through AsyncLocalStorage (the DciClient `onUpstream`
 * callback is shared by all requests and runs inside the request's async context).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The running record of one request. */
export interface RequestState {
  /** Correlation id (X-Request-Id). */
  requestId: string;
  /** `performance.now()` at arrival. */
  startedAt: number;
  /** Whether this is a GraphQL request (counted in flight, logged at info). */
  graphql: boolean;
  /** Operation name, once known. */
  operationName: string | null;
  /** DCI request attempts made for it. */
  upstreamRequests: number;
  /** Milliseconds spent in DCI request attempts (summed, so parallel calls add up). */
  upstreamMs: number;
  /** Set when the request was refused before execution, with the code. */
  rejectedCode: string | null;
  /** First error code of the result, if any. */
  errorCode: string | null;
  /** Whether the outcome was already recorded (a response is finished once). */
  finished: boolean;
}

const byRequest = new WeakMap<Request, RequestState>();
const storage = new AsyncLocalStorage<RequestState>();

/** Starts tracking a request (idempotent: the existing state is returned). */
export function trackRequest(request: Request, init: () => RequestState): RequestState {
  let state = byRequest.get(request);
  if (!state) {
    state = init();
    byRequest.set(request, state);
  }
  return state;
}

/** The state of a tracked request. */
export function stateOf(request: Request): RequestState | undefined {
  return byRequest.get(request);
}

/** Runs `fn` with `state` as the current request (see {@link currentRequestState}). */
export function runWithState<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/** The request whose async context is running, if any. */
export function currentRequestState(): RequestState | undefined {
  return storage.getStore();
}

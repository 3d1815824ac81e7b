/**
 * What the gateway records about one HTTP request while it runs: its id, when it started,
 * the operation, and the DCI requests it caused. The state is found by the Request object:
 * plugin hooks receive it, and each request's DCI client (src/context.ts) counts its attempts
 * into it. No AsyncLocalStorage: on Node 20 it turns on promise hooks for every promise of
 * every request, a cost the benchmarks measured on the hot path.
 */

/** The running record of one request. */
export interface RequestState {
  /** Correlation id (X-Request-Id). */
  requestId: string;
  /** `performance.now()` at arrival. */
  startedAt: number;
  /** The URL's path, as logged. */
  path: string;
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

/** Counts one DCI request attempt of `request` (its DCI client's `onUpstream`). */
export function countUpstream(request: Request, durationMs: number): void {
  const state = byRequest.get(request);
  if (state) {
    state.upstreamRequests += 1;
    state.upstreamMs += durationMs;
  }
}

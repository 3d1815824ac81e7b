/**
 * Request observability: a request id on every response (X-Request-Id, taken from the caller
 * or generated, the same one the DCI client sends upstream), one structured log line per
 * request, operation metrics and the in-flight gauge. DCI request attempts are attributed to
 * their GraphQL request by each request's own DCI client (src/context.ts, `countUpstream`);
 * {@link upstreamObserver}, shared by every request, feeds the metrics. Responses also get `nosniff` and, for the
 * GraphQL endpoint, `Cache-Control: no-store` (answers depend on the caller's credentials).
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { UpstreamEvent } from '../dci/client.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics, OperationOutcome } from '../observability/metrics.js';
import { REQUEST_ID_HEADER, requestIdOf } from '../observability/request-id.js';
import { type RequestState, stateOf, trackRequest } from '../observability/request-state.js';
import { selectOperation } from './upstream-estimate.js';

/** Options of {@link observabilityPlugin}. */
export interface ObservabilityOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Path of the GraphQL endpoint: requests to it are operations. */
  graphqlEndpoint: string;
}

/**
 * The DciClient `onUpstream` callback feeding these metrics. Pass it as
 * GatewayOptions.onUpstream (the request's own counters are kept by its client).
 */
export function upstreamObserver(metrics: GatewayMetrics): (event: UpstreamEvent) => void {
  return (event) => metrics.observeUpstream(event);
}

// `http(s)://host[:port]/path` followed by the query, the fragment or nothing, where the path
// has no dot segment, percent-encoding, backslash or whitespace for the URL parser to rewrite.
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]+)?(\/[A-Za-z0-9/_-]*)(?:[?#]|$)/i;

/**
 * `new URL(url).pathname`, without building a URL for the usual `http://host/graphql?...`
 * (the parser runs for anything else).
 */
export function pathnameOf(url: string): string {
  return PLAIN_URL.exec(url)?.[1] ?? new URL(url).pathname;
}

function newState(request: Request, graphqlEndpoint: string): RequestState {
  const path = pathnameOf(request.url);
  return {
    // The one id of the request: its context (src/context.ts) takes this one for the DCI client.
    requestId: requestIdOf(request),
    startedAt: performance.now(),
    path,
    graphql: path === graphqlEndpoint,
    operationName: null,
    upstreamRequests: 0,
    upstreamMs: 0,
    rejectedCode: null,
    errorCode: null,
    finished: false,
  };
}

type Result = ExecutionResult | ExecutionResult[] | AsyncIterable<unknown> | undefined;

/** The outcome and first error code of a finished GraphQL result. */
function outcomeOf(result: Result): { outcome: OperationOutcome; code: string | null } {
  const single = Array.isArray(result) ? result[0] : result;
  if (!single || Symbol.asyncIterator in (single as object)) return { outcome: 'ok', code: null };
  const r = single as ExecutionResult;
  const errors = r.errors ?? [];
  const code = errors.length > 0 ? String(errors[0]!.extensions?.['code'] ?? 'UNKNOWN') : null;
  if (!('data' in r) || r.data === undefined) return { outcome: 'rejected', code };
  if (errors.length === 0) return { outcome: 'ok', code };
  return { outcome: r.data === null ? 'error' : 'partial', code };
}

/** Request ids, logs and metrics (see the module comment). Goes first in the plugin list. */
export function observabilityPlugin(options: ObservabilityOptions): Plugin {
  const { logger, metrics, graphqlEndpoint } = options;
  const track = (request: Request) =>
    trackRequest(request, () => newState(request, graphqlEndpoint));
  const outcomes = new WeakMap<RequestState, { outcome: OperationOutcome; code: string | null }>();
  // States counted in the in-flight gauge, so a response ended early is not decremented twice.
  const counted = new WeakSet<RequestState>();

  return {
    instrumentation: {
      // Every request is tracked before Yoga does anything with it.
      request: ({ request }, wrapped) => {
        const state = track(request);
        if (state.graphql && !counted.has(state)) {
          counted.add(state);
          metrics.inFlight.inc();
        }
        return wrapped();
      },
    },
    onParams({ params, request }) {
      const state = stateOf(request);
      if (state && params.operationName) state.operationName = params.operationName;
    },
    onValidate({ params: { documentAST }, context }) {
      const state = stateOf((context as { request: Request }).request);
      if (state && !state.operationName) {
        state.operationName = selectOperation(documentAST)?.name?.value ?? null;
      }
    },
    onResultProcess({ request, result }) {
      const state = stateOf(request);
      if (!state) return;
      const o = outcomeOf(result as Result);
      outcomes.set(state, o);
      if (o.outcome === 'rejected' && o.code) metrics.observeRejection(o.code);
    },
    onResponse({ request, response }) {
      const state = stateOf(request);
      if (!state || state.finished) return;
      state.finished = true;
      response.headers.set(REQUEST_ID_HEADER, state.requestId);
      response.headers.set('x-content-type-options', 'nosniff');
      // Answers depend on the caller's credentials: no shared cache may keep them.
      if (state.graphql && !response.headers.has('cache-control')) {
        response.headers.set('cache-control', 'no-store');
      }
      const durationMs = performance.now() - state.startedAt;
      if (!state.graphql) {
        logger.debug('request', {
          requestId: state.requestId,
          method: request.method,
          path: state.path,
          status: response.status,
          durationMs: round(durationMs),
        });
        return;
      }
      if (counted.delete(state)) metrics.inFlight.dec();
      const { outcome, code } = outcomes.get(state) ?? {
        outcome: response.status >= 400 ? 'rejected' : 'ok',
        code: null,
      };
      // GraphiQL page loads and preflights are not operations.
      const isOperation = outcomes.has(state);
      if (isOperation) metrics.observeOperation(state.operationName, outcome, durationMs / 1000);
      logger.info('request', {
        requestId: state.requestId,
        method: request.method,
        path: state.path,
        status: response.status,
        operationName: state.operationName,
        outcome: isOperation ? outcome : 'http',
        ...(code ? { errorCode: code } : {}),
        durationMs: round(durationMs),
        upstreamRequests: state.upstreamRequests,
        upstreamMs: round(state.upstreamMs),
      });
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

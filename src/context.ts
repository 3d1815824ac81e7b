/**
 * The per-request GraphQL context (DESIGN.md): the caller's credentials, a DCI client that
 * speaks with them, and fresh loaders. Built for every request; nothing in it outlives the
 * request or is shared across callers.
 */
import { requestCredentials } from './auth.js';
import { OperationSignal } from './dci/abort.js';
import { DciClient, type UpstreamEvent } from './dci/client.js';
import type { DciAuth } from './dci/credentials.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { anonymousReader, budgetedReader, UpstreamBudget } from './loaders/reader.js';
import { credentialsKey, TopicScopeCache } from './loaders/topic-scope.js';
import { requestIdOf as incomingOrNewId } from './observability/request-id.js';
import { countUpstream, stateOf } from './observability/request-state.js';
import { metricsOf } from './plugins/index.js';
import { DEFAULT_OPERATION_DEADLINE_MS, type GatewayOptions } from './server.js';

/** What every resolver receives. */
export interface GatewayContext {
  /** The DCI client with the caller's credentials; null when the request has none. */
  client: DciClient | null;
  /** This request's loaders. */
  loaders: Loaders;
  /** The credentials DCI sees (the caller's, or the service's), null for anonymous requests. */
  auth: DciAuth | null;
  /** Correlates the gateway's logs with DCI's (sent as X-Request-Id). */
  requestId: string;
  /** DCI requests this operation may still make. */
  budget: UpstreamBudget;
  /** `X-Dci-Team-Id`, the team scope the credentials act in (part of the DCI identity). */
  teamId: string | undefined;
  /**
   * Fresh loaders and budget, for a long-lived operation: each event of a subscription is
   * resolved with its own, so that nothing read for one event is served stale to the next.
   */
  renew(): void;
  /**
   * Ends the operation's DCI requests: at its deadline, when the client disconnects, or when
   * a shutdown's grace period is over (its `signal` is built when first read: the DCI client
   * reads it at its first request).
   */
  operation: OperationSignal;
}

// The operation of each request, disposed when its response is sent (see endOperation).
const operations = new WeakMap<Request, OperationSignal>();

/**
 * The operation's signal: its deadline, the HTTP request's own signal (which aborts when the
 * client disconnects) and the lifecycle's shutdown, combined.
 */
function startOperation(request: Request, options: GatewayOptions): OperationSignal {
  const deadlineMs = options.operationDeadlineMs ?? DEFAULT_OPERATION_DEADLINE_MS;
  // Read when the operation's signal is first needed (its first DCI request): the request's
  // signal is built on demand by some Request implementations.
  const parent = () => request.signal ?? undefined;
  const operation = options.lifecycle
    ? options.lifecycle.startOperation(deadlineMs, parent)
    : new OperationSignal(deadlineMs, { parent });
  operations.set(request, operation);
  return operation;
}

/**
 * Called once a request's response is ready. A complete answer releases its operation's
 * deadline timer and listeners (the signal is not aborted: nothing is left to stop). A
 * streamed one (a subscription's events, deferred parts) keeps running as long as its client
 * listens: it loses the deadline, which bounds one answer and not a stream, and keeps the
 * abort on disconnect.
 */
export function endOperation(request: Request, opts: { streamed?: boolean } = {}): void {
  const operation = operations.get(request);
  operations.delete(request);
  if (opts.streamed) operation?.detach();
  else operation?.dispose();
}

// One topic-scope cache per gateway (per options object), keyed by the caller's credentials.
const topicScopeCaches = new WeakMap<GatewayOptions, TopicScopeCache>();

function topicScopeCache(options: GatewayOptions): TopicScopeCache {
  let cache = topicScopeCaches.get(options);
  if (!cache) {
    cache = new TopicScopeCache();
    topicScopeCaches.set(options, cache);
  }
  return cache;
}

/**
 * The request's correlation id: the caller's X-Request-Id when well-formed, else a new one;
 * the one the observability plugin already chose by that rule when it tracks the request.
 */
export function requestIdOf(request: Request): string {
  return stateOf(request)?.requestId ?? incomingOrNewId(request);
}

/**
 * The DCI client of one request, speaking with the request's own credentials (or the
 * service's); null when it has none. Throws UNAUTHENTICATED on malformed credentials. Shared
 * by the GraphQL context and the file download route, so both act as the same identity.
 */
export function requestClient(
  request: Request,
  options: GatewayOptions,
  requestId: string,
): {
  client: DciClient | null;
  auth: DciAuth | null;
  teamId: string | null;
  operation: OperationSignal;
} {
  const { auth, teamId } = requestCredentials(request, options);
  const operation = startOperation(request, options);
  const client = auth
    ? new DciClient({
        baseUrl: options.dciUrl,
        auth,
        requestId,
        signal: () => operation.signal,
        ...(teamId ? { teamId } : {}),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        // The gateway's observer (metrics) and this request's own counters (its log line).
        onUpstream: (event: UpstreamEvent) => {
          options.onUpstream?.(event);
          countUpstream(request, event.durationMs);
        },
      })
    : null;
  return { client, auth, teamId: teamId ?? null, operation };
}

/** Builds the context of one HTTP request; throws UNAUTHENTICATED on malformed credentials. */
export function createContext(request: Request, options: GatewayOptions): GatewayContext {
  const requestId = requestIdOf(request);
  const { client, auth, teamId, operation } = requestClient(request, options, requestId);
  const metrics = metricsOf(options);
  const scopes = topicScopeCache(options);
  // Hashed only when an operation needs the topic scope.
  let key: string | undefined;
  const scopeKey = auth ? () => (key ??= credentialsKey(auth, teamId)) : null;
  const fresh = () => {
    const budget = new UpstreamBudget(options.maxUpstreamRequests ?? Number.POSITIVE_INFINITY);
    const reader = budgetedReader(client ?? anonymousReader, budget);
    const loaders = createLoaders(reader, {
      batching: options.batching ?? true,
      maxFirst: options.maxFirst ?? 200,
      onBatch: (loader, size) => metrics.observeLoaderBatch(loader, size),
      teamId: teamId ?? null,
      ...(scopeKey
        ? {
            topicScopes: {
              get: () => scopes.get(scopeKey()),
              set: (s) => scopes.set(scopeKey(), s),
            },
          }
        : {}),
    });
    return { budget, loaders };
  };
  const context: GatewayContext = {
    client,
    auth,
    requestId,
    teamId: teamId ?? undefined,
    operation,
    ...fresh(),
    // `this`: the context the resolver holds, which Yoga/envelop may have copied from this one
    // (a subscription's events see such a copy); renewing the original would leave it stale.
    renew(this: GatewayContext) {
      Object.assign(this, fresh());
    },
  };
  return context;
}

/**
 * Prometheus metrics of one gateway instance. Each instance has its own prom-client
 * `Registry` (never the global default one), so tests can build several gateways side by side
 * and a process could serve more than one.
 *
 * Label values are bounded: operation names are kept only while they look like GraphQL names
 * and fewer than {@link MAX_OPERATION_NAMES} distinct ones were seen (then `other`), so a
 * client cannot grow the series without limit; upstream routes are DCI route templates with
 * ids already replaced by `:id`.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamEvent } from '../dci/client.js';

/** Distinct operation names tracked before the rest are counted as `other`. */
export const MAX_OPERATION_NAMES = 200;

/** How a GraphQL request ended, as a metric and log label. */
export type OperationOutcome =
  /** Data and no errors. */
  | 'ok'
  /** Data with some errors. */
  | 'partial'
  /** Refused before execution (parse, validation, limits, budget, credentials policy). */
  | 'rejected'
  /** Executed, no data. */
  | 'error';

/** The gateway's metrics and the registry that exposes them. */
export interface GatewayMetrics {
  /** The registry /metrics renders. */
  readonly registry: Registry;
  /** Records one finished GraphQL operation. */
  observeOperation(
    name: string | null | undefined,
    outcome: OperationOutcome,
    seconds: number,
  ): void;
  /** Records one DCI request attempt (the DciClient `onUpstream` event). */
  observeUpstream(event: UpstreamEvent): void;
  /** Records one DataLoader batch. */
  observeLoaderBatch(loader: string, size: number): void;
  /** Records an operation refused by a limit, by error code. */
  observeRejection(code: string): void;
  /** GraphQL requests being processed. */
  readonly inFlight: Gauge;
  /** Records a response served from the cache (`store`) or shared with an identical request in flight. */
  observeCacheHit(source: 'store' | 'in_flight'): void;
  /** Records a cacheable query that had to be executed. */
  observeCacheMiss(): void;
  /** Records cached responses evicted: by a mutation, for room, or found expired. */
  observeCacheEviction(reason: 'invalidation' | 'capacity' | 'expired', count: number): void;
  /** Job pollers of this replica, by role: `leading` polls DCI, `following` listens. */
  readonly livePollers: Gauge<'role'>;
  /** Open live subscriptions on this replica. */
  readonly liveSubscribers: Gauge;
  /** Job events published by this replica's pollers, by kind. */
  readonly liveEvents: Counter<'kind'>;
  /** DCI requests made by this replica's pollers. */
  readonly livePollRequests: Counter;
  /** Polls that failed (retried at the next interval). */
  readonly livePollErrors: Counter;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Also collect prom-client's process metrics (CPU, memory, event loop); main.ts turns it on. */
  processMetrics?: boolean;
  /** Prefix of every metric name (default `dci_graphql_`). */
  prefix?: string;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Builds the metrics of one gateway on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const prefix = options.prefix ?? 'dci_graphql_';
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix });

  const operationDuration = new Histogram({
    name: `${prefix}operation_duration_seconds`,
    help: 'GraphQL operations by operation name and outcome, with their duration.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const operations = new Counter({
    name: `${prefix}operations_total`,
    help: 'GraphQL operations by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: `${prefix}upstream_request_duration_seconds`,
    help: 'DCI request attempts by method, route template, status and outcome, with their duration.',
    labelNames: ['method', 'route', 'status', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
    registers: [registry],
  });
  const upstreamRequests = new Counter({
    name: `${prefix}upstream_requests_total`,
    help: 'DCI request attempts by method, route template, status and outcome.',
    labelNames: ['method', 'route', 'status', 'outcome'] as const,
    registers: [registry],
  });
  const loaderBatch = new Histogram({
    name: `${prefix}loader_batch_size`,
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
    registers: [registry],
  });
  const rejections = new Counter({
    name: `${prefix}rejected_operations_total`,
    help: 'Operations refused before execution, by error code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: `${prefix}operations_in_flight`,
    help: 'GraphQL requests being processed.',
    registers: [registry],
  });

  const cacheHits = new Counter({
    name: `${prefix}response_cache_hits_total`,
    help: 'Queries answered without executing: from the response cache (store) or by an identical query of the same identity in flight (in_flight).',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const cacheMisses = new Counter({
    name: `${prefix}response_cache_misses_total`,
    help: 'Cacheable queries that had to be executed.',
    registers: [registry],
  });
  const cacheEvictions = new Counter({
    name: `${prefix}response_cache_evictions_total`,
    help: 'Cached responses evicted, by reason: invalidation (a mutation), capacity, expired.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const livePollers = new Gauge({
    name: `${prefix}live_pollers`,
    help: 'Job pollers on this replica by role: leading ones poll DCI, following ones listen.',
    labelNames: ['role'] as const,
    registers: [registry],
  });
  livePollers.set({ role: 'leading' }, 0);
  livePollers.set({ role: 'following' }, 0);
  const liveSubscribers = new Gauge({
    name: `${prefix}live_subscribers`,
    help: 'Open subscriptions (job, jobEvents) on this replica.',
    registers: [registry],
  });
  const liveEvents = new Counter({
    name: `${prefix}live_events_published_total`,
    help: 'Job events published by the pollers of this replica, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const livePollRequests = new Counter({
    name: `${prefix}live_poll_requests_total`,
    help: 'DCI requests made by the job pollers of this replica.',
    registers: [registry],
  });
  const livePollErrors = new Counter({
    name: `${prefix}live_poll_errors_total`,
    help: 'Job polls that failed (the next interval retries).',
    registers: [registry],
  });

  const seenNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (seenNames.has(name)) return name;
    if (seenNames.size >= MAX_OPERATION_NAMES) return 'other';
    seenNames.add(name);
    return name;
  };
  const routeLabel = (route: string): string =>
    // Route templates are bounded by the client; anything odd is still clipped.
    route.length > 80 ? `${route.slice(0, 80)}...` : route;

  return {
    registry,
    inFlight,
    livePollers,
    liveSubscribers,
    liveEvents,
    livePollRequests,
    livePollErrors,
    observeOperation(name, outcome, seconds) {
      const labels = { operation: operationLabel(name), outcome };
      operations.inc(labels);
      operationDuration.observe(labels, seconds);
    },
    observeUpstream(event) {
      const labels = {
        method: event.method,
        route: routeLabel(event.route),
        status: event.status === null ? 'none' : String(event.status),
        outcome: event.outcome,
      };
      upstreamRequests.inc(labels);
      upstreamDuration.observe(labels, event.durationMs / 1000);
    },
    observeLoaderBatch(loader, size) {
      loaderBatch.observe({ loader }, size);
    },
    observeRejection(code) {
      rejections.inc({ code: NAME.test(code) ? code : 'other' });
    },
    observeCacheHit(source) {
      cacheHits.inc({ source });
    },
    observeCacheMiss() {
      cacheMisses.inc();
    },
    observeCacheEviction(reason, count) {
      if (count > 0) cacheEvictions.inc({ reason }, count);
    },
  };
}

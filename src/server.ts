/**
 * The gateway factory: the Yoga instance serving the GraphQL read API over a DCI server.
 * Side-effect free: it never listens (src/main.ts does) and tests call `yoga.fetch(...)`.
 *
 * The schema is the SDL in schema/*.graphql, read once at startup relative to the package
 * root, which is one level above both src/ (tsx) and dist/ (compiled).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import { invalidateJobs } from './cache/invalidate.js';
import type { ResponseCacheOptions } from './cache/plugin.js';
import { createContext, type GatewayContext } from './context.js';
import type { RetryPolicy, Timeouts, UpstreamEvent } from './dci/client.js';
import type { DciAuth } from './dci/credentials.js';
import type { GatewayLifecycle } from './lifecycle.js';
import { LiveHub } from './live/hub.js';
import type { DashboardOptions } from './plugins/dashboard.js';
import {
  gatewayPlugins,
  gatewayYogaOptions,
  metricsOf,
  type OperationsOptions,
} from './plugins/index.js';
import type { PersistedDocumentsOptions } from './plugins/persisted.js';
import { createResolvers } from './resolvers/index.js';
import { tolerateUnknownValues } from './resolvers/unknown-enums.js';

/** Everything createGateway needs; only `dciUrl` is required. */
export interface GatewayOptions {
  /** DCI origin (DCI_CS_URL), without `/api/v1`: `https://api.distributed-ci.io`. */
  dciUrl: string;
  /** undici dispatcher for DCI requests (default: the client's pooled connections). */
  dispatcher?: Dispatcher;
  /** Batch and prime loaders (default true); false is the naive N+1 mode for benchmarks. */
  batching?: boolean;
  /** Credentials used for requests that bring none (default: none, such requests get
   * UNAUTHENTICATED on every field needing DCI; introspection still works). */
  serviceAuth?: DciAuth | null;
  /** Whether requests served with `serviceAuth` may run mutations (default false). */
  serviceMutations?: boolean;
  /** Largest `first` a connection accepts (default 200, DCI's page cap). */
  maxFirst?: number;
  /** Most DCI requests one operation may make (default unlimited): UPSTREAM_BUDGET_EXCEEDED beyond. */
  maxUpstreamRequests?: number;
  /** Path of the GraphQL endpoint (default `/graphql`). */
  graphqlEndpoint?: string;
  /** Clock for request signing (default: the system clock). */
  now?: () => Date;
  /** Retry policy of DCI GETs (default: the client's, two retries). */
  retry?: Partial<RetryPolicy>;
  /** Socket timeouts of DCI requests (default: the client's). */
  timeouts?: Partial<Timeouts>;
  /** Called after every DCI request attempt (metrics, logs). */
  onUpstream?: (event: UpstreamEvent) => void;
  /**
   * One deadline per operation, in milliseconds (default {@link DEFAULT_OPERATION_DEADLINE_MS}):
   * every DCI request, retry and response body of the operation ends by then, with
   * DCI_UNAVAILABLE (`extensions.reason: DEADLINE_EXCEEDED`) for the fields still waiting.
   */
  operationDeadlineMs?: number;
  /** The process lifecycle (draining, operations in flight); main.ts passes its own. */
  lifecycle?: GatewayLifecycle;
  /** Version reported by `Query.version` (default: package.json's). */
  version?: string;
  /**
   * Persisted documents: a trusted-documents manifest (only its hashes run), or automatic
   * persisted queries (the default). See src/plugins/persisted.ts.
   */
  persistedDocuments?: PersistedDocumentsOptions;
  /** The per-identity response cache (default: none, every query executes). */
  cache?: ResponseCacheOptions;
  /** The reference dashboard at /dashboard/ (default: on, from dist/dashboard/). */
  dashboard?: DashboardOptions;
  /** Production settings (limits, metrics, logger, mode), filled in by `withOperations`. */
  operations?: OperationsOptions;
  /**
   * The replica's live hub (pollers and subscribers of the Subscription fields). Default: one
   * in this process with the default poll interval, see {@link liveHubFor}. Whoever creates it
   * closes it (main.ts on SIGTERM).
   */
  live?: LiveHub;
}

/** The default deadline of one operation: 20 s, below common proxy timeouts (30-60 s). */
export const DEFAULT_OPERATION_DEADLINE_MS = 20_000;

/** The Yoga instance createGateway returns. */
export type Gateway = YogaServerInstance<object, GatewayContext>;

const PACKAGE_ROOT = new URL('../', import.meta.url);

/** The SDL of every schema/*.graphql file, in file name order. */
export function loadTypeDefs(): string[] {
  const dir = new URL('schema/', PACKAGE_ROOT);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(new URL(name, dir), 'utf8'));
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/**
 * A live hub polling the DCI of `options` with its transport, retries and metrics, evicting
 * from `options.cache` the jobs its pollers see change; `settings`
 * are the hub's own (poll interval, limits, Redis bus and leases). Nothing starts before the
 * first subscriber.
 */
export function liveHubFor(
  options: GatewayOptions,
  settings: Omit<ConstructorParameters<typeof LiveHub>[0], 'dciUrl'> = {},
): LiveHub {
  const metrics = metricsOf(options);
  return new LiveHub({
    dciUrl: options.dciUrl,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.onUpstream ? { onUpstream: options.onUpstream } : {}),
    metrics,
    // A change a poller saw in DCI also evicts the cached answers holding the job, counted
    // like a mutation's evictions (a store error is the store's to report).
    ...(options.cache
      ? {
          onJobChanged: (jobId: string) =>
            void invalidateJobs(options.cache!, [jobId]).then(
              (n) => metrics.observeCacheEviction('invalidation', n),
              () => {},
            ),
        }
      : {}),
    ...settings,
  });
}

/** Builds the gateway. It never listens: serve `gateway` (a fetch handler) or call its fetch. */
export function createGateway(options: GatewayOptions): Gateway {
  const live = options.live ?? liveHubFor(options);
  const schema = tolerateUnknownValues(
    createSchema<GatewayContext>({
      typeDefs: loadTypeDefs(),
      resolvers: createResolvers({ version: options.version ?? packageVersion(), live }),
    }),
  );
  return createYoga<object, GatewayContext>({
    // Production settings (CORS, GraphiQL, masking that keeps intended GraphQLErrors and hides
    // the rest, logging) come from src/plugins, like the plugins themselves.
    ...gatewayYogaOptions(options),
    schema,
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    context: ({ request }) => createContext(request, options),
    plugins: gatewayPlugins(options),
  });
}

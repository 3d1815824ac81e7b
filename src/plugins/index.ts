/**
 * The gateway's Yoga plugins, in order, and the Yoga options that go with them. `createGateway`
 * spreads {@link gatewayPlugins} into Yoga's `plugins` and {@link gatewayYogaOptions} into its
 * options; optional plugins are added with `cond && usePlugin()` and filtered here.
 *
 * Order matters: observability first (it must see every request and every refusal), then the
 * operational endpoints (no GraphQL involved), the lifecycle (refusals while draining, the end
 * of each operation's deadline), the HTTP guards (body limit, CSRF), the parse
 * and validation limits, the pre-execution policies, and the error-code safety net last.
 */

import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import {
  type CORSOptions,
  type GraphiQLOptions,
  maskError,
  type Plugin,
  type YogaLogger,
} from 'graphql-yoga';
import { responseCachePlugins } from '../cache/plugin.js';
import type { CredentialMode, GatewayLimits } from '../config.js';
import { graphiqlOptions, renderGraphiQL } from '../graphiql.js';
import { type Logger, silentLogger } from '../observability/logger.js';
import { createMetrics, type GatewayMetrics } from '../observability/metrics.js';
import type { GatewayOptions } from '../server.js';
import { argumentsPlugin } from './arguments.js';
import { dashboardPlugin } from './dashboard.js';
import { endpointsPlugin } from './endpoints.js';
import { fileDownloadPlugin } from './file-download.js';
import { graphiqlPagePlugin } from './graphiql-page.js';
import { bodyLimitPlugin, csrfPreventionPlugin } from './http-guards.js';
import { inputBoundsPlugin } from './input-bounds.js';
import { lifecyclePlugin } from './lifecycle.js';
import { armorPlugins, DEFAULT_LIMITS, operationLimitsPlugin } from './limits.js';
import { observabilityPlugin, upstreamObserver } from './observability.js';
import { persistedDocumentsPlugins } from './persisted.js';
import { errorCodesPlugin, serviceMutationsPlugin } from './policy.js';

/** The production side of a gateway: limits, observability, browser-facing settings. */
export interface OperationsOptions {
  /** Protection limits (defaults: {@link DEFAULT_LIMITS}). */
  limits?: Partial<GatewayLimits>;
  /** Production mode: no field suggestions (default false). */
  production?: boolean;
  /** Structured logger (default: silent). */
  logger?: Logger;
  /** This gateway's metrics (default: a fresh registry). */
  metrics?: GatewayMetrics;
  /** Timeout of the /ready probe (default 2000 ms). */
  readyTimeoutMs?: number;
  /** Browser origins allowed by CORS: none (default), a list, or `['*']`. */
  corsOrigins?: readonly string[];
  /** Credential mode, for GraphiQL's explanations (default per-request). */
  mode?: CredentialMode;
  /** Serve GraphiQL to browsers (default true). */
  graphiql?: boolean;
}

/** GatewayOptions as the plugins read them (the `operations` part may be absent). */
export type PluginOptions = GatewayOptions;

/** Operations settings with every default filled in. */
interface Resolved {
  limits: GatewayLimits;
  production: boolean;
  logger: Logger;
  metrics: GatewayMetrics;
  readyTimeoutMs: number;
  corsOrigins: readonly string[];
  mode: CredentialMode;
  graphiql: boolean;
}

// A gateway built without explicit metrics gets its own registry, created once per options.
const defaultMetrics = new WeakMap<object, GatewayMetrics>();

function resolve(options: PluginOptions): Resolved {
  const ops = options.operations ?? {};
  let metrics = ops.metrics;
  if (!metrics) {
    metrics = defaultMetrics.get(options) ?? createMetrics();
    defaultMetrics.set(options, metrics);
  }
  return {
    limits: {
      ...DEFAULT_LIMITS,
      ...(options.maxFirst !== undefined ? { maxFirst: options.maxFirst } : {}),
      ...ops.limits,
    },
    production: ops.production ?? false,
    logger: ops.logger ?? silentLogger,
    metrics,
    readyTimeoutMs: ops.readyTimeoutMs ?? 2000,
    corsOrigins: ops.corsOrigins ?? [],
    mode: ops.mode ?? (options.serviceAuth ? 'service' : 'per-request'),
    graphiql: ops.graphiql ?? true,
  };
}

/**
 * Completes gateway options with their production side: the operations settings, the
 * upstream observer feeding metrics and per-request counters (chained before any
 * `onUpstream` already given), and the runtime backstops derived from the limits.
 */
export function withOperations(
  options: GatewayOptions,
  operations: OperationsOptions = {},
): GatewayOptions {
  const metrics = operations.metrics ?? createMetrics();
  const observe = upstreamObserver(metrics);
  const previous = options.onUpstream;
  const limits = { ...DEFAULT_LIMITS, ...operations.limits };
  const completed: PluginOptions = {
    ...options,
    maxFirst: options.maxFirst ?? limits.maxFirst,
    // The static estimate refuses costly operations up front, telling the caller why; the
    // runtime cap (twice as high) only stops what the estimate failed to foresee.
    maxUpstreamRequests: options.maxUpstreamRequests ?? 2 * limits.upstreamBudget,
    onUpstream: previous
      ? (event) => {
          observe(event);
          previous(event);
        }
      : observe,
    operations: { ...operations, metrics, limits },
  };
  return completed;
}

/** The metrics registry a gateway built from these options reports to. */
export function metricsOf(options: GatewayOptions): GatewayMetrics {
  return resolve(options).metrics;
}

/** Every plugin the gateway runs for these options, in the order they apply. */
export function gatewayPlugins(options: GatewayOptions): Plugin[] {
  const o = resolve(options);
  const endpoint = options.graphqlEndpoint ?? '/graphql';
  return [
    observabilityPlugin({ logger: o.logger, metrics: o.metrics, graphqlEndpoint: endpoint }),
    endpointsPlugin({
      dciUrl: options.dciUrl,
      dispatcher: options.dispatcher,
      readyTimeoutMs: o.readyTimeoutMs,
      metrics: o.metrics,
      isDraining: () => options.lifecycle?.draining ?? false,
    }),
    lifecyclePlugin({ lifecycle: options.lifecycle, graphqlEndpoint: endpoint }),
    graphiqlPagePlugin({
      options: graphiqlFor(options),
      endpoint,
    }),
    fileDownloadPlugin(options),
    dashboardPlugin({ ...options.dashboard, graphqlEndpoint: endpoint, mode: o.mode }),
    bodyLimitPlugin(o.limits.bodyLimitBytes),
    csrfPreventionPlugin(),
    // Before anything parses the document or coerces a variable: both recurse.
    inputBoundsPlugin(o.limits),
    // Before anything reads the document: a trusted-documents gateway refuses ad-hoc ones here.
    ...persistedDocumentsPlugins(options.persistedDocuments),
    // @defer and @stream: deferred parts are in the document the limits and the upstream
    // estimate read, and their resolvers draw on the same per-request budget.
    useDeferStream(),
    operationLimitsPlugin(o.limits, { batching: options.batching ?? true }),
    ...armorPlugins(o.limits, o.production),
    argumentsPlugin({ maxFirst: o.limits.maxFirst }),
    serviceMutationsPlugin({
      serviceAuth: options.serviceAuth,
      serviceMutations: options.serviceMutations ?? false,
    }),
    ...(options.cache
      ? responseCachePlugins(options.cache, {
          serviceAuth: options.serviceAuth,
          metrics: o.metrics,
        })
      : []),
    errorCodesPlugin(o.production, { serviceAuth: options.serviceAuth }),
  ].filter((p): p is Plugin => Boolean(p));
}

/** Headers a browser client may send cross-origin (credentials and correlation). */
const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-dci-client-id',
  'x-dci-api-secret',
  'x-dci-team-id',
  'x-request-id',
  'x-graphql-yoga-csrf',
];

/** Yoga's CORS factory for the configured origins: no CORS headers for other origins. */
export function corsFor(origins: readonly string[]): GatewayYogaOptions['cors'] {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || (!any && !origins.includes(origin))) return false;
    return {
      origin: [any ? '*' : origin],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id'],
      // Credentials travel in headers, never in cookies: no ambient authority to share.
      credentials: false,
      maxAge: 600,
    };
  };
}

/** The Yoga options {@link gatewayYogaOptions} sets; independent of the context types. */
export interface GatewayYogaOptions {
  cors: false | ((request: Request) => CORSOptions | false);
  graphiql: GraphiQLOptions | false;
  renderGraphiQL: (options: GraphiQLOptions) => string;
  maskedErrors: { isDev: boolean; maskError: (error: unknown, message: string) => Error };
  batching: false;
  multipart: false;
  maxRequestBodySize: false;
  landingPage: false;
  healthCheckEndpoint: string;
  logging: YogaLogger;
}

/** The GraphiQL settings of a gateway, or false when it serves no GraphiQL. */
function graphiqlFor(options: GatewayOptions): GraphiQLOptions | false {
  const o = resolve(options);
  // GraphiQL sends ad-hoc documents, which a trusted-documents gateway refuses: it is not
  // served then (development runs without the flag; tools read client/schema.graphql).
  return o.graphiql && !options.persistedDocuments?.trusted
    ? graphiqlOptions({ mode: o.mode, endpoint: options.graphqlEndpoint ?? '/graphql' })
    : false;
}

/**
 * The Yoga options of a production gateway, for createGateway to spread into createYoga:
 * CORS, GraphiQL with the bundled renderer, masked errors without stacks, no batching, no
 * multipart, Yoga's own health check moved aside (ours answers /health), no landing page.
 */
export function gatewayYogaOptions(options: GatewayOptions): GatewayYogaOptions {
  const o = resolve(options);
  return {
    cors: corsFor(o.corsOrigins),
    // The page is served by graphiqlPagePlugin (compressed, with an ETag), not by Yoga.
    graphiql: false,
    renderGraphiQL,
    // Unexpected errors become "Unexpected error." with code INTERNAL_SERVER_ERROR; never a
    // stack or an upstream URL, whatever NODE_ENV says.
    maskedErrors: { isDev: false, maskError: maskUnexpected },
    batching: false,
    multipart: false,
    // bodyLimitPlugin reads every body Yoga would parse (JSON, GraphQL, form) within the
    // gateway's limit; Yoga's own 25 MB limit would pipe each body through a second stream.
    maxRequestBodySize: false,
    landingPage: false,
    // Yoga answers its health check before any plugin; keep it off the public paths.
    healthCheckEndpoint: '/__yoga/health',
    logging: yogaLogger(o.logger),
  };
}

/** A GraphQLError by shape: `instanceof` fails across two copies of graphql (CJS and ESM). */
function isGraphQLErrorLike(error: unknown): error is Error & { originalError?: unknown } {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** A GraphQLError all the way down: an error the code meant to show, with its code. */
function isIntended(error: unknown): boolean {
  if (!isGraphQLErrorLike(error)) return false;
  return error.originalError == null || isIntended(error.originalError);
}

/**
 * Yoga's masking, made robust to a second copy of graphql: intended GraphQLErrors pass,
 * anything else becomes "Unexpected error." (INTERNAL_SERVER_ERROR) with no stack or detail.
 */
export function maskUnexpected(error: unknown, message: string): Error {
  return isIntended(error) ? (error as Error) : maskError(error, message, false);
}

/** Yoga's own messages (unexpected errors above all) through the gateway's redacting logger. */
function yogaLogger(logger: Logger): YogaLogger {
  const fields = (args: unknown[]) => ({ detail: args.length === 1 ? args[0] : args });
  return {
    debug: (...args: unknown[]) => logger.debug('yoga', fields(args)),
    info: (...args: unknown[]) => logger.info('yoga', fields(args)),
    warn: (...args: unknown[]) => logger.warn('yoga', fields(args)),
    error: (...args: unknown[]) => logger.error('yoga', fields(args)),
  };
}

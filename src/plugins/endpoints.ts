/**
 * Operational endpoints, served from a Yoga `onRequest` hook so they work through
 * `yoga.fetch` as well as over HTTP:
 *
 * - `GET /health`: the process is up and serving (200, JSON), nothing else is checked;
 * - `GET /ready`: DCI answers its unauthenticated root `GET /api/v1/` within the timeout
 *   (200), or not (503); concurrent probes share one upstream request. Once the process drains
 *   (SIGTERM) it answers 503 at once, without probing, so load balancers stop sending work;
 * - `GET /metrics`: this gateway's Prometheus registry in the text exposition format.
 */
import type { Plugin } from 'graphql-yoga';
import { type Dispatcher, request as undiciRequest } from 'undici';
import type { GatewayMetrics } from '../observability/metrics.js';

/** Options of {@link endpointsPlugin}. */
export interface EndpointsOptions {
  /** DCI origin probed by /ready (GET <dciUrl>/api/v1/). */
  dciUrl: string;
  /** Transport of the probe (the gateway's dispatcher, if it has one). */
  dispatcher?: Dispatcher | undefined;
  /** Probe timeout in milliseconds. */
  readyTimeoutMs: number;
  metrics: GatewayMetrics;
  /** Clock of the uptime field. */
  startedAt?: number;
  /** Whether the process is shutting down (then /ready answers 503 without probing). */
  isDraining?: () => boolean;
}

/** The result of one readiness probe. */
export interface ReadinessResult {
  ready: boolean;
  /** Why not: `timeout`, `connection`, `status 502`... */
  reason?: string;
  durationMs: number;
}

/** Probes DCI's unauthenticated root: any 2xx within the timeout means reachable. */
export async function probeDci(
  dciUrl: string,
  timeoutMs: number,
  dispatcher?: Dispatcher,
): Promise<ReadinessResult> {
  const start = performance.now();
  const elapsed = () => Math.round(performance.now() - start);
  try {
    const res = await undiciRequest(`${dciUrl.replace(/\/+$/, '')}/api/v1/`, {
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(dispatcher ? { dispatcher } : {}),
    });
    await res.body.dump().catch(() => {});
    if (res.statusCode >= 200 && res.statusCode < 300)
      return { ready: true, durationMs: elapsed() };
    return { ready: false, reason: `status ${res.statusCode}`, durationMs: elapsed() };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const code = (error as { code?: unknown }).code;
    const reason =
      name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT'
        ? 'timeout'
        : 'connection';
    return { ready: false, reason, durationMs: elapsed() };
  }
}

/** The paths this plugin answers. */
const ROUTES = new Set(['/health', '/ready', '/metrics']);

type OnRequestPayload = Parameters<NonNullable<Plugin['onRequest']>>[0];

function json(fetchAPI: { Response: typeof Response }, status: number, body: unknown): Response {
  return new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** /health, /ready and /metrics (see the module comment). */
export function endpointsPlugin(options: EndpointsOptions): Plugin {
  const startedAt = options.startedAt ?? Date.now();
  let pending: Promise<ReadinessResult> | null = null;
  const probe = () => {
    pending ??= probeDci(options.dciUrl, options.readyTimeoutMs, options.dispatcher).finally(() => {
      pending = null;
    });
    return pending;
  };
  const serve = async ({ url, fetchAPI, endResponse }: OnRequestPayload): Promise<void> => {
    switch (url.pathname) {
      case '/health':
        endResponse(
          json(fetchAPI, 200, {
            status: 'ok',
            uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          }),
        );
        return;
      case '/ready': {
        if (options.isDraining?.()) {
          endResponse(json(fetchAPI, 503, { status: 'shutting-down' }));
          return;
        }
        const result = await probe();
        endResponse(
          json(fetchAPI, result.ready ? 200 : 503, {
            status: result.ready ? 'ready' : 'unavailable',
            dci: result.ready ? 'reachable' : 'unreachable',
            ...(result.reason ? { reason: result.reason } : {}),
            durationMs: result.durationMs,
          }),
        );
        return;
      }
      case '/metrics': {
        const text = await options.metrics.registry.metrics();
        endResponse(
          new fetchAPI.Response(text, {
            status: 200,
            headers: {
              'content-type': options.metrics.registry.contentType,
              'cache-control': 'no-store',
            },
          }),
        );
        return;
      }
    }
  };
  return {
    // Not async: any other request (every GraphQL one) passes without a promise to wait on.
    onRequest(payload) {
      const { request, url } = payload;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (ROUTES.has(url.pathname)) return serve(payload);
    },
  };
}

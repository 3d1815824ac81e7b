/**
 * How `npm start` turns its configuration into a gateway, without side effects of its own
 * beyond starting the demo emulator when asked: main.ts listens with what this builds, and
 * tests build the very same gateway in-process (the README's demo walk-through is run that way).
 */
import type { GatewayConfig } from './config.js';
import type { DciAuth } from './dci/credentials.js';
import type { FixtureIdentity } from './emulator/dataset.js';
import type { GatewayLifecycle } from './lifecycle.js';
import type { Logger } from './observability/logger.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { withOperations } from './plugins/index.js';
import type { GatewayOptions } from './server.js';

/** What demo mode runs against: the bundled emulator with the seeded `demo` dataset. */
export interface DemoUpstream {
  dciUrl: string;
  /** Who credential-less requests act as (read-only): the demo remote CI. */
  serviceAuth: DciAuth;
  /** The demo remote CI, whose own credentials may write (the banner prints them). */
  writer: FixtureIdentity;
  close(): Promise<void>;
}

/** Starts the demo emulator on 127.0.0.1 (a free port). Same seed, same ids and secrets. */
export async function startDemoUpstream(): Promise<DemoUpstream> {
  const { startEmulator } = await import('./emulator/index.js');
  const emulator = await startEmulator({ size: 'demo', host: '127.0.0.1', port: 0 });
  const writer = emulator.fixtures.identities.partnerRemoteci;
  return {
    dciUrl: emulator.url,
    serviceAuth: writer.auth,
    writer,
    close: () => emulator.close(),
  };
}

/**
 * The demo banner's lines: where the data comes from, that credential-less requests are
 * read-only, and the headers that let a request write as the demo remote CI (emulator
 * fixtures, never real credentials).
 */
export function demoBanner(dciUrl: string, writer: FixtureIdentity): string[] {
  const lines = [
    `DEMO MODE: no DCI credentials configured; serving the bundled DCI emulator at ${dciUrl} with sample data`,
    'Requests without credentials run as the demo remoteci (read-only).',
  ];
  if (writer.auth.kind === 'hmac') {
    lines.push(
      'To write (mutations), send the demo remoteci’s own credentials:',
      `  X-Dci-Client-Id: ${writer.auth.accessKey}`,
      `  X-Dci-Api-Secret: ${writer.auth.secret}`,
    );
  }
  return lines;
}

/** What main.ts supplies besides the configuration. */
export interface StartupParts {
  dciUrl: string;
  serviceAuth: DciAuth | null;
  lifecycle: GatewayLifecycle;
  logger: Logger;
  metrics: GatewayMetrics;
  cache?: GatewayOptions['cache'];
}

/** The gateway options `npm start` runs with, from its configuration. */
export function gatewayOptionsFrom(config: GatewayConfig, parts: StartupParts): GatewayOptions {
  return withOperations(
    {
      dciUrl: parts.dciUrl,
      serviceAuth: parts.serviceAuth,
      serviceMutations: config.serviceMutations,
      batching: config.batching,
      graphqlEndpoint: config.graphqlEndpoint,
      operationDeadlineMs: config.operationDeadlineMs,
      lifecycle: parts.lifecycle,
      persistedDocuments: { trusted: config.trustedDocuments },
      dashboard: { enabled: config.dashboard },
      ...(parts.cache ? { cache: parts.cache } : {}),
    },
    {
      limits: config.limits,
      production: config.production,
      logger: parts.logger,
      metrics: parts.metrics,
      readyTimeoutMs: config.readyTimeoutMs,
      corsOrigins: config.corsOrigins,
      mode: config.mode,
      graphiql: config.graphiql,
    },
  );
}

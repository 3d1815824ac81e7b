/**
 * The gateway process: the only module with side effects. It reads the configuration, starts
 * the bundled emulator in demo mode, builds the gateway, listens, and drains on SIGTERM:
 * stop accepting, let in-flight requests finish within the grace period, close DCI
 * connection pools, exit 0.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { responseCacheFrom } from './cache/setup.js';
import { ConfigError, describeConfig, type GatewayConfig, helpText, loadConfig } from './config.js';
import { closeAllPools } from './dci/client.js';
import type { DciAuth } from './dci/credentials.js';
import { CredentialsError } from './dci/credentials.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { withOperations } from './plugins/index.js';
import { closeRedisConnections, createRedisConnection } from './redis/connection.js';
import { createGateway, liveHubFor } from './server.js';

/** The values a log line must never show: the service credentials. */
function secretsOf(auth: DciAuth | null): string[] {
  if (!auth) return [];
  switch (auth.kind) {
    case 'hmac':
      return [auth.secret];
    case 'basic':
      return [auth.password, Buffer.from(`${auth.login}:${auth.password}`).toString('base64')];
    case 'bearer':
      return [auth.token];
  }
}

function readConfig(): GatewayConfig {
  try {
    return loadConfig(process.argv.slice(2), process.env, (path) => readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CredentialsError) {
      console.error(`dci-graphql: ${error.message}`);
      console.error('Run with --help to list every option.');
      process.exit(2);
    }
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Tracks the responses being written, so that a drain can ask every client to drop its
 * connection once its answer is sent (`Connection: close`) instead of reusing it.
 */
function trackResponses(server: Server): { closing(): void } {
  const active = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    active.add(res);
    res.once('close', () => active.delete(res));
  });
  return {
    closing() {
      stopping = true;
      for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
    },
  };
}

/** Stops accepting, waits for in-flight requests up to `graceMs`, then cuts what is left. */
function drain(server: Server, graceMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets between requests would hold close() open; in-flight ones finish.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      logger.warn('shutdown grace period over: closing the remaining connections', { graceMs });
      server.closeAllConnections();
    }, graceMs);
    server.once('close', () => {
      clearInterval(sweep);
      clearTimeout(deadline);
    });
  });
}

/**
 * With Redis, job events and poller leases are shared by every replica: the shared connection
 * publishes and holds leases, a second one (in subscriber mode, used for nothing else) listens.
 */
async function connectLive(redis: Redis, url: string, logger: Logger, keySecret: string | null) {
  const { redisBus } = await import('./live/redis-bus.js');
  const { redisLeases } = await import('./live/lease.js');
  const { sharedIdentityKey } = await import('./live/identity.js');
  const subscriber = createRedisConnection(url, {
    name: 'dci-graphql-events',
    onError: (error) => logger.warn('redis connection error', { error: error.message }),
  });
  return {
    live: {
      bus: redisBus(redis, subscriber),
      leases: redisLeases(redis),
      // The same key on every replica, so that their identity hashes (channels, leases) agree.
      identityKey: keySecret
        ? createHash('sha256').update(`live:${keySecret}`).digest()
        : await sharedIdentityKey(redis),
    },
    close: () => closeRedisConnections(subscriber),
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.help) {
    console.log(helpText());
    return;
  }

  let dciUrl = config.dciUrl;
  let serviceAuth = config.serviceAuth;
  let closeEmulator: (() => Promise<void>) | null = null;
  if (config.mode === 'demo') {
    const { startEmulator } = await import('./emulator/index.js');
    const emulator = await startEmulator({ size: 'demo', host: '127.0.0.1', port: 0 });
    dciUrl = emulator.url;
    serviceAuth = emulator.fixtures.identities.partnerRemoteci.auth;
    closeEmulator = () => emulator.close();
  }

  const logger = createLogger({
    level: config.logLevel,
    write: (line) => process.stdout.write(`${line}\n`),
    secrets: [
      ...secretsOf(serviceAuth),
      ...(config.cache.keySecret ? [config.cache.keySecret] : []),
    ],
    base: { service: 'dci-graphql' },
  });
  for (const warning of config.warnings) logger.warn(warning);

  const metrics = createMetrics({ processMetrics: true });
  // One Redis connection for the replicas' shared state; its errors are logged, never its URL.
  const redis = config.redisUrl
    ? createRedisConnection(config.redisUrl, {
        name: 'dci-graphql',
        onError: (error) => logger.warn('redis connection error', { error: error.message }),
      })
    : null;
  const cache = await responseCacheFrom(config.cache, {
    redis,
    metrics,
    onError: (error) =>
      logger.warn('response cache store failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  const options = withOperations(
    {
      dciUrl: dciUrl!,
      serviceAuth,
      serviceMutations: config.serviceMutations,
      batching: config.batching,
      graphqlEndpoint: config.graphqlEndpoint,
      persistedDocuments: { trusted: config.trustedDocuments },
      dashboard: { enabled: config.dashboard },
      ...(cache ? { cache } : {}),
    },
    {
      limits: config.limits,
      production: config.production,
      logger,
      metrics,
      readyTimeoutMs: config.readyTimeoutMs,
      corsOrigins: config.corsOrigins,
      mode: config.mode,
      graphiql: config.graphiql,
    },
  );

  const liveRedis =
    redis && config.redisUrl
      ? await connectLive(redis, config.redisUrl, logger, config.cache.keySecret)
      : null;
  const live = liveHubFor(options, {
    pollIntervalMs: config.live.pollIntervalMs,
    maxSubscriptionsPerIdentity: config.live.maxSubscriptionsPerIdentity,
    maxSubscriptions: config.live.maxSubscriptions,
    onError: (message, error) =>
      logger.warn(message, { error: error instanceof Error ? error.message : String(error) }),
    ...(liveRedis?.live ?? {}),
  });
  const gateway = createGateway({ ...options, live });

  const server = createServer(gateway);
  const responses = trackResponses(server);
  // Slow clients must not hold sockets forever; DCI timeouts bound the handler itself.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  const address = await listen(server, config.port, config.host);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;

  logger.info(
    'configuration',
    describeConfig({ ...config, dciUrl, serviceAuth, port: address.port }),
  );
  if (config.mode === 'demo') {
    const banner = `DEMO MODE: no DCI credentials configured; serving the bundled DCI emulator at ${dciUrl} with sample data`;
    logger.warn(banner, { dciUrl });
    console.error(
      `\n  ${banner}\n  Requests without credentials run as the demo remoteci (read-only).\n`,
    );
  } else if (config.mode === 'service') {
    logger.info(
      `service credentials: requests without credentials run as ${describeConfig(config)['serviceIdentity']}${config.serviceMutations ? ' (mutations allowed)' : ' (read-only)'}`,
    );
  } else {
    logger.info('per-request credentials: every request must bring its own DCI credentials');
  }
  logger.info('listening', { url, graphql: `${url}${config.graphqlEndpoint}` });
  if (config.graphiql && !config.trustedDocuments)
    console.error(`  GraphiQL ready at ${url}${config.graphqlEndpoint}\n`);
  if (config.dashboard) console.error(`  Dashboard at ${url}/dashboard/\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, graceMs: config.shutdownGraceMs });
    responses.closing();
    // Live streams never end by themselves: end them (clients reconnect to another replica)
    // and stop the pollers, so that the drain only waits for ordinary requests.
    const draining = drain(server, config.shutdownGraceMs, logger);
    await live.close();
    await draining;
    await liveRedis?.close();
    await closeAllPools();
    if (redis) await closeRedisConnections(redis);
    await closeEmulator?.();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { error: reason }),
  );
}

main().catch((error: unknown) => {
  console.error('dci-graphql failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

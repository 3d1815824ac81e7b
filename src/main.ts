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
import { GatewayLifecycle } from './lifecycle.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { closeRedisConnections, createRedisConnection } from './redis/connection.js';
import { createGateway, liveHubFor } from './server.js';
import { type DemoUpstream, demoBanner, gatewayOptionsFrom, startDemoUpstream } from './startup.js';

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

/** The responses being written, for the drain. */
interface ResponseTracker {
  /** From now on every response asks its client to drop the connection once answered. */
  closing(): void;
  /** Resolves true once no response is being written, false if that takes over `ms`. */
  idle(ms: number): Promise<boolean>;
}

/**
 * Tracks the responses being written, so that a drain can ask every client to drop its
 * connection once its answer is sent (`Connection: close`) instead of reusing it, and wait
 * for the last answer.
 */
function trackResponses(server: Server): ResponseTracker {
  const active = new Set<ServerResponse>();
  const onIdle = new Set<() => void>();
  let stopping = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      if (active.size === 0) for (const wake of [...onIdle]) wake();
    });
  });
  return {
    closing() {
      stopping = true;
      for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    idle(ms) {
      if (active.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (idle: boolean) => {
          clearTimeout(timer);
          onIdle.delete(wake);
          resolve(idle);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), ms);
        onIdle.add(wake);
      });
    },
  };
}

/**
 * The drain after SIGTERM. The listener stays open meanwhile, so that `/ready` can answer 503
 * (the lifecycle drains) and new GraphQL requests are refused with 503 SHUTTING_DOWN, while the
 * requests in flight finish. Shortly before `graceMs` is over, the DCI work they still wait for
 * is aborted (even a DCI that never answers), their answers go out (DCI_UNAVAILABLE), and
 * every connection is closed: the whole drain takes at most `graceMs`.
 */
async function drain(
  server: Server,
  responses: ResponseTracker,
  lifecycle: GatewayLifecycle,
  graceMs: number,
  logger: Logger,
): Promise<void> {
  // Time left for the answers of aborted operations to leave.
  const flushMs = Math.min(500, Math.floor(graceMs / 4));
  if (!(await responses.idle(graceMs - flushMs))) {
    const operations = lifecycle.abortAll('shutdown');
    logger.warn('shutdown grace period over: aborting the DCI requests still in flight', {
      graceMs,
      operations,
    });
    await responses.idle(flushMs);
  }
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
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

/** How long after the grace period the process exits whatever still runs. */
const SHUTDOWN_BACKSTOP_MS = 2_000;

async function main(): Promise<void> {
  const config = readConfig();
  if (config.help) {
    console.log(helpText());
    return;
  }

  let dciUrl = config.dciUrl;
  let serviceAuth = config.serviceAuth;
  let closeEmulator: (() => Promise<void>) | null = null;
  let demo: DemoUpstream | null = null;
  if (config.mode === 'demo') {
    demo = await startDemoUpstream();
    dciUrl = demo.dciUrl;
    serviceAuth = demo.serviceAuth;
    closeEmulator = demo.close;
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
  const lifecycle = new GatewayLifecycle();
  const options = gatewayOptionsFrom(config, {
    dciUrl: dciUrl!,
    serviceAuth,
    lifecycle,
    logger,
    metrics,
    ...(cache ? { cache } : {}),
  });

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
  if (demo) {
    const [banner, ...rest] = demoBanner(demo.dciUrl, demo.writer);
    logger.warn(banner!, { dciUrl });
    // The terminal also gets the demo remote CI's headers (emulator fixtures) for the README's
    // worked example; the log line never does.
    console.error(`\n  ${[banner, ...rest].join('\n  ')}\n`);
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
    // Whatever hangs (a pool, the demo emulator), the process does not outlive its grace.
    setTimeout(() => {
      logger.error('shutdown did not complete: exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS).unref();
    lifecycle.beginDrain();
    responses.closing();
    // Live streams never end by themselves: end them (clients reconnect to another replica)
    // and stop the pollers, so that the drain only waits for ordinary requests.
    const draining = drain(server, responses, lifecycle, config.shutdownGraceMs, logger);
    await live.close();
    await draining;
    await liveRedis?.close();
    // Nothing of the gateway's own waits for DCI any more: drop the connections outright.
    await closeAllPools({ force: true });
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

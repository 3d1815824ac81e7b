/**
 * The one way the gateway opens Redis connections (response cache, event bus, poll leases).
 * main.ts opens them from `--redis-url` and closes them on SIGTERM; tests open them against
 * the `redis-server` they started. Every key the gateway writes starts with
 * {@link REDIS_KEY_PREFIX}, so a Redis shared with other applications stays tidy.
 */
import { Redis, type RedisOptions } from 'ioredis';

/** Prefix of every Redis key and channel the gateway uses. */
export const REDIS_KEY_PREFIX = 'dci-graphql:';

/** Options of {@link createRedisConnection}. */
export interface RedisConnectionOptions {
  /** Shown by `CLIENT LIST` (`dci-graphql-cache`, `dci-graphql-events`...). */
  name: string;
  /** Called on connection errors (ioredis reconnects by itself); never given the URL. */
  onError?: (error: Error) => void;
  /** Extra ioredis options (a subscriber connection, tests). */
  ioredis?: Partial<RedisOptions>;
}

/**
 * A connection to `url` (`redis://[:password@]host:port[/db]` or `rediss://`). Commands fail
 * fast instead of queueing for long while Redis is away (2 retries per command), and the
 * connection reconnects with a capped backoff. Close it with `quit()`.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const redis = new Redis(url, {
    connectionName: options.name,
    maxRetriesPerRequest: 2,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options.ioredis,
  });
  // Without a listener ioredis prints every connection error; the owner decides what to log.
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/** Closes connections politely (QUIT), falling back to a hard disconnect. */
export async function closeRedisConnections(...connections: Redis[]): Promise<void> {
  await Promise.all(
    connections.map(async (c) => {
      try {
        await c.quit();
      } catch {
        c.disconnect();
      }
    }),
  );
}

/**
 * Builds the response cache from its settings: the store (memory or Redis) and the identity
 * key (from `--cache-key-secret`, or random per process, or shared through Redis).
 */
import type { Redis } from 'ioredis';
import type { CacheSettings } from '../config.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { cacheKeyFromSecret, randomCacheKey } from './identity.js';
import type { ResponseCacheOptions } from './plugin.js';
import { createRedisStore, sharedCacheKey } from './redis-store.js';
import { createMemoryStore } from './store.js';

/** What {@link responseCacheFrom} needs besides the settings. */
export interface CacheDependencies {
  /** The Redis connection (`--redis-url`); required by the redis mode. */
  redis: Redis | null;
  /** Where evictions are counted. */
  metrics: GatewayMetrics;
  /** Told when the store fails (requests still succeed, uncached). */
  onError?: (error: unknown) => void;
}

/** The gateway's `cache` option for these settings; undefined when the cache is off. */
export async function responseCacheFrom(
  settings: CacheSettings,
  deps: CacheDependencies,
): Promise<ResponseCacheOptions | undefined> {
  if (settings.mode === 'off') return undefined;
  const configured = settings.keySecret === null ? null : cacheKeyFromSecret(settings.keySecret);
  const base = { ttls: settings.ttls, ...(deps.onError ? { onError: deps.onError } : {}) };
  if (settings.mode === 'redis') {
    if (!deps.redis) throw new Error('the redis cache needs a Redis connection');
    return {
      ...base,
      store: createRedisStore(deps.redis),
      identityKey: configured ?? (await sharedCacheKey(deps.redis, randomCacheKey())),
    };
  }
  return {
    ...base,
    store: createMemoryStore({
      maxEntries: settings.maxEntries,
      maxBytes: settings.maxBytes,
      onEvict: (reason, count) => deps.metrics.observeCacheEviction(reason, count),
    }),
    identityKey: configured ?? randomCacheKey(),
  };
}

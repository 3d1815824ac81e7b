/**
 * The response store in Redis, shared by every replica: an entry written through replica A is
 * served through B (for the same cache identity only: the identity is part of the key), and
 * an invalidation through A evicts B's entries, because there is only one copy.
 *
 * Keys (all under `dci-graphql:cache:`): `r:<key>` the entry (JSON, expiring with its TTL),
 * `t:<tag>` the set of entry keys holding a tag (expiring with the longest entry it indexes),
 * `epoch` the invalidation counter. Writes and invalidations are Lua scripts, so each is atomic:
 * a write whose epoch moved stores nothing, and an invalidation cannot lose a concurrent write's
 * index entry.
 *
 * Not `@envelop/response-cache-redis`'s store: its index keys are unprefixed and never expire,
 * and its type-wide invalidation scans the whole database with KEYS.
 */
import type { Redis } from 'ioredis';
import { REDIS_KEY_PREFIX } from '../redis/connection.js';
import type { CachedEntry, ResponseStore } from './store.js';

const PREFIX = `${REDIS_KEY_PREFIX}cache:`;
const EPOCH = `${PREFIX}epoch`;

// KEYS[1] epoch, KEYS[2] entry, KEYS[3..] tag sets; ARGV: epoch read, json, ttl ms, entry key.
const SET_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'NX')
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'GT')
end
return 1`;

// KEYS[1] epoch, KEYS[2..] tag sets. Returns how many entries existed and were deleted.
const INVALIDATE_SCRIPT = `
redis.call('INCR', KEYS[1])
local evicted = 0
for i = 2, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for _, key in ipairs(members) do
    evicted = evicted + redis.call('DEL', key)
  end
  redis.call('DEL', KEYS[i])
end
return evicted`;

interface StoredEntry {
  r: CachedEntry['result'];
  e: string;
  x: number;
}

/** A response store in the Redis behind `redis` (a connection from src/redis/connection.ts). */
export function createRedisStore(redis: Redis): ResponseStore {
  const entryKey = (key: string) => `${PREFIX}r:${key}`;
  const tagKey = (tag: string) => `${PREFIX}t:${tag}`;
  return {
    async get(key) {
      const [raw, epoch] = await redis.mget(entryKey(key), EPOCH);
      if (!raw) return { entry: null, epoch: epoch ?? '0' };
      const stored = JSON.parse(raw) as StoredEntry;
      return {
        entry: { result: stored.r, etag: stored.e, expiresAt: stored.x },
        epoch: epoch ?? '0',
      };
    },
    async set(key, entry, json, tags, epoch) {
      const ttl = entry.expiresAt - Date.now();
      if (ttl <= 0) return false;
      const stored = `{"r":${json},"e":${JSON.stringify(entry.etag)},"x":${entry.expiresAt}}`;
      const keys = [EPOCH, entryKey(key), ...tags.map(tagKey)];
      const done = await redis.eval(
        SET_SCRIPT,
        keys.length,
        ...keys,
        epoch,
        stored,
        String(Math.ceil(ttl)),
        entryKey(key),
      );
      return done === 1;
    },
    async invalidate(tags) {
      const keys = [EPOCH, ...tags.map(tagKey)];
      return Number(await redis.eval(INVALIDATE_SCRIPT, keys.length, ...keys));
    },
  };
}

/**
 * The cache identity key shared by replicas that were given no `--cache-key-secret`: the
 * first replica stores a random one in Redis, every other one reads it back. Anyone who can
 * read that Redis can read the cached responses anyway; configure a secret to keep the key
 * out of Redis.
 */
export async function sharedCacheKey(redis: Redis, candidate: Buffer): Promise<Buffer> {
  const name = `${PREFIX}identity-key`;
  await redis.set(name, candidate.toString('base64'), 'NX');
  const stored = await redis.get(name);
  if (!stored) throw new Error('the shared cache identity key could not be read from Redis');
  return Buffer.from(stored, 'base64');
}

/**
 * Who polls DCI for a (identity, filter) pair when several replicas have subscribers for it: a
 * lease. In one process the lease is always held; with Redis it is a key set with NX and a TTL
 * (SET NX PX), renewed by its holder at every poll, so that when the holder dies the key expires
 * and the next replica to look takes it over. The poller's cursor (the last `updated_at` seen)
 * is kept next to the lease so the new holder carries on where the old one stopped.
 */
import type { Redis } from 'ioredis';

/** Leases and cursors of pollers. */
export interface LeaseStore {
  /** Acquires the lease or renews it; true when `holder` holds it for `ttlMs` more. */
  hold(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it. */
  release(key: string, holder: string): Promise<void>;
  /** The cursor the last holder stored, or null. */
  readCursor(key: string): Promise<string | null>;
  /** Stores the holder's cursor for the next holder (kept `ttlMs`). */
  writeCursor(key: string, cursor: string, ttlMs: number): Promise<void>;
}

/** One process: every lease is held; cursors live with the poller. */
export const localLeases: LeaseStore = {
  hold: async () => true,
  release: async () => {},
  readCursor: async () => null,
  writeCursor: async () => {},
};

// Renew when held by us, else take it when free: atomic, so two replicas never both win.
const HOLD = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if current then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Leases in Redis (`<key>:lease`, `<key>:cursor`). */
export function redisLeases(redis: Redis): LeaseStore {
  return {
    async hold(key, holder, ttlMs) {
      return (await redis.eval(HOLD, 1, `${key}:lease`, holder, String(ttlMs))) === 1;
    },
    async release(key, holder) {
      await redis.eval(RELEASE, 1, `${key}:lease`, holder);
    },
    readCursor: (key) => redis.get(`${key}:cursor`),
    async writeCursor(key, cursor, ttlMs) {
      await redis.set(`${key}:cursor`, cursor, 'PX', ttlMs);
    },
  };
}

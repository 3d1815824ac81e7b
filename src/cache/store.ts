/**
 * Where cached responses live. A store maps a response key (already holding the caller's
 * cache identity) to the response, and indexes it by tags (`Job:<id>`, `Job`, `List:Job`) so a
 * mutation can evict every response holding what it touched, whoever it was cached for.
 *
 * Writes race invalidations: a query that started before a mutation may finish after the
 * mutation evicted its tags, and must not store its now stale answer. Every store keeps an
 * invalidation epoch: `get` reports it, and `set` stores nothing when it has moved since.
 */
import type { ExecutionResult } from 'graphql';

/** A cached response. */
export interface CachedEntry {
  /** The response as served. */
  result: ExecutionResult;
  /** Its HTTP entity tag, quoted. */
  etag: string;
  /** When it stops being served (epoch ms). */
  expiresAt: number;
}

/** What `get` found, with the epoch a later `set` must present. */
export interface Lookup {
  entry: CachedEntry | null;
  epoch: string;
}

/** Evictions a store reports to metrics. */
export type EvictionReason = 'invalidation' | 'capacity' | 'expired';

/** A response store (memory or Redis). */
export interface ResponseStore {
  /** The entry under `key` if fresh, and the current invalidation epoch. */
  get(key: string): Promise<Lookup>;
  /**
   * Stores `entry` (serialized as `json`) under `key`, indexed by `tags`, unless an
   * invalidation happened since `epoch` was read. Resolves to whether it was stored.
   */
  set(
    key: string,
    entry: CachedEntry,
    json: string,
    tags: readonly string[],
    epoch: string,
  ): Promise<boolean>;
  /** Evicts every entry holding one of `tags`; resolves to how many were evicted. */
  invalidate(tags: readonly string[]): Promise<number>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most entries held. */
  maxEntries: number;
  /** Most bytes of serialized JSON held. */
  maxBytes: number;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Told of every eviction that is not an invalidation (those are counted by the caller). */
  onEvict?: (reason: EvictionReason, count: number) => void;
}

interface MemoryEntry {
  entry: CachedEntry;
  bytes: number;
  tags: readonly string[];
}

/**
 * A store in this process: least recently used entries go first once `maxEntries` or
 * `maxBytes` is reached; expired entries are dropped when met.
 */
export function createMemoryStore(options: MemoryStoreOptions): ResponseStore & {
  /** Entries and bytes held (tests, gauges). */
  size(): { entries: number; bytes: number };
} {
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every read keeps it in LRU order.
  const entries = new Map<string, MemoryEntry>();
  const byTag = new Map<string, Set<string>>();
  let bytes = 0;
  let epoch = 0;

  const remove = (key: string): boolean => {
    const held = entries.get(key);
    if (!held) return false;
    entries.delete(key);
    bytes -= held.bytes;
    for (const tag of held.tags) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
    return true;
  };

  return {
    async get(key) {
      const held = entries.get(key);
      if (held && held.entry.expiresAt <= now()) {
        remove(key);
        options.onEvict?.('expired', 1);
        return { entry: null, epoch: String(epoch) };
      }
      if (held) {
        entries.delete(key);
        entries.set(key, held);
      }
      return { entry: held?.entry ?? null, epoch: String(epoch) };
    },
    async set(key, entry, json, tags, readEpoch) {
      if (readEpoch !== String(epoch)) return false;
      const size = Buffer.byteLength(json);
      if (size > options.maxBytes) return false;
      remove(key);
      entries.set(key, { entry, bytes: size, tags });
      bytes += size;
      for (const tag of tags) {
        const keys = byTag.get(tag) ?? new Set<string>();
        byTag.set(tag, keys);
        keys.add(key);
      }
      let evicted = 0;
      while (entries.size > options.maxEntries || bytes > options.maxBytes) {
        const oldest = entries.keys().next().value as string;
        remove(oldest);
        evicted++;
      }
      options.onEvict?.('capacity', evicted);
      return true;
    },
    async invalidate(tags) {
      epoch++;
      let evicted = 0;
      for (const tag of tags) {
        for (const key of [...(byTag.get(tag) ?? [])]) if (remove(key)) evicted++;
      }
      return evicted;
    },
    size: () => ({ entries: entries.size, bytes }),
  };
}

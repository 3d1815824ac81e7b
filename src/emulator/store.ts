/**
 * The emulator's in-memory store: rows by table (Map<id, row>, insertion order kept) plus the
 * link tables. Row types and the store shape are those of store-access.ts (what the routes use);
 * this module builds empty stores and provides the deterministic id/etag/clock helpers the
 * dataset generator uses.
 */
import { type EmulatorStore, VersionedMap } from './store-access.js';

export type {
  ComponentFileRow,
  ComponentRow,
  EmulatorStore,
  FeederRow,
  FileRow,
  JobRow,
  JobstateRow,
  PipelineRow,
  ProductRow,
  RemoteciRow,
  ResultRow,
  TeamRow,
  TopicRow,
  UserRow,
} from './store-access.js';

/** An empty store with every table and link table present; tables count their writes. */
export function createStore(): EmulatorStore {
  return {
    products: new VersionedMap(),
    topics: new VersionedMap(),
    components: new VersionedMap(),
    componentFiles: new VersionedMap(),
    jobs: new VersionedMap(),
    jobstates: new VersionedMap(),
    files: new VersionedMap(),
    results: new VersionedMap(),
    teams: new VersionedMap(),
    users: new VersionedMap(),
    remotecis: new VersionedMap(),
    feeders: new VersionedMap(),
    pipelines: new VersionedMap(),
    productTeams: [],
    userTeams: [],
    jobComponents: [],
    jobKeyValues: [],
    componentPermissions: [],
  };
}

/** A seeded PRNG (mulberry32): returns unsigned 32-bit integers. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic random helpers over one seeded PRNG. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `n` hex characters (lower case). */
  hex(n: number): string;
  /** A lower-case UUID v4. */
  newId(): string;
  /** A random 32-hex etag. */
  newEtag(): string;
  /** A 64-character [A-Za-z0-9] secret, like DCI's api_secret. */
  secret(): string;
}

/** Builds the seeded helpers: same seed, same sequence of ids, etags and secrets. */
export function seededRandom(seed: number): SeededRandom {
  const next32 = mulberry32(seed);
  const next = (): number => next32() / 4294967296;
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n) {
      const v = next32();
      s += `${BYTE_HEX[v & 255]}${BYTE_HEX[(v >>> 8) & 255]}${BYTE_HEX[(v >>> 16) & 255]}${BYTE_HEX[v >>> 24]}`;
    }
    return s.length === n ? s : s.slice(0, n);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    hex,
    newId: () => {
      const variant = HEX[8 + Math.floor(next() * 4)];
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
    newEtag: () => hex(32),
    secret: () => {
      let s = '';
      for (let i = 0; i < 64; i++) s += ALNUM[Math.floor(next() * ALNUM.length)];
      return s;
    },
  };
}

/**
 * Naive UTC timestamp 'YYYY-MM-DDTHH:MM:SS.ffffff' like Python's isoformat(): six fraction
 * digits, dropped when the fraction is exactly zero. `micros` adds sub-millisecond precision.
 */
export function timestamp(date: Date, micros = 0): string {
  const base = date.toISOString().slice(0, 19);
  const frac = date.getUTCMilliseconds() * 1000 + micros;
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0')}`;
}

/** An injectable clock. */
export type Clock = () => Date;

/** The default clock: the wall clock. */
export const systemClock: Clock = () => new Date();

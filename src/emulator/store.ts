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

/** mulberry32's state step: every draw adds it to the state. */
const MULBERRY_STEP = 0x6d2b79f5;

/** A seeded PRNG (mulberry32): returns unsigned 32-bit integers. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + MULBERRY_STEP) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX = '0123456789abcdef';
const HEX_CODES = Buffer.from(HEX, 'latin1');
const ALNUM_CODES = Buffer.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  'latin1',
);
/**
 * Scratch space the helpers below write characters into. A string read back from a buffer is
 * flat: building ids and timestamps by concatenation made ropes of ten or more pieces each,
 * which at 200,000 jobs cost gigabytes and most of the dataset's build time in the collector.
 */
const scratch = Buffer.alloc(128);

/**
 * Writes the first `n` hex characters of 32-bit `v` at `at`: byte 0 first, high nibble first
 * (the order `hex` has always produced, so seeds keep giving the same ids).
 */
function putHex(at: number, v: number, n: number): void {
  for (let k = 0; k < n; k++) {
    const byte = (v >>> (8 * (k >> 1))) & 255;
    scratch[at + k] = HEX_CODES[k & 1 ? byte & 15 : byte >>> 4]!;
  }
}

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
  /** The generator's state: `seededRandom(state())` goes on with the same sequence. */
  state(): number;
  /** Moves on as if `draws` numbers had been drawn (without computing them). */
  skip(draws: number): void;
}

/** Builds the seeded helpers: same seed, same sequence of ids, etags and secrets. */
export function seededRandom(seed: number): SeededRandom {
  // mulberry32, with its state in reach of `state` and `skip`.
  let a = seed | 0;
  const next32 = (): number => {
    a = (a + MULBERRY_STEP) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => next32() / 4294967296;
  /** Writes `n` hex characters at `at`, one PRNG draw per 8 characters (the rest dropped). */
  const fillHex = (at: number, n: number): void => {
    for (let done = 0; done < n; done += 8) putHex(at + done, next32(), Math.min(8, n - done));
  };
  const hex = (n: number): string => {
    if (n > scratch.length) {
      const parts: string[] = [];
      for (let left = n; left > 0; left -= 64) parts.push(hex(Math.min(64, left)));
      return parts.join('');
    }
    fillHex(0, n);
    return scratch.toString('latin1', 0, n);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    hex,
    newId: () => {
      // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, the variant drawn first.
      const variant = HEX_CODES[8 + Math.floor(next() * 4)]!;
      fillHex(0, 8);
      scratch[8] = 45;
      fillHex(9, 4);
      scratch[13] = 45;
      scratch[14] = 52;
      fillHex(15, 3);
      scratch[18] = 45;
      scratch[19] = variant;
      fillHex(20, 3);
      scratch[23] = 45;
      fillHex(24, 12);
      return scratch.toString('latin1', 0, 36);
    },
    newEtag: () => hex(32),
    secret: () => {
      for (let i = 0; i < 64; i++) {
        scratch[i] = ALNUM_CODES[Math.floor(next() * ALNUM_CODES.length)]!;
      }
      return scratch.toString('latin1', 0, 64);
    },
    state: () => a,
    skip: (draws) => {
      a = (a + Math.imul(draws, MULBERRY_STEP)) | 0;
    },
  };
}

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayText = '';

/** Writes `value` as `width` decimal digits at `at`. */
function putDigits(at: number, value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) {
    scratch[at + i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
}

/**
 * Naive UTC timestamp 'YYYY-MM-DDTHH:MM:SS.ffffff' like Python's isoformat(): six fraction
 * digits, dropped when the fraction is exactly zero. `micros` adds sub-millisecond precision.
 */
export function timestamp(date: Date, micros = 0): string {
  return timestampAt(date.getTime(), micros);
}

/** `timestamp` of a time in milliseconds since the epoch (no Date to allocate per row). */
export function timestampAt(time: number, micros = 0): string {
  // A Date keeps whole milliseconds.
  const ms = Math.trunc(time);
  const inRange = ms >= 0 && ms < 253402300800000;
  const frac = (inRange ? ms % 1000 : new Date(ms).getUTCMilliseconds()) * 1000 + micros;
  if (!inRange || frac < 0 || frac >= 1_000_000) {
    // Outside years 1970-9999 or an odd fraction: the plain (slower) way.
    const base = new Date(ms).toISOString().slice(0, 19);
    return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0')}`;
  }
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(ms).toISOString().slice(0, 11);
  }
  scratch.write(cachedDayText, 0, 'latin1');
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  putDigits(11, Math.floor(seconds / 3600), 2);
  scratch[13] = 58;
  putDigits(14, Math.floor(seconds / 60) % 60, 2);
  scratch[16] = 58;
  putDigits(17, seconds % 60, 2);
  if (frac === 0) return scratch.toString('latin1', 0, 19);
  scratch[19] = 46;
  putDigits(20, frac, 6);
  return scratch.toString('latin1', 0, 26);
}

/** An injectable clock. */
export type Clock = () => Date;

/** The default clock: the wall clock. */
export const systemClock: Clock = () => new Date();

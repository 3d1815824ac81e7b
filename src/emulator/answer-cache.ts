/**
 * Serialised answers kept between requests: the body of `GET /components/<id>` per component
 * and caller's visibility scope, reused while the tables it is built from are unchanged.
 *
 * A component's detail embeds every job using it (§4.3), and a dashboard reads the same
 * components again and again: serialising them was most of what the emulator spent on S1.
 * An entry is valid only for the exact versions it was built at: every write through the API
 * or `set`/`delete`/`touch` of a table changes a version (table.ts), a link array grows or is
 * replaced. A row changed in place without `touch` is not seen (as the indexes do not see it).
 */
import type { EmulatorStore } from './store-access.js';
import { VersionedMap } from './table.js';
import type { Fragment } from './views.js';

interface Entry<V> {
  version: string;
  value: V;
  size: number;
}

/**
 * Serialised answers (or parts of answers) by key, each valid for one version string; at most
 * `maxSize` (bytes or characters, as `sizeOf` counts them) kept, the oldest dropped first.
 */
export class AnswerCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  #size = 0;

  constructor(
    readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value kept for `key` at exactly `version`, if any. */
  get(key: string, version: string): V | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.version === version ? entry.value : undefined;
  }

  /** Keeps `value` for `key` at `version` (replacing any older one). */
  set(key: string, version: string, value: V): void {
    this.#drop(key);
    const size = this.sizeOf(value);
    if (size > this.maxSize) return;
    while (this.#size + size > this.maxSize) {
      const oldest = this.#entries.keys().next().value as string;
      this.#drop(oldest);
    }
    this.#entries.set(key, { version, value, size });
    this.#size += size;
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#size -= entry.size;
  }
}

/** Bytes of component details kept per emulator (a `large` detail is about 100 KB). */
const DETAIL_CACHE_BYTES = 64 * 1024 * 1024;
const detailCaches = new WeakMap<EmulatorStore, AnswerCache<Buffer>>();

/** The component-detail cache of this store. */
export function componentDetailCache(store: EmulatorStore): AnswerCache<Buffer> {
  let cache = detailCaches.get(store);
  if (!cache) {
    cache = new AnswerCache<Buffer>(DETAIL_CACHE_BYTES, (json) => json.length);
    detailCaches.set(store, cache);
  }
  return cache;
}

/** Characters of list items kept per emulator and kind (a job item is about 3,000). */
const ITEM_CACHE_CHARS = 64 * 1024 * 1024;
const itemCaches = new WeakMap<EmulatorStore, Map<string, AnswerCache<Fragment>>>();

/** The serialised list items of one kind (`job`, `product`, `topic`) of this store, by id. */
export function itemCache(store: EmulatorStore, kind: string): AnswerCache<Fragment> {
  let byKind = itemCaches.get(store);
  if (!byKind) {
    byKind = new Map();
    itemCaches.set(store, byKind);
  }
  let cache = byKind.get(kind);
  if (!cache) {
    cache = new AnswerCache<Fragment>(ITEM_CACHE_CHARS, (item) => item.json.json.length);
    byKind.set(kind, cache);
  }
  return cache;
}

/**
 * The versions of these tables, or null when one keeps none: what an item built from them
 * (`productView` from products and topics, `topicView` from topics and products) is kept for.
 */
export function tablesVersion(...tables: Map<string, unknown>[]): string | null {
  let version = '';
  for (const table of tables) {
    if (!(table instanceof VersionedMap)) return null;
    version += `${table.version}.`;
  }
  return version;
}

const arrayIds = new WeakMap<object, number>();
let nextArrayId = 1;

/** A number per link array: a new array (a removal replaces it) is a new version. */
function arrayVersion(rows: object[]): string {
  let id = arrayIds.get(rows);
  if (id === undefined) {
    id = nextArrayId++;
    arrayIds.set(rows, id);
  }
  return `${id}:${rows.length}`;
}

/**
 * The version of what a job list item is built from (§4.4: the job, its components, topic,
 * remoteci, team, pipeline, results and key/values; the embeds do not depend on the caller).
 * Null when a table keeps no version.
 */
export function jobItemVersion(store: EmulatorStore): string | null {
  const tables = [
    store.jobs,
    store.components,
    store.topics,
    store.remotecis,
    store.teams,
    store.pipelines,
    store.results,
  ];
  let version = '';
  for (const table of tables) {
    if (!(table instanceof VersionedMap)) return null;
    version += `${table.version}.`;
  }
  return `${version}${arrayVersion(store.jobComponents)}.${arrayVersion(store.jobKeyValues)}`;
}

/**
 * The version of what a component's detail is built from: the components, their files, the
 * jobs, and the job-component links (an array that grows by `push` and is replaced on removal).
 * Null when a table keeps no version (a test's plain Map): such a detail is never cached.
 */
export function componentDetailVersion(store: EmulatorStore): string | null {
  const { components, componentFiles, jobs, jobComponents } = store;
  if (
    !(components instanceof VersionedMap) ||
    !(componentFiles instanceof VersionedMap) ||
    !(jobs instanceof VersionedMap)
  ) {
    return null;
  }
  return `${components.version}.${componentFiles.version}.${jobs.version}.${arrayVersion(jobComponents)}`;
}

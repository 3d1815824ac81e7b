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

interface Entry {
  version: string;
  json: Buffer;
}

/** Serialised answers by key, each valid for one version string; at most `maxBytes` kept. */
export class AnswerCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The answer kept for `key` at exactly `version`, if any. */
  get(key: string, version: string): Buffer | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.version === version ? entry.json : undefined;
  }

  /** Keeps `json` for `key` at `version` (replacing any older one; oldest dropped first). */
  set(key: string, version: string, json: Buffer): void {
    this.#drop(key);
    if (json.length > this.maxBytes) return;
    while (this.#bytes + json.length > this.maxBytes) {
      const oldest = this.#entries.keys().next().value as string;
      this.#drop(oldest);
    }
    this.#entries.set(key, { version, json });
    this.#bytes += json.length;
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.json.length;
  }
}

/** Bytes of component details kept per emulator (a `large` detail is about 100 KB). */
const DETAIL_CACHE_BYTES = 64 * 1024 * 1024;
const detailCaches = new WeakMap<EmulatorStore, AnswerCache>();

/** The component-detail cache of this store. */
export function componentDetailCache(store: EmulatorStore): AnswerCache {
  let cache = detailCaches.get(store);
  if (!cache) {
    cache = new AnswerCache(DETAIL_CACHE_BYTES);
    detailCaches.set(store, cache);
  }
  return cache;
}

const arrayIds = new WeakMap<object, number>();
let nextArrayId = 1;

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
  let links = arrayIds.get(jobComponents);
  if (links === undefined) {
    links = nextArrayId++;
    arrayIds.set(jobComponents, links);
  }
  return `${components.version}.${componentFiles.version}.${jobs.version}.${links}.${jobComponents.length}`;
}

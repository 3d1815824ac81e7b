/**
 * The emulator's tables and their indexes, kept up to date on every write so that a list
 * request costs what its answer costs, not what the table holds (DCI answers from PostgreSQL
 * indexes; at 200,000 jobs a scan per request would make the emulator, not the client, set the
 * benchmark's wall time).
 *
 * A table is a Map from id to row (insertion order kept, as PostgreSQL's heap order stands in
 * for "no ORDER BY"). Indexes are built on first use and maintained by `set` and `delete`:
 *
 * - a hash index groups rows by a column's value (`team_id`, `topic_id`, `status`...), each
 *   group in table order;
 * - a sorted index orders rows by a timestamp column (`created_at`, `updated_at`,
 *   `released_at`), ties in table order, NULLs (and unparseable values) last.
 *
 * A write that changes a row in place must call `touch(id)` (`markWritten` and `touchRow` do)
 * so the row is filed again under its new values: lists stop reading an index once their page
 * is complete, so a row changed behind its indexes' back may be listed in its old place or
 * counted under its old values. (A sorted index still re-files the rows it meets whose column
 * changed in place: it keeps the value each row was filed with.)
 */
import { normalizeTimestamp } from './query-language.js';

/** A row: a plain object keyed by column. */
type Row = object;

/** Position of every key in the table's insertion order (deleted keys leave gaps). */
class Ordinals<K> {
  readonly of = new Map<K, number>();
  next = 0;
}

/**
 * Rows grouped by the string form of a column's value, each group in table order. Rows are
 * stored under their id (the store's invariant), which is how a group finds a row's ordinal.
 * Only a column that changes in place (`status`) remembers what each row was filed under;
 * the others are foreign keys DCI never changes, read again from the previous row object
 * (at 200,000 jobs that bookkeeping was a hundred megabytes).
 */
export class HashIndex<K, V extends Row> {
  /** Value (`String(row[column])`, so `'null'` for NULL) -> rows in table order. */
  readonly groups = new Map<string, V[]>();
  /** Key -> the value the row is filed under, for a column that changes in place. */
  readonly #filed: Map<K, string> | null;
  /** Some filed value has upper-case letters: case-insensitive lookups cannot use the index. */
  hasUpperCase = false;
  /** Called with the value before `get` reads its group (a deferred table builds it first). */
  beforeGet: ((value: string) => void) | null = null;

  constructor(
    readonly column: string,
    private readonly ordinals: () => Ordinals<K>,
  ) {
    this.#filed = MUTABLE_COLUMNS.has(column) ? new Map() : null;
  }

  /**
   * Files every row of the table (in its order). Rows sharing a value often come together (a
   * job's jobstates and files are inserted one after another): each run of them costs one
   * group lookup, and a new group is allocated at its exact size.
   */
  build(table: Iterable<[K, V]>): void {
    const run: V[] = [];
    let runValue: string | null = null;
    /**
     * Groups that grew by `push` (their value came in several runs): copied at their exact size
     * at the end, as an array grown by `push` keeps room for 16 more rows (over the 900,000
     * small groups of the `large` dataset, 150 MB).
     */
    const grown = new Set<string>();
    const flush = () => {
      if (runValue === null || run.length === 0) return;
      const group = this.groups.get(runValue);
      if (group) {
        for (const r of run) group.push(r);
        grown.add(runValue);
      } else {
        this.groups.set(runValue, run.slice());
      }
      run.length = 0;
    };
    for (const [key, row] of table) {
      const value = filedValue(row, this.column);
      if (!this.hasUpperCase && value !== value.toLowerCase()) this.hasUpperCase = true;
      this.#filed?.set(key, value);
      if (value !== runValue) {
        flush();
        runValue = value;
      }
      run.push(row);
    }
    flush();
    for (const value of grown) {
      const group = this.groups.get(value)!;
      if (group.length < 64) this.groups.set(value, group.slice());
    }
  }

  /** Rows whose value is exactly `value` (read-only; table order). */
  get(value: string): readonly V[] {
    this.beforeGet?.(value);
    return this.groups.get(value) ?? EMPTY;
  }

  /**
   * Files the row stored under `key` again: `old` is the row object filed so far (the same
   * object after an in-place change), `row` the one stored now (undefined: removed); `appended`
   * when the key is new to the table (it comes last in table order).
   */
  refile(key: K, old: V | undefined, row: V | undefined, appended: boolean): void {
    // A row touched in place whose changing column kept its value stays where it is (no
    // search through a group that may hold most of the table, like `state` active).
    if (
      old === row &&
      row !== undefined &&
      this.#filed?.get(key) === filedValue(row, this.column)
    ) {
      return;
    }
    if (old !== undefined) {
      let value = this.#filed ? this.#filed.get(key) : filedValue(old, this.column);
      let group = value === undefined ? undefined : this.groups.get(value);
      let at = group ? group.lastIndexOf(old) : -1;
      if (at < 0) {
        // A foreign key changed in place: find the row wherever it was filed.
        for (const [v, g] of this.groups) {
          at = g.lastIndexOf(old);
          if (at >= 0) {
            value = v;
            group = g;
            break;
          }
        }
      }
      if (group && at >= 0) {
        if (row !== undefined && filedValue(row, this.column) === value) {
          group[at] = row;
          return;
        }
        group.splice(at, 1);
        if (group.length === 0) this.groups.delete(value!);
      }
      this.#filed?.delete(key);
    }
    if (row !== undefined) this.#add(key, row, appended);
  }

  #add(key: K, row: V, appended: boolean): void {
    const value = filedValue(row, this.column);
    if (!this.hasUpperCase && value !== value.toLowerCase()) this.hasUpperCase = true;
    this.#filed?.set(key, value);
    const group = this.groups.get(value);
    if (!group) {
      this.groups.set(value, [row]);
      return;
    }
    if (appended) {
      group.push(row);
      return;
    }
    // A row moving into a group goes to its place in table order.
    const ordinals = this.ordinals();
    const ordOf = (r: V) => ordinals.of.get((r as { id: K }).id) ?? -1;
    const ord = ordinals.of.get(key)!;
    let lo = 0;
    let hi = group.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ordOf(group[mid]!) < ord) lo = mid + 1;
      else hi = mid;
    }
    group.splice(lo, 0, row);
  }
}

/** Columns whose value a write changes in place (the job status); the rest are foreign keys. */
const MUTABLE_COLUMNS = new Set(['status', 'state']);

/** One row's place in a sorted index. */
export interface SortedEntry<K, V> {
  /** The key the row is stored under. */
  id: K;
  /** The normalised timestamp (`YYYY-MM-DDTHH:MM:SS.ffffff`), null for NULL/unparseable. */
  key: string | null;
  ord: number;
  row: V;
  /** The raw column value the row was filed with (to notice in-place changes). */
  raw: unknown;
}

/** Rows ordered by a timestamp column, ascending, NULLs last, ties in table order. */
export class SortedIndex<K, V extends Row> {
  entries: SortedEntry<K, V>[] = [];
  readonly #filed = new Map<K, SortedEntry<K, V>>();

  constructor(
    readonly column: string,
    private readonly ordinals: () => Ordinals<K>,
  ) {}

  build(table: Iterable<[K, V]>): void {
    const entries: SortedEntry<K, V>[] = [];
    for (const [key, row] of table) {
      const entry = this.#entry(key, row);
      entries.push(entry);
      this.#filed.set(key, entry);
    }
    this.entries = entries.sort(compareEntries);
  }

  /** Re-files the row stored under `key`; `row` undefined removes it. */
  refile(key: K, row: V | undefined): void {
    const old = this.#filed.get(key);
    if (old) {
      if (
        row !== undefined &&
        old.row === row &&
        (row as Record<string, unknown>)[this.column] === old.raw
      ) {
        return;
      }
      this.entries.splice(this.#find(old), 1);
      this.#filed.delete(key);
    }
    if (row === undefined) return;
    const entry = this.#entry(key, row);
    this.#filed.set(key, entry);
    const last = this.entries[this.entries.length - 1];
    if (!last || compareEntries(last, entry) < 0) this.entries.push(entry);
    else this.entries.splice(this.#insertionPoint(entry), 0, entry);
  }

  /**
   * The row's normalised timestamp and table position, from its entry; a row whose column
   * changed in place since it was filed is filed again first.
   */
  placeOf(row: V): { key: string | null; ord: number } {
    const id = (row as { id: K }).id;
    const entry = this.#filed.get(id);
    if (
      entry !== undefined &&
      entry.row === row &&
      (row as Record<string, unknown>)[this.column] === entry.raw
    ) {
      return entry;
    }
    this.refile(id, row);
    return this.#filed.get(id)!;
  }

  /**
   * The entries whose key lies within the bounds (normalised timestamps; NULL keys never):
   * `entries.slice(lo, hi)`.
   */
  range(
    lower: { value: string; inclusive: boolean } | null,
    upper: { value: string; inclusive: boolean } | null,
  ): { lo: number; hi: number } {
    // The first entry for which `before` is false (entries are ascending, NULL keys last).
    const search = (before: (key: string) => boolean) => {
      let lo = 0;
      let hi = this.entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const key = this.entries[mid]!.key;
        if (key !== null && before(key)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const nulls = search(() => true);
    const lo = lower ? search((k) => (lower.inclusive ? k < lower.value : k <= lower.value)) : 0;
    const hi = upper
      ? search((k) => (upper.inclusive ? k <= upper.value : k < upper.value))
      : nulls;
    return { lo, hi: Math.max(lo, Math.min(hi, nulls)) };
  }

  /** Re-files rows whose column changed in place since they were filed (see `raw`). */
  heal(stale: readonly SortedEntry<K, V>[]): void {
    for (const e of stale) this.refile(e.id, e.row);
  }

  #entry(key: K, row: V): SortedEntry<K, V> {
    const raw = (row as Record<string, unknown>)[this.column];
    return { id: key, key: normalizeTimestamp(raw), ord: this.ordinals().of.get(key)!, row, raw };
  }

  #insertionPoint(entry: SortedEntry<K, V>): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEntries(this.entries[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #find(entry: SortedEntry<K, V>): number {
    const at = this.#insertionPoint(entry);
    if (this.entries[at] === entry) return at;
    return this.entries.indexOf(entry);
  }
}

/** Ascending by key (NULLs last), then table order. */
function compareEntries<K, V>(a: SortedEntry<K, V>, b: SortedEntry<K, V>): number {
  if (a.key !== b.key) {
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return a.key < b.key ? -1 : 1;
  }
  return a.ord - b.ord;
}

const EMPTY: readonly never[] = Object.freeze([]);

/** The string a hash index files a row under: `String(value)`, as `groupBy` always did. */
function filedValue(row: Row, column: string): string {
  return String((row as Record<string, unknown>)[column]);
}

/** A derived structure kept current by a table's writes (`VersionedMap.observe`). */
export interface TableObserver<K, V> {
  /** The row stored under `key` was set, changed in place and touched, or (undefined) deleted. */
  changed(key: K, row: V | undefined): void;
  /** The table was emptied. */
  reset(): void;
}

/**
 * A Map that counts its writes and keeps its indexes current. The store's tables are
 * VersionedMaps; rows are replaced (`set`), removed (`delete`) or changed in place and then
 * `touch`ed.
 */
export class VersionedMap<K, V> extends Map<K, V> {
  /** Incremented by every set, delete, clear and touch. */
  version = 0;
  // Fields are assigned after Map's constructor has already called `set` for initial entries:
  // every index is built lazily from the rows, so those early writes need no bookkeeping.
  #ordinals: Ordinals<K> | null = null;
  #hash: Map<string, HashIndex<K, V & Row>> | null = null;
  #sorted: Map<string, SortedIndex<K, V & Row>> | null = null;
  #observers: TableObserver<K, V>[] | null = null;

  /** Calls `observer` after every write (set, delete, touch, clear) from now on. */
  observe(observer: TableObserver<K, V>): void {
    this.#observers ??= [];
    this.#observers.push(observer);
  }

  override set(key: K, value: V): this {
    this.version = (this.version ?? 0) + 1;
    // Called by Map's constructor before the private fields exist.
    if (!(#ordinals in this)) return super.set(key, value);
    // Nothing derived yet (a dataset being built): one hash lookup, not three.
    if (
      this.#ordinals === null &&
      this.#hash === null &&
      this.#sorted === null &&
      this.#observers === null
    ) {
      return super.set(key, value);
    }
    const old = super.get(key);
    const appended = old === undefined && !super.has(key);
    if (this.#ordinals && appended) this.#ordinals.of.set(key, this.#ordinals.next++);
    super.set(key, value);
    this.#refile(key, old, value, appended);
    if (this.#observers) for (const o of this.#observers) o.changed(key, value);
    return this;
  }

  override delete(key: K): boolean {
    this.version++;
    const old = super.get(key);
    const had = super.delete(key);
    if (had) {
      this.#refile(key, old, undefined, false);
      this.#ordinals?.of.delete(key);
      if (this.#observers) for (const o of this.#observers) o.changed(key, undefined);
    }
    return had;
  }

  override clear(): void {
    this.version++;
    super.clear();
    this.#ordinals = null;
    this.#hash = null;
    this.#sorted = null;
    if (this.#observers) for (const o of this.#observers) o.reset();
  }

  /** Re-files a row changed in place (its indexed columns may have changed). */
  touch(key: K): void {
    this.version++;
    const row = super.get(key);
    if (row === undefined) return;
    this.#refile(key, row, row, false);
    if (this.#observers) for (const o of this.#observers) o.changed(key, row);
  }

  /**
   * The row stored under `key` among the rows built so far (a deferred table does not build the
   * others to answer): for code that holds a row object and asks whether this table holds it.
   */
  peek(key: K): V | undefined {
    return super.get(key);
  }

  /** Whether some index on a column other than `id` may answer lookups on `column`. */
  indexable(_column: string): boolean {
    return true;
  }

  /** The row's position in insertion order (smaller: inserted earlier); -1 when absent. */
  ordinalOf(key: K): number {
    return this.#ensureOrdinals().of.get(key) ?? -1;
  }

  /** The hash index on `column`, built on first use. */
  hashIndex(column: string): HashIndex<K, V & Row> {
    this.#hash ??= new Map();
    let index = this.#hash.get(column);
    if (!index) {
      index = new HashIndex<K, V & Row>(column, () => this.#ensureOrdinals());
      // The rows the Map holds (a deferred table's built rows only).
      index.build(super.entries() as Iterable<[K, V & Row]>);
      this.#hash.set(column, index);
    }
    return index;
  }

  /** The sorted index on a timestamp `column`, built on first use. */
  sortedIndex(column: string): SortedIndex<K, V & Row> {
    this.#sorted ??= new Map();
    let index = this.#sorted.get(column);
    if (!index) {
      index = new SortedIndex<K, V & Row>(column, () => this.#ensureOrdinals());
      index.build(super.entries() as Iterable<[K, V & Row]>);
      this.#sorted.set(column, index);
    }
    return index;
  }

  #ensureOrdinals(): Ordinals<K> {
    if (!this.#ordinals) {
      const ordinals = new Ordinals<K>();
      for (const key of super.keys()) ordinals.of.set(key, ordinals.next++);
      this.#ordinals = ordinals;
    }
    return this.#ordinals;
  }

  #refile(key: K, old: V | undefined, row: V | undefined, appended: boolean): void {
    if (this.#hash) {
      for (const index of this.#hash.values()) {
        index.refile(key, old as (V & Row) | undefined, row as (V & Row) | undefined, appended);
      }
    }
    if (this.#sorted) {
      for (const index of this.#sorted.values()) index.refile(key, row as (V & Row) | undefined);
    }
  }
}

/**
 * Rows a {@link DeferredTable} holds without having built them yet, grouped by one column (the
 * dataset's per-job rows: a job's jobstates, files and results are generated on its first read).
 * One source may feed several tables: building a group sets its rows into each of them.
 */
export interface DeferredRows {
  /** Builds the deferred rows whose column is `value` (no-op when there are none left). */
  load(value: string): void;
  /** Builds every deferred row, in the order the source would have set them all at once. */
  loadAll(): void;
  /** How many rows of `table` are still deferred. */
  pending(table: object): number;
}

/**
 * A table whose rows are partly deferred: a lookup through its `column` index builds that
 * group's rows first; every other read that needs the whole table (by id when the id is not
 * built yet, iteration, `size`, other indexes, sorted indexes) builds every row first, so the
 * table answers exactly as if every row had been set at the start. A write first builds the
 * group of the row it writes, so a group's generated rows stay ahead of the rows written later
 * (table order within a group is generation order, then writes). Across groups, table order
 * is the order groups were first read (no route lists these tables across jobs).
 */
export class DeferredTable<K, V> extends VersionedMap<K, V> {
  #rows: DeferredRows | null = null;

  constructor(readonly column: string) {
    super();
  }

  /** Attaches the source of the deferred rows (the dataset generator). */
  defer(rows: DeferredRows): void {
    this.#rows = rows;
  }

  /** Builds every deferred row (of every table the source feeds). */
  loadAll(): void {
    const rows = this.#rows;
    if (rows === null) return;
    this.#rows = null;
    rows.loadAll();
  }

  /** Builds the deferred rows whose `column` is `value`. */
  loadGroup(value: string): void {
    this.#rows?.load(value);
  }

  override get(key: K): V | undefined {
    const row = super.peek(key);
    if (row !== undefined || this.#rows === null) return row;
    this.loadAll();
    return super.peek(key);
  }

  override has(key: K): boolean {
    if (super.has(key) || this.#rows === null) return super.has(key);
    this.loadAll();
    return super.has(key);
  }

  override get size(): number {
    return super.size + (this.#rows?.pending(this) ?? 0);
  }

  override set(key: K, value: V): this {
    // Called by Map's constructor before the private fields exist (never with rows here).
    if (#rows in this && this.#rows !== null) {
      this.#rows.load(String((value as Record<string, unknown>)[this.column]));
    }
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (super.peek(key) === undefined) this.loadAll();
    return super.delete(key);
  }

  override clear(): void {
    this.loadAll();
    super.clear();
  }

  override touch(key: K): void {
    if (super.peek(key) === undefined) this.loadAll();
    super.touch(key);
  }

  override ordinalOf(key: K): number {
    if (super.peek(key) === undefined) this.loadAll();
    return super.ordinalOf(key);
  }

  override indexable(column: string): boolean {
    return column === this.column;
  }

  override hashIndex(column: string): HashIndex<K, V & Row> {
    if (column !== this.column) this.loadAll();
    const index = super.hashIndex(column);
    if (column === this.column && index.beforeGet === null) {
      index.beforeGet = (value) => this.#rows?.load(value);
    }
    return index;
  }

  override sortedIndex(column: string): SortedIndex<K, V & Row> {
    this.loadAll();
    return super.sortedIndex(column);
  }

  override keys(): MapIterator<K> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.loadAll();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.loadAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(fn, thisArg);
  }
}

/**
 * The index behind `GET /stats` (§4.8): for every (topic, remoteci) pair, its newest job whose
 * status is success or failure, kept current by the jobs table's writes. DCI answers /stats
 * with one DISTINCT ON query; scanning every job per request made it the emulator's most
 * expensive read at 20,000 jobs.
 *
 * "Newest" is the full scan's: the greatest `created_at` compared as stored text, ties to the
 * row earlier in table order. A write that takes a pair's current newest job out of the race
 * (its status, pair or an earlier `created_at`; or it was deleted) marks the pair dirty; a
 * dirty pair is computed again from its remoteci's jobs when next read.
 */
import type { JobRow } from './store-access.js';
import { type TableObserver, VersionedMap } from './table.js';

/** The statuses /stats counts. */
const FINAL = new Set(['success', 'failure']);

const pairOf = (j: JobRow) => `${j.topic_id}\n${j.remoteci_id}`;

/** The newest success-or-failure job of every (topic, remoteci) pair of a jobs table. */
export class LatestJobs implements TableObserver<string, JobRow> {
  /** Pair -> its newest success or failure job. */
  readonly #latest = new Map<string, JobRow>();
  /** Job id -> the pair it is the newest job of, and its `created_at` then. */
  readonly #pairOfJob = new Map<string, { pair: string; createdAt: string }>();
  /** Pairs to compute again before they are read. */
  readonly #dirty = new Set<string>();

  private constructor(private readonly table: VersionedMap<string, JobRow>) {
    this.#build();
  }

  /** The table's index, built on first use and kept current from then on. */
  static of(jobs: Map<string, JobRow>): LatestJobs {
    if (!(jobs instanceof VersionedMap)) return new LatestJobs(new VersionedMap(jobs));
    let index = INDEXES.get(jobs);
    if (!index) {
      index = new LatestJobs(jobs);
      jobs.observe(index);
      INDEXES.set(jobs, index);
    }
    return index;
  }

  /** Every pair's newest success or failure job (in no particular order). */
  newestJobs(): Iterable<JobRow> {
    for (const pair of this.#dirty) this.#recompute(pair);
    this.#dirty.clear();
    return this.#latest.values();
  }

  /** True when `a` comes before `b` in the full scan's "newest" order. */
  newer(a: JobRow, b: JobRow): boolean {
    if (a.created_at !== b.created_at) return b.created_at < a.created_at;
    return this.table.ordinalOf(a.id) < this.table.ordinalOf(b.id);
  }

  changed(key: string, row: JobRow | undefined): void {
    const filed = this.#pairOfJob.get(key);
    if (filed !== undefined) {
      const still =
        row !== undefined &&
        this.#latest.get(filed.pair) === row &&
        FINAL.has(row.status) &&
        pairOf(row) === filed.pair &&
        row.created_at >= filed.createdAt;
      if (still) {
        // Still the pair's newest (a later created_at only widens its lead).
        filed.createdAt = row.created_at;
        return;
      }
      // Another job of the pair may be the newest now.
      this.#dirty.add(filed.pair);
      this.#pairOfJob.delete(key);
    }
    if (row !== undefined) this.#consider(row);
  }

  reset(): void {
    this.#latest.clear();
    this.#pairOfJob.clear();
    this.#dirty.clear();
  }

  #build(): void {
    for (const job of this.table.values()) this.#consider(job);
  }

  #consider(job: JobRow): void {
    if (!FINAL.has(job.status)) return;
    const pair = pairOf(job);
    if (this.#dirty.has(pair)) return;
    const current = this.#latest.get(pair);
    if (current !== undefined && (current === job || !this.newer(job, current))) return;
    if (current !== undefined) this.#pairOfJob.delete(current.id);
    this.#latest.set(pair, job);
    this.#pairOfJob.set(job.id, { pair, createdAt: job.created_at });
  }

  #recompute(pair: string): void {
    const current = this.#latest.get(pair);
    if (current !== undefined && this.#pairOfJob.get(current.id)?.pair === pair) {
      this.#pairOfJob.delete(current.id);
    }
    this.#latest.delete(pair);
    const remoteciId = pair.slice(pair.indexOf('\n') + 1);
    let newest: JobRow | undefined;
    for (const job of this.table.hashIndex('remoteci_id').get(remoteciId)) {
      if (!FINAL.has(job.status) || pairOf(job) !== pair) continue;
      if (newest === undefined || this.newer(job, newest)) newest = job;
    }
    if (newest === undefined) return;
    this.#latest.set(pair, newest);
    this.#pairOfJob.set(newest.id, { pair, createdAt: newest.created_at });
  }
}

const INDEXES = new WeakMap<VersionedMap<string, JobRow>, LatestJobs>();

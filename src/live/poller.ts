/**
 * One poller per (DCI identity, filter): it asks DCI only for the jobs that changed since its
 * last look and publishes them as job events for every subscriber of that pair to share.
 *
 * - A general poller first takes a baseline (the newest `updated_at` among matching jobs, read
 *   from DCI, so the gateway's clock never matters), then asks for
 *   `and(<filter>, ge(updated_at, <cursor>))` sorted by `updated_at`, paged. `ge` rather than
 *   `gt` so that a job written in the same microsecond as the cursor is not lost; the jobs already
 *   seen at the cursor are remembered and skipped.
 * - A poller of one job (`job(id)`, or a filter that is exactly one id) asks for that job
 *   itself: one row, and its disappearance tells that the job was deleted (archived jobs vanish
 *   from every list, REST-REFERENCE §4.0).
 *
 * DCI never lists archived jobs, so a general poller cannot see a deletion made directly in
 * DCI; deletions made through the gateway reach it as a "touched" message and it publishes
 * DELETED for the jobs it has seen.
 */
import type { DciJob } from '../dci/types.js';
import type { Condition } from '../filters/condition.js';
import { comparableNaive } from '../filters/datetime.js';
import { eq, queryParam } from '../filters/dsl.js';
import type { DciReader } from '../loaders/reader.js';
import { rowProblem } from '../loaders/rows.js';
import type { JobEventKind, JobEventMessage, JobTouchedMessage } from './events.js';
import type { LeaseStore } from './lease.js';

/** Rows per page of a poll (DCI's cap). */
const PAGE = 200;
/** Pages one poll reads at most; the rest waits for the next poll (the cursor stays behind). */
const MAX_PAGES = 5;
/** Jobs remembered per poller, for DELETED events and the first value of `job(id)`. */
const KNOWN_MAX = 2000;

/** What a poller needs. */
export interface JobPollerOptions {
  /** `<identity hash>:<filter hash>`: names its lease and cursor. */
  key: string;
  /** Lists jobs with the identity's own credentials. */
  reader: DciReader;
  /** The compiled filter (null: every job the identity sees). */
  condition: Condition | null;
  /** Set when the filter is exactly one job id. */
  singleId: string | null;
  intervalMs: number;
  leases: LeaseStore;
  /** This replica's name in leases. */
  holder: string;
  /** Publishes one event to every subscriber of this poller, on every replica. */
  publish(event: JobEventMessage): void;
  /** Reports a failed poll (the next one retries). */
  onError(error: unknown): void;
  /** Called with true when this replica starts polling for the pair, false when it stops. */
  onLeading(leading: boolean): void;
  /** Called before every DCI request the poller makes. */
  onRequest(): void;
}

/** A poller; the hub starts it with its first subscriber and stops it with its last. */
export class JobPoller {
  /** Whether this replica holds the lease and polls. */
  leading = false;
  /** Resolves once the first attempt to lead (and the baseline, when leading) is done. */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Newest updated_at seen (comparable form); undefined before the baseline; null: no job. */
  private cursor: string | null | undefined = undefined;
  /** Jobs seen at exactly the cursor, by id: skipped when `ge` returns them again. */
  private atCursor = new Map<string, string>();
  private readonly known = new Map<string, DciJob>();
  private running: Promise<void> | null = null;
  private reading: Promise<DciJob | null> | null = null;
  private again = false;
  private readonly leaseTtlMs: number;

  constructor(private readonly o: JobPollerOptions) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.leaseTtlMs = Math.max(3 * o.intervalMs, 1000);
  }

  /** Starts polling: a first attempt now, then one every interval. */
  start(): void {
    void this.tick().finally(() => this.markReady());
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs);
  }

  /** Stops polling and gives the lease up. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.markReady();
    await this.running?.catch(() => {});
    if (this.leading) {
      this.setLeading(false);
      await this.o.leases.release(this.o.key, this.o.holder).catch(() => {});
    }
  }

  /**
   * The job as this poller last saw it, or as one request reads it when this replica has not
   * seen it (it follows another replica's poller): once per poller, not once per subscriber.
   */
  async current(id: string): Promise<DciJob | null> {
    await this.ready;
    const seen = this.known.get(id);
    if (seen) return seen;
    this.reading ??= this.list({
      query: queryParam(eq('id', id)) as string,
      sort: ['-updated_at'],
      limit: 1,
      offset: 0,
    })
      .then(({ items }) => {
        const job = items[0] ?? null;
        if (job && !this.known.has(job.id)) this.remember(job);
        return job;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** An event of this pair, published by whichever replica polls: keeps what we know current. */
  observe(event: JobEventMessage): void {
    if (event.kind === 'DELETED') this.known.delete(event.job.id);
    else this.remember(event.job);
  }

  /** A change made through the gateway: look again now, or publish a deletion. */
  touched(message: JobTouchedMessage): void {
    if (!this.leading || this.stopped) return;
    if (message.kind === 'DELETED') {
      const last = this.known.get(message.jobId);
      if (last) this.deleted(last);
      return;
    }
    if (this.o.singleId && this.o.singleId !== message.jobId) return;
    void this.poll();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let held: boolean;
    try {
      held = await this.o.leases.hold(this.o.key, this.o.holder, this.leaseTtlMs);
    } catch (error) {
      this.o.onError(error);
      return;
    }
    if (this.stopped) return;
    if (!held) {
      if (this.leading) {
        // Someone else polls now: forget our cursor, theirs is the one that moves.
        this.setLeading(false);
        this.cursor = undefined;
        this.atCursor.clear();
      }
      return;
    }
    if (!this.leading) {
      this.setLeading(true);
      const stored = await this.o.leases.readCursor(this.o.key).catch(() => null);
      if (stored !== null && this.cursor === undefined) {
        this.cursor = stored === '' ? null : stored;
      }
    }
    await this.poll();
  }

  private setLeading(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.o.onLeading(leading);
  }

  /** One poll, coalesced: a poll asked for while one runs is made once, after it. */
  private poll(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pollOnce();
        } catch (error) {
          this.o.onError(error);
        }
      } while (this.again && !this.stopped && this.leading);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pollOnce(): Promise<void> {
    if (this.o.singleId) return this.pollOne(this.o.singleId);
    if (this.cursor === undefined) return this.baseline();
    return this.pollChanges();
  }

  private list(params: { query?: string; sort: string[]; limit: number; offset: number }) {
    this.o.onRequest();
    return this.o.reader.list<DciJob>('/jobs', params);
  }

  /**
   * The newest `updated_at` among the matching jobs, or when none matches, among every job the
   * identity sees: DCI's own clock, so that a job created later is told apart (CREATED) from
   * one that was changed into the filter (UPDATED).
   */
  private async baseline(): Promise<void> {
    const newestOf = async (condition: Condition | null) => {
      const query = queryParam(condition);
      const { items } = await this.list({
        ...(query ? { query } : {}),
        sort: ['-updated_at'],
        limit: 1,
        offset: 0,
      });
      return items[0];
    };
    let newest = await newestOf(this.o.condition);
    const matching = newest;
    if (!newest && this.o.condition) newest = await newestOf(null);
    this.cursor = newest ? comparableNaive(newest.updated_at) : null;
    this.atCursor = new Map(matching ? [[matching.id, this.cursor as string]] : []);
    if (matching) this.remember(matching);
    await this.saveCursor();
  }

  private async pollChanges(): Promise<void> {
    const floor = this.cursor ?? null;
    const since: Condition | null = floor
      ? { kind: 'cmp', op: 'ge', column: 'updated_at', value: floor, type: 'datetime' }
      : null;
    const query = queryParam(this.o.condition, since);
    let newest = floor;
    const atNewest = new Map(this.atCursor);
    for (let page = 0, offset = 0; page < MAX_PAGES; page++, offset += PAGE) {
      const { items, count } = await this.list({
        ...(query ? { query } : {}),
        sort: ['updated_at', 'id'],
        limit: PAGE,
        offset,
      });
      for (const job of items) {
        // A malformed row (a null, a job without its columns) is no event to publish.
        if (rowProblem('job', job) !== null) continue;
        const updated = comparableNaive(job.updated_at);
        if (this.atCursor.get(job.id) === updated) continue;
        const kind: JobEventKind =
          !this.known.has(job.id) && (floor === null || comparableNaive(job.created_at) >= floor)
            ? 'CREATED'
            : 'UPDATED';
        this.remember(job);
        this.o.publish({ kind, job, at: job.updated_at });
        if (newest === null || updated > newest) {
          newest = updated;
          atNewest.clear();
        }
        if (updated === newest) atNewest.set(job.id, updated);
      }
      // Without DCI's count (a malformed envelope) a full page may have more after it.
      const total =
        count ?? (items.length < PAGE ? offset + items.length : Number.POSITIVE_INFINITY);
      if (total <= offset + items.length || items.length === 0) break;
    }
    this.cursor = newest;
    this.atCursor = atNewest;
    await this.saveCursor();
  }

  /**
   * A poller of one job: its cursor is the job's etag (every change gives a new one), kept in
   * the lease store like the others so that a replica taking over compares with it.
   */
  private async pollOne(id: string): Promise<void> {
    const { items } = await this.list({
      query: queryParam(eq('id', id)) as string,
      sort: ['-updated_at'],
      limit: 1,
      offset: 0,
    });
    const job = items[0];
    const last = this.known.get(id);
    const seenEtag = this.cursor;
    if (!job) {
      if (last) this.deleted(last);
      return;
    }
    this.remember(job);
    this.cursor = job.etag;
    if (seenEtag !== job.etag) await this.saveCursor();
    // The first look (no etag known to any replica) is the baseline, not a change.
    if (seenEtag === undefined || seenEtag === job.etag) return;
    this.o.publish({ kind: seenEtag === null ? 'CREATED' : 'UPDATED', job, at: job.updated_at });
  }

  private deleted(last: DciJob): void {
    this.known.delete(last.id);
    this.o.publish({
      kind: 'DELETED',
      job: { ...last, state: 'archived' },
      at: new Date().toISOString(),
    });
  }

  private remember(job: DciJob): void {
    this.known.delete(job.id);
    this.known.set(job.id, job);
    if (this.known.size > KNOWN_MAX) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }

  private async saveCursor(): Promise<void> {
    if (this.cursor === undefined) return;
    await this.o.leases
      .writeCursor(this.o.key, this.cursor ?? '', 10 * this.leaseTtlMs)
      .catch((error: unknown) => this.o.onError(error));
  }
}

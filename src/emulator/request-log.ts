/**
 * The emulator's request log: one entry per answered request, for tests and benchmarks that
 * count REST calls and measure how many sequential round trips ("waves") a GraphQL query cost.
 */

/** One request as the emulator saw it. */
export interface LogEntry {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** The decoded path, `/api/v1` prefix included. */
  path: string;
  /** The route template relative to `/api/v1`, ids as `:id` (`/jobs/:id/jobstates`); `(unknown)` when no route matched. */
  route: string;
  /** Decoded query parameters (first value of repeated keys, as DCI reads them). */
  query: Record<string, string>;
  /** `remoteci/<id>`, `feeder/<id>`, `user/<name>`, or null when unauthenticated or refused. */
  identity: string | null;
  /** The HTTP status sent; 0 when the connection was reset by a fault. */
  status: number;
  /** `performance.now()` when the request arrived. */
  start: number;
  /** `performance.now()` when the response was finished (or the socket destroyed). */
  end: number;
  /**
   * CPU time (user + system, ms) the emulator spent answering: authentication, the route's
   * handler and serialising its answer; injected latency and socket I/O excluded. 0 when no
   * handler ran (unknown route, fault, refused request line), or when the emulator was
   * started with `measureCpu: false`.
   */
  cpuMs: number;
  /** Bytes of the routed answer's body as serialised (0 for a stream or when no route ran). */
  bytes: number;
}

/** A predicate over log entries. */
export type LogFilter = (entry: LogEntry) => boolean;

/** The request log of one emulator instance. */
export class RequestLog {
  #entries: LogEntry[] = [];
  #seq = 0;

  /** Reserves the next sequence number (called when a request arrives). */
  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** Records a finished request. */
  add(entry: LogEntry): void {
    this.#entries.push(entry);
  }

  /** A copy of the entries, in completion order. */
  entries(pred?: LogFilter): LogEntry[] {
    return pred ? this.#entries.filter(pred) : [...this.#entries];
  }

  /** Forgets every entry (sequence numbers keep increasing). */
  clear(): void {
    this.#entries = [];
  }

  /** How many entries match `pred` (all when omitted). */
  count(pred?: LogFilter): number {
    return pred ? this.#entries.filter(pred).length : this.#entries.length;
  }

  /**
   * The length of the longest chain of requests in which each one started at or after the
   * previous one ended: the number of sequential round trips. Concurrent requests count once.
   */
  waves(pred?: LogFilter): number {
    return longestChain(this.entries(pred));
  }
}

/** Longest chain a1, a2, ... with a(i+1).start >= a(i).end; O(n log n). */
export function longestChain(entries: readonly Pick<LogEntry, 'start' | 'end'>[]): number {
  const byStart = [...entries].sort((a, b) => a.start - b.start || a.end - b.end);
  const byEnd = byStart.map((e, i) => ({ end: e.end, i })).sort((a, b) => a.end - b.end);
  const length = new Array<number>(byStart.length).fill(0);
  let bestEnded = 0;
  let p = 0;
  let best = 0;
  for (let i = 0; i < byStart.length; i++) {
    const e = byStart[i]!;
    while (p < byEnd.length && byEnd[p]!.end <= e.start && byEnd[p]!.i < i) {
      bestEnded = Math.max(bestEnded, length[byEnd[p]!.i]!);
      p++;
    }
    length[i] = bestEnded + 1;
    best = Math.max(best, length[i]!);
  }
  return best;
}

/**
 * Deterministic fault injection: make chosen routes fail the way real infrastructure does
 * (5xx, 429 with Retry-After, an HTML error page from a proxy, truncated JSON, a reset
 * connection, a body that stalls halfway or trickles in, a server that never answers, an
 * answer lost after the write was done) so the gateway's retry and error paths get tested.
 */

/**
 * The failure modes the emulator can simulate. Faults act before the route runs (nothing is
 * read or written) except `truncated`, `slow`, `drip` and `reset-after`, which cut or delay
 * the answer of a request the route has handled (a POST has inserted its row).
 *
 * - `hang`: no answer at all until the client gives up (or for `delayMs`, then normally);
 * - `drip`: the answer's body in `chunkBytes` pieces, one every `delayMs`;
 * - `reset-after`: the route runs, then the connection is dropped without an answer;
 * - `echo`: a JSON error (`status`, default 400) whose message repeats the request's
 *   Authorization header, as a misconfigured proxy or a verbose server may (or `message`);
 * - `rewrite`: the route runs and its JSON answer goes through `rewrite` before it is sent,
 *   to serve malformed rows (a null row, a missing column, an unknown status, no `_meta`).
 */
export type FaultKind =
  | '5xx'
  | '429'
  | 'html'
  | 'truncated'
  | 'reset'
  | 'slow'
  | 'hang'
  | 'drip'
  | 'reset-after'
  | 'echo'
  | 'rewrite';

/** One fault rule; every given condition must match for the rule to fire. */
export interface FaultRule {
  /** Route template (`/jobs/:id`), exact path (`/api/v1/jobs`), or a RegExp tested on both. */
  route?: string | RegExp;
  /** HTTP method, case-insensitive. */
  method?: string;
  kind: FaultKind;
  /** Status for `5xx` (default 503) and `html` (default 502). */
  status?: number;
  /** Seconds for the `Retry-After` header of `429` (default 1). */
  retryAfter?: number;
  /** Fire at most this many times, then stay silent. */
  times?: number;
  /** Fire with this probability (0..1), drawn from a PRNG seeded per rule: reproducible. */
  probability?: number;
  /**
   * For `slow`: the pause between the two halves of the body (default 200 ms); for `drip`: the
   * pause between pieces (default 100 ms); for `hang`: how long before answering normally
   * (default: never).
   */
  delayMs?: number;
  /** For `drip`: bytes per piece (default 16). */
  chunkBytes?: number;
  /** For `echo`: the message instead of the echoed Authorization header. */
  message?: string;
  /** For `rewrite`: the answer's JSON body in, the body to send out. */
  rewrite?: (body: unknown) => unknown;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  fired: number;
  random: () => number;
}

/** The rules of one emulator; `pick` is called once per routed request. */
export class FaultInjector {
  #rules: ActiveRule[] = [];
  #nextId = 1;

  constructor(private readonly seed = 1) {}

  /** Adds a rule; returns its id for `remove`. */
  add(rule: FaultRule): number {
    const id = this.#nextId++;
    this.#rules.push({ id, rule, fired: 0, random: mulberry32(this.seed * 7919 + id) });
    return id;
  }

  /** Removes one rule. */
  remove(id: number): void {
    this.#rules = this.#rules.filter((r) => r.id !== id);
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** How many times the rule has fired so far. */
  fired(id: number): number {
    return this.#rules.find((r) => r.id === id)?.fired ?? 0;
  }

  /** The first rule that fires for this request, if any (consumes `times` and PRNG draws). */
  pick(method: string, route: string, path: string): FaultRule | null {
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.route !== undefined && !routeMatches(rule.route, route, path)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.probability !== undefined && active.random() >= rule.probability) continue;
      active.fired += 1;
      return rule;
    }
    return null;
  }
}

function routeMatches(pattern: string | RegExp, route: string, path: string): boolean {
  if (typeof pattern === 'string') return pattern === route || pattern === path;
  return pattern.test(route) || pattern.test(path);
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

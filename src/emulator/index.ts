/**
 * The DCI emulator: a faithful in-memory DCI control server for tests, the demo and the
 * benchmarks. `startEmulator()` listens on 127.0.0.1 (a free port by default) and serves
 * `/api/v1` with the real server's auth, scoping, envelopes and quirks (REST-REFERENCE §9).
 */

import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { EmulatorState } from './context.js';
import { buildDataset, type DatasetSizeOption, type EmulatorFixtures } from './dataset-adapter.js';
import { FaultInjector } from './faults.js';
import { FileContents } from './file-contents.js';
import { RequestLog } from './request-log.js';
import { ROUTES } from './routes/index.js';
import { type LatencySetting, listen } from './server.js';
import { type EmulatorStore, warmIndexes } from './store-access.js';

export type {
  DatasetSize,
  DatasetSizeName,
  EmulatorFixtures,
  FixtureIdentity,
  FixtureName,
} from './dataset.js';
export type { FaultKind, FaultRule } from './faults.js';
export { FaultInjector } from './faults.js';
export type { ContentSource } from './file-contents.js';
export { FileContents, junitFileSize } from './file-contents.js';
export type { LogEntry, LogFilter } from './request-log.js';
export { RequestLog } from './request-log.js';
export type { LatencySetting } from './server.js';
export type * from './store-access.js';

/** Options of `startEmulator`; every field has a default. */
export interface EmulatorOptions {
  /** Dataset seed (deterministic rows and fault draws). */
  seed?: number;
  /** Dataset size: a preset or explicit counts. */
  size?: DatasetSizeOption;
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port; 0 picks a free one (read it from `url`). */
  port?: number;
  /** Delay before every answer: fixed ms, or per route template (`{'/jobs/:id': 50, '*': 5}`). */
  latencyMs?: LatencySetting;
  /** The server clock: HMAC expiry window (§2.1) and timestamps of written rows. */
  now?: () => Date;
  /** gunicorn's limit_request_line (§3.4). */
  requestLineLimit?: number;
  /**
   * Build each seeded job's jobstates, files and results on its first read (default true: the
   * `large` dataset loads in seconds); false builds every row at start. The rows are the same.
   */
  deferJobRows?: boolean;
  /**
   * Record each request's CPU time in the log (`cpuMs`; default true). Reading the process's
   * CPU clock twice per request costs about a tenth of a small request: the benchmark's
   * emulator process, which reports its whole CPU time instead, turns it off.
   */
  measureCpu?: boolean;
}

/** A running emulator. */
export interface Emulator {
  /** Origin, `http://127.0.0.1:PORT`; the API lives under `/api/v1`. */
  url: string;
  /** The live tables, for assertions and for seeding extra rows. */
  store: EmulatorStore;
  /** Named identities with working credentials (see docs/DESIGN.md). */
  fixtures: EmulatorFixtures;
  /** Every answered request, with timing: `count()`, `waves()`. */
  log: RequestLog;
  /**
   * File contents behind `GET /files/<id>/content`: `contents.set(fileId, bytes | () => chunks)`
   * replaces a file's content (seeded files have generated ones, uploads keep their body).
   */
  contents: FileContents;
  /** Fault rules: `faults.add({route: '/jobs', kind: '5xx', times: 1})`. */
  faults: FaultInjector;
  /** Changes the injected latency. */
  setLatency(ms: LatencySetting): void;
  /** Replaces the server clock. */
  setClock(now: () => Date): void;
  /**
   * A bearer token standing in for a Red Hat SSO JWT of this user (§2.3); `expired` makes the
   * server answer "JWT token expired, please refresh.".
   */
  issueBearerToken(userName: string, opts?: { expired?: boolean }): string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Builds a dataset and starts serving it. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const seed = opts.seed ?? 1;
  let now = opts.now ?? (() => new Date());
  const { store, fixtures } = buildDataset({
    seed,
    size: opts.size ?? 'demo',
    now: () => now(),
    ...(opts.deferJobRows === undefined ? {} : { deferJobRows: opts.deferJobRows }),
  });
  warmIndexes(store);
  const state: EmulatorState = {
    store,
    now: () => now(),
    bearerTokens: new Map(),
    contents: new FileContents(),
  };
  let latency: LatencySetting = opts.latencyMs ?? 0;
  const log = new RequestLog();
  const faults = new FaultInjector(seed);
  const { server, url } = await listen({
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
    requestLineLimit: opts.requestLineLimit ?? 4094,
    measureCpu: opts.measureCpu ?? true,
    routes: ROUTES,
    state,
    log,
    faults,
    latency: () => latency,
  });
  return {
    url,
    store: state.store,
    fixtures,
    contents: state.contents,
    log,
    faults,
    setLatency: (ms) => {
      latency = ms;
    },
    setClock: (fn) => {
      now = fn;
    },
    issueBearerToken: (userName, o = {}) => {
      const part = () => randomBytes(12).toString('base64url');
      const token = `${part()}.${part()}.${part()}`;
      state.bearerTokens.set(token, { userName, expired: o.expired ?? false });
      return token;
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

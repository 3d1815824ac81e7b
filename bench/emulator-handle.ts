/**
 * The benchmark's view of the DCI emulator: its URL, the fixture credentials, and the request
 * log figures (requests answered, sequential waves). Two implementations with one interface:
 *
 * - `startChildEmulator`: the emulator in a forked process (what `npm run bench` uses), so the
 *   benchmark process's CPU time is the gateway's (or the REST client's) alone and the
 *   emulator's work never delays the gateway's event loop;
 * - `startInProcessEmulator`: the emulator in this process (the smoke test: fast, no fork).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DciAuth } from '../src/dci/credentials.js';
import { type Emulator, startEmulator } from '../src/emulator/index.js';

/** Dataset sizes the emulator knows. */
export type DatasetSizeName = 'tiny' | 'demo' | 'bench' | 'large';

/** What the request log says about the requests since the last clear. */
export interface LogStats {
  /** Requests the emulator answered. */
  count: number;
  /** Longest chain of requests each starting after the previous one ended. */
  waves: number;
  /**
   * Mean time the emulator took per request, arrival to last byte, injected latency
   * included (0 when no request): how much of a wave is DCI's own service time.
   */
  upstreamMs: number;
}

/** The figures of a request log (the emulator's `log`). */
export function logStats(log: Emulator['log']): LogStats {
  const durations = log.entries().map((e) => e.end - e.start);
  return {
    count: durations.length,
    waves: log.waves(),
    upstreamMs:
      durations.length === 0 ? 0 : durations.reduce((sum, d) => sum + d, 0) / durations.length,
  };
}

/** A running emulator as the benchmark uses it. */
export interface EmulatorHandle {
  /** Origin, `http://127.0.0.1:PORT` (the API is under /api/v1). */
  url: string;
  /** Fixture identities' credentials by name (`admin`, `redhat`, `partnerRemoteci`...). */
  identities: Record<string, DciAuth>;
  /** Rows per table of the dataset (`jobs: 2000`...). */
  datasetCounts: Record<string, number>;
  /** Where the emulator runs. */
  placement: 'child-process' | 'in-process';
  /** The emulator itself when it runs in this process (its store and request log). */
  local?: Emulator;
  /** Requests and waves logged since the last clear. */
  stats(): Promise<LogStats>;
  /** Requests logged since the last clear (cheaper than stats: no wave computation). */
  count(): Promise<number>;
  /**
   * User + system CPU time the emulator's process has used so far (ms); null when it shares
   * this process (its time is then in this process's figures).
   */
  cpuMs(): Promise<number | null>;
  /** Forgets the logged requests. */
  clear(): Promise<void>;
  /** Sets the latency injected into every request, in milliseconds. */
  setLatency(ms: number): Promise<void>;
  /** Stops the emulator (and its process). */
  close(): Promise<void>;
}

/** How to start the emulator. */
export interface ChildStartOptions {
  size: DatasetSizeName;
  latencyMs: number;
}

/** A request to the child, over IPC. */
export interface ChildRequest {
  id: number;
  op: 'stats' | 'count' | 'cpu' | 'clear' | 'latency' | 'close';
  ms?: number;
}

/** The child's answer to one request. */
export type ChildReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

interface ReadyMessage {
  type: 'ready';
  url: string;
  identities: Record<string, DciAuth>;
  datasetCounts: Record<string, number>;
}

/** Rows per table of the emulator's store (every Map it holds). */
export function countRows(store: object): Record<string, number> {
  return Object.fromEntries(
    Object.entries(store)
      .filter(([, value]) => value instanceof Map)
      .map(([name, value]) => [name, (value as Map<unknown, unknown>).size]),
  );
}

/** Starts the emulator in this process. */
export async function startInProcessEmulator(options: ChildStartOptions): Promise<EmulatorHandle> {
  const emulator = await startEmulator({
    size: options.size,
    latencyMs: options.latencyMs,
    host: '127.0.0.1',
    port: 0,
  });
  const identities = Object.fromEntries(
    Object.entries(emulator.fixtures.identities).map(([name, identity]) => [name, identity.auth]),
  );
  return {
    url: emulator.url,
    identities,
    datasetCounts: countRows(emulator.store),
    placement: 'in-process',
    local: emulator,
    stats: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return logStats(emulator.log);
    },
    count: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return emulator.log.count();
    },
    cpuMs: async () => null,
    clear: async () => emulator.log.clear(),
    setLatency: async (ms) => emulator.setLatency(ms),
    close: () => emulator.close(),
  };
}

const CHILD_ENTRY = fileURLToPath(new URL('./emulator-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
// The large dataset takes seconds to build on a quiet machine, minutes on a busy one.
const START_TIMEOUT_MS = 300_000;
const CALL_TIMEOUT_MS = 30_000;

/** Forks the emulator into its own Node process (TypeScript through tsx) and waits for it. */
export async function startChildEmulator(options: ChildStartOptions): Promise<EmulatorHandle> {
  const child = fork(CHILD_ENTRY, [JSON.stringify(options)], {
    cwd: REPO_ROOT,
    // BENCH_EMULATOR_NODE_ARGS: Node options for the emulator's process only, such as
    // `--cpu-prof --cpu-prof-dir=DIR` to profile DCI's stand-in while a scenario runs.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_EMULATOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitForReady(child);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on('message', (raw: unknown) => {
    const reply = raw as ChildReply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`emulator child: ${reply.error}`));
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('emulator child exited'));
    pending.clear();
  });

  const call = (op: ChildRequest['op'], ms?: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`emulator child did not answer '${op}' in time`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, op, ...(ms === undefined ? {} : { ms }) } satisfies ChildRequest);
    });

  return {
    url: ready.url,
    identities: ready.identities,
    datasetCounts: ready.datasetCounts,
    placement: 'child-process',
    stats: async () => (await call('stats')) as LogStats,
    count: async () => (await call('count')) as number,
    cpuMs: async () => (await call('cpu')) as number,
    clear: async () => {
      await call('clear');
    },
    setLatency: async (ms) => {
      await call('latency', ms);
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('close').catch(() => child.kill());
      await exited;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the emulator child did not start in time'));
    }, START_TIMEOUT_MS);
    const onMessage = (raw: unknown) => {
      const message = raw as Partial<ReadyMessage>;
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as ReadyMessage);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the emulator child exited before it was ready (code ${code})`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

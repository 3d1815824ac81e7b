/**
 * The throughput phase: a fixed number of connections sending one scenario's operation to the
 * gateway's HTTP server for a fixed time, with zero upstream latency so the gateway's own cost
 * shows. The load generator (autocannon) runs in a child process (load-child.ts); this process
 * serves the gateway and measures its CPU time and the upstream requests per operation.
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Gateway } from '../src/server.js';
import type { EmulatorHandle } from './emulator-handle.js';
import type { Scenario, ScenarioParams } from './scenarios.js';

/** What the load child needs. */
export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  headers: Record<string, string>;
  body: string;
}

/** What the load child reports. */
export interface LoadSummary {
  /** Mean completed requests per second. */
  requestsPerSecond: number;
  /** Responses received (any status). */
  responses: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  durationS: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 200 responses carrying GraphQL errors. */
  mismatches: number;
}

/** One throughput measurement. */
export interface ThroughputResult extends LoadSummary {
  connections: number;
  /** Upstream requests per response during the run. */
  upstreamPerOp: number;
  /** CPU time of the gateway process per response, in milliseconds. */
  cpuMsPerOp: number;
  /** CPU time of the emulator's process per response (ms); null when it runs in-process. */
  emulatorCpuMsPerOp: number | null;
}

/** The gateway on a real socket: node:http on 127.0.0.1, port 0. */
export async function listenGateway(gateway: Gateway): Promise<{ server: Server; url: string }> {
  const server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

/** Closes a gateway server, dropping idle keep-alive sockets. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const LOAD_ENTRY = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Runs autocannon in a child process and returns its summary. */
export function runLoad(options: LoadOptions): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_ENTRY, [JSON.stringify(options)], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Bounded: the run's duration plus generous start-up and drain time.
    const timer = setTimeout(
      () => {
        child.kill();
        reject(new Error('the load generator did not finish in time'));
      },
      (options.durationS + 60) * 1000,
    );
    let summary: LoadSummary | null = null;
    child.on('message', (message) => {
      summary = message as LoadSummary;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (summary) resolve(summary);
      else reject(new Error(`the load generator exited without a result (code ${code})`));
    });
  });
}

/** Waits (at most 15 s) until the emulator has answered no request for 300 ms. */
export async function waitForQuiet(emulator: EmulatorHandle): Promise<void> {
  const deadline = performance.now() + 15_000;
  let last = await emulator.count();
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await delay(100);
    const count = await emulator.count();
    if (count !== last) {
      last = count;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= 300) {
      return;
    }
  }
}

/** Measures one scenario's throughput against a listening gateway. */
export async function measureThroughput(
  emulator: EmulatorHandle,
  url: string,
  headers: Record<string, string>,
  scenario: Scenario,
  params: ScenarioParams,
  settings: { connections: number; durationS: number },
): Promise<ThroughputResult> {
  await emulator.clear();
  const emulatorCpu = await emulator.cpuMs();
  const cpu = process.cpuUsage();
  const summary = await runLoad({
    url,
    connections: settings.connections,
    durationS: settings.durationS,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(params) }),
  });
  const used = process.cpuUsage(cpu);
  const count = await emulator.count();
  const emulatorCpuAfter = await emulator.cpuMs();
  const responses = Math.max(1, summary.responses);
  // The gateway finishes the operations still in flight when the load stops (a client going
  // away does not cancel them): let their upstream requests drain before anything else is
  // measured, or they would be counted against the next measurement.
  await waitForQuiet(emulator);
  return {
    ...summary,
    connections: settings.connections,
    upstreamPerOp: count / responses,
    cpuMsPerOp: (used.user + used.system) / 1000 / responses,
    emulatorCpuMsPerOp:
      emulatorCpu === null || emulatorCpuAfter === null
        ? null
        : (emulatorCpuAfter - emulatorCpu) / responses,
  };
}

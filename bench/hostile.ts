/**
 * `npm run bench:hostile`: what a hostile document costs everyone else. The gateway (with its
 * production plugins) listens on 127.0.0.1 over the tiny emulator; the 20-level fragment
 * fan-out (`fragment F1 on Query { ...F0 ...F0 }`, ... 20 levels, about 800 bytes, 2^20 fields
 * once expanded) is sent again and again while another client polls `/health` every few
 * milliseconds. Printed: the refusal time of the fan-out and the `/health` latency measured
 * meanwhile (median, p95, max), next to `/health` alone, and the CPU time this process spent
 * per refusal (client, server and poller together: an upper bound of the gateway's cost, and
 * the figure to read on a loaded machine, where wall times mostly measure the wait for a CPU).
 * Target: both under 50 ms.
 *
 * Flags: `--runs N` fan-out requests (default 50), `--levels N` (default 20).
 */
// First: graphql-js reads NODE_ENV when it is loaded.
import './production-env.js';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { closeAllPools } from '../src/dci/client.js';
import { startEmulator } from '../src/emulator/index.js';
import { withOperations } from '../src/plugins/index.js';
import { createGateway } from '../src/server.js';
import { round, summarize } from './stats.js';
import { closeServer, listenGateway } from './throughput.js';

/** `levels` fragments each spreading the previous one twice. */
function fanOut(levels: number): string {
  const lines = [`query FanOut { ...F${levels} }`, 'fragment F0 on Query { version }'];
  for (let i = 1; i <= levels; i++) {
    lines.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  }
  return lines.join('\n');
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Polls `url` every `everyMs` until `stop()` says so; returns each answer's latency. */
async function poll(url: string, everyMs: number, stop: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!stop()) {
    latencies.push(await timed(() => fetch(url).then((r) => r.arrayBuffer())));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return latencies;
}

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '50' }, levels: { type: 'string', default: '20' } },
});
const runs = Number(values.runs);
const levels = Number(values.levels);

const emulator = await startEmulator({ size: 'tiny', host: '127.0.0.1', port: 0 });
const gateway = createGateway(withOperations({ dciUrl: emulator.url }, { production: true }));
const { server, url } = await listenGateway(gateway);
const health = url.replace(/\/graphql$/, '/health');
const document = JSON.stringify({ query: fanOut(levels) });
const send = () =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: document });

try {
  // Warm up both paths (JIT, connections), then /health alone as the baseline.
  for (let i = 0; i < 5; i++) {
    await (await send()).arrayBuffer();
    await (await fetch(health)).arrayBuffer();
  }
  let baselineDone = false;
  const baselineTimer = setTimeout(() => {
    baselineDone = true;
  }, 1000);
  const baseline = await poll(health, 5, () => baselineDone);
  clearTimeout(baselineTimer);

  let attacking = true;
  const during = poll(health, 2, () => !attacking);
  const refusals: number[] = [];
  const codes = new Set<string>();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    refusals.push(
      await timed(async () => {
        const body = (await (await send()).json()) as {
          errors?: { extensions?: { code?: string } }[];
        };
        codes.add(String(body.errors?.[0]?.extensions?.code));
      }),
    );
  }
  const cpu = process.cpuUsage(cpuBefore);
  attacking = false;
  const healthDuring = await during;
  const cpuMsPerRefusal = (cpu.user + cpu.system) / 1000 / runs;

  const show = (samples: number[]) => {
    const s = summarize(samples);
    return `median ${round(s.median, 2)} ms, p95 ${round(s.p95, 2)} ms, max ${round(s.max, 2)} ms (n=${s.n})`;
  };
  console.log(`${levels}-level fragment fan-out (${fanOut(levels).length} bytes)`);
  console.log(`  refused with ${[...codes].join(', ')} in: ${show(refusals)}`);
  console.log(`  /health meanwhile:              ${show(healthDuring)}`);
  console.log(`  /health alone:                  ${show(baseline)}`);
  console.log(`  CPU per refusal (whole process): ${round(cpuMsPerRefusal, 2)} ms`);
  console.log(
    `  load average: ${loadavg()
      .map((l) => round(l, 1))
      .join(' ')}`,
  );
  const worst = Math.max(summarize(refusals).p95, summarize(healthDuring).max);
  console.log(worst < 50 ? 'OK: under 50 ms' : `ABOVE TARGET: ${round(worst, 2)} ms >= 50 ms`);
} finally {
  await closeServer(server);
  await emulator.close();
  await closeAllPools();
}

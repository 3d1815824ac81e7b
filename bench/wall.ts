/**
 * `npm run bench:wall`: scenario S5, "wall of dashboards". 20 viewers of one identity and 5 of
 * another each refresh the topics -> components -> jobs page (S1) every 2 s, against the
 * emulator (a child process, 10 ms of latency per request), through the gateway on a real
 * socket: once with the response cache off, once with it on (memory, default TTLs; or Redis
 * with --redis-url). Printed and written to bench/results/wall.json: DCI requests of each run
 * and their ratio (target: cache on <= 1/10 of off), refresh latency (p50, p95), and every
 * answer checked against its viewer's identity (target: zero cross-identity answers).
 *
 * The expected answer of each identity is read once before the runs through a cache-less
 * gateway; the bench writes nothing, so a correct answer equals it exactly.
 *
 * Flags: --duration S (default 60; e.g. 10 for a quick run), --interval MS (2000), --viewers
 * A,B (20,5), --latency MS (10), --size tiny|demo|bench (demo), --identities A,B
 * (redhat,otherRemoteci), --redis-url URL (cache in that Redis), --out FILE.
 */
// First: graphql-js reads NODE_ENV when it is loaded.
import './production-env.js';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { randomCacheKey } from '../src/cache/identity.js';
import type { ResponseCacheOptions } from '../src/cache/plugin.js';
import { createRedisStore } from '../src/cache/redis-store.js';
import { createMemoryStore } from '../src/cache/store.js';
import { DEFAULT_CACHE_TTLS } from '../src/cache/ttl.js';
import { closeAllPools } from '../src/dci/client.js';
import type { DciAuth } from '../src/dci/credentials.js';
import { withOperations } from '../src/plugins/index.js';
import { closeRedisConnections, createRedisConnection } from '../src/redis/connection.js';
import { createGateway } from '../src/server.js';
import { startChildEmulator } from './emulator-handle.js';
import { gatewayHeaders } from './harness.js';
import { SCENARIOS } from './scenarios.js';
import { round, summarize } from './stats.js';
import { closeServer, listenGateway } from './throughput.js';

const progress = (message: string) => console.error(`[wall] ${message}`);

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    interval: { type: 'string', default: '2000' },
    viewers: { type: 'string', default: '20,5' },
    latency: { type: 'string', default: '10' },
    size: { type: 'string', default: 'demo' },
    identities: { type: 'string', default: 'redhat,otherRemoteci' },
    'redis-url': { type: 'string' },
    out: { type: 'string', default: 'bench/results/wall.json' },
  },
});
const durationMs = Number(values.duration) * 1000;
const intervalMs = Number(values.interval);
const [viewersA, viewersB] = values.viewers.split(',').map(Number) as [number, number];
const [nameA, nameB] = values.identities.split(',') as [string, string];
const size = values.size as 'tiny' | 'demo' | 'bench';
const latencyMs = Number(values.latency);
const query = SCENARIOS.find((s) => s.id === 'S1')!.query;

interface RunResult {
  cache: string;
  dciRequests: number;
  refreshes: number;
  dciRequestsPerRefresh: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Answers equal to the other identity's page. */
  crossIdentityAnswers: number;
  /** Answers equal to neither page (errors included). */
  wrongAnswers: number;
}

const emulator = await startChildEmulator({ size, latencyMs });
const identities = { A: emulator.identities[nameA]!, B: emulator.identities[nameB]! };
if (!identities.A || !identities.B) throw new Error(`unknown identity in ${values.identities}`);
let redis: Redis | null = null;

async function ask(url: string, auth: DciAuth): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gatewayHeaders(auth) },
    body: JSON.stringify({ query }),
  });
  return response.text();
}

async function run(cache: ResponseCacheOptions | undefined, expected: { A: string; B: string }) {
  const gateway = createGateway(
    withOperations({ dciUrl: emulator.url, ...(cache ? { cache } : {}) }, {}),
  );
  const { server, url } = await listenGateway(gateway);
  await emulator.clear();
  const latencies: number[] = [];
  let cross = 0;
  let wrong = 0;
  const end = performance.now() + durationMs;
  const viewer = async (who: 'A' | 'B') => {
    // Viewers opened their tabs at different moments within one interval.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalMs));
    while (performance.now() < end) {
      const started = performance.now();
      const body = await ask(url, identities[who]);
      latencies.push(performance.now() - started);
      const other = who === 'A' ? 'B' : 'A';
      if (body === expected[other]) cross++;
      else if (body !== expected[who]) wrong++;
      const wait = started + intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  await Promise.all([
    ...Array.from({ length: viewersA }, () => viewer('A')),
    ...Array.from({ length: viewersB }, () => viewer('B')),
  ]);
  const dciRequests = await emulator.count();
  await closeServer(server);
  const s = summarize(latencies);
  return {
    cache: cache ? (redis ? 'redis' : 'memory') : 'off',
    dciRequests,
    refreshes: latencies.length,
    dciRequestsPerRefresh: round(dciRequests / Math.max(1, latencies.length), 3),
    latencyMs: { p50: round(s.median, 1), p95: round(s.p95, 1), max: round(s.max, 1) },
    crossIdentityAnswers: cross,
    wrongAnswers: wrong,
  } satisfies RunResult;
}

try {
  // The truth: each identity's page through a cache-less gateway.
  const plain = createGateway(withOperations({ dciUrl: emulator.url }, {}));
  const truth = await listenGateway(plain);
  const expected = { A: await ask(truth.url, identities.A), B: await ask(truth.url, identities.B) };
  await closeServer(truth.server);
  if (expected.A === expected.B)
    throw new Error('the two identities see the same page: pick others');
  for (const e of Object.values(expected)) {
    if (e.includes('"errors"')) throw new Error(`the page fails: ${e.slice(0, 300)}`);
  }

  progress(
    `${viewersA} viewers as ${nameA}, ${viewersB} as ${nameB}, every ${intervalMs} ms for ${durationMs / 1000} s, ${latencyMs} ms DCI latency, dataset ${size}`,
  );
  progress('run 1: cache off');
  const off = await run(undefined, expected);
  progress(`run 2: cache ${values['redis-url'] ? 'redis' : 'memory'}`);
  let store: ResponseCacheOptions['store'];
  if (values['redis-url']) {
    redis = createRedisConnection(values['redis-url'], { name: 'bench-wall' });
    await redis.flushdb();
    store = createRedisStore(redis);
  } else {
    store = createMemoryStore({ maxEntries: 10_000, maxBytes: 64 * 2 ** 20 });
  }
  const on = await run(
    { store, identityKey: randomCacheKey(), ttls: DEFAULT_CACHE_TTLS },
    expected,
  );
  // Without the cache the viewers may not keep up (fewer refreshes than scheduled): the
  // per-refresh ratio is reported next to the total one, and the target holds for both.
  const ratio = on.dciRequests / off.dciRequests;
  const perRefreshRatio = on.dciRequestsPerRefresh / off.dciRequestsPerRefresh;
  const report = {
    scenario: 'S5 wall of dashboards',
    finishedAt: new Date().toISOString(),
    settings: {
      durationS: durationMs / 1000,
      intervalMs,
      viewers: { [nameA]: viewersA, [nameB]: viewersB },
      latencyMs,
      size,
    },
    loadAverage: round(loadavg()[0] ?? 0, 2),
    off,
    on,
    dciRequestRatio: round(ratio, 4),
    dciRequestPerRefreshRatio: round(perRefreshRatio, 4),
    targets: {
      requestsAtMostOneTenth: ratio <= 0.1 && perRefreshRatio <= 0.1,
      zeroCrossIdentityAnswers: off.crossIdentityAnswers + on.crossIdentityAnswers === 0,
    },
  };
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  const row = (r: RunResult) =>
    `| ${r.cache} | ${r.refreshes} | ${r.dciRequests} | ${r.dciRequestsPerRefresh} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.crossIdentityAnswers} | ${r.wrongAnswers} |`;
  console.log(
    [
      '| Cache | Refreshes | DCI requests | per refresh | p50 ms | p95 ms | Cross-identity answers | Wrong answers |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      row(off),
      row(on),
      '',
      `DCI requests with the cache: ${round(ratio * 100, 2)}% of without in total, ${round(perRefreshRatio * 100, 2)}% per refresh (target <= 10%): ${report.targets.requestsAtMostOneTenth ? 'met' : 'NOT met'}`,
      `Cross-identity answers: ${off.crossIdentityAnswers + on.crossIdentityAnswers} (target 0)`,
      `Written to ${values.out}`,
    ].join('\n'),
  );
} finally {
  if (redis) await closeRedisConnections(redis);
  await closeAllPools();
  await emulator.close();
}

/**
 * `npx tsx bench/emulator-cost.ts [--size bench] [--identity redhat] [--repeat 5]`: what each
 * request costs the emulator. Runs the four scenarios once through the gateway (and a set of
 * extra list shapes through the REST client) to learn the requests a dashboard sends, replays
 * every one of them `repeat` times and prints, per route, the emulator's CPU time per request
 * (`cpuMs` of its request log: authentication, handler, serialisation). Run it under
 * `node --cpu-prof --import tsx bench/emulator-cost.ts` to see where that time goes.
 */
import { parseArgs } from 'node:util';
import { closeAllPools, DciClient } from '../src/dci/client.js';
import type { LogEntry } from '../src/emulator/index.js';
import { type DatasetSizeName, startInProcessEmulator } from './emulator-handle.js';
import { createTargets, runVariant } from './harness.js';
import { SCENARIOS } from './scenarios.js';
import { quantile, round } from './stats.js';

/** Per-route CPU figures of the replayed requests. */
export interface RouteCost {
  route: string;
  requests: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'bench' },
      identity: { type: 'string', default: 'redhat' },
      repeat: { type: 'string', default: '5' },
    },
  });
  const size = values.size as DatasetSizeName;
  const repeat = Number(values.repeat);
  const loadStart = performance.now();
  const handle = await startInProcessEmulator({ size, latencyMs: 0 });
  const emulator = handle.local!;
  console.error(
    `[cost] ${size}: ${handle.datasetCounts['jobs']} jobs, loaded in ${round((performance.now() - loadStart) / 1000, 1)} s, rss ${round(process.memoryUsage().rss / 2 ** 20, 0)} MiB`,
  );
  const targets = await createTargets(handle, { identity: values.identity });
  const auth = handle.identities[values.identity]!;
  const client = new DciClient({ baseUrl: handle.url, auth });

  // Learn the requests: the scenarios through the gateway, then extra list shapes.
  emulator.log.clear();
  for (const s of SCENARIOS) await runVariant(targets, s, 'gateway');
  const store = emulator.store;
  const job = store.jobs.get(targets.params.jobId)!;
  const someJobs = [...store.jobs.keys()].slice(0, 40);
  const extra: [string, Record<string, string>][] = [
    ['/jobs', { limit: '50', offset: '0', sort: '-created_at,id' }],
    ['/jobs', { limit: '50', offset: '1000', sort: '-updated_at,id' }],
    ['/jobs', { limit: '20', offset: '0', where: `team_id:${job.team_id}` }],
    ['/jobs', { limit: '20', offset: '0', query: `eq(remoteci_id,${job.remoteci_id})` }],
    [
      '/jobs',
      { limit: '20', offset: '0', query: `and(eq(topic_id,${job.topic_id}),eq(status,failure))` },
    ],
    ['/jobs', { limit: '20', offset: '0', query: `eq(status,running)`, sort: 'created_at' }],
    [
      '/jobs',
      { limit: '200', offset: '0', query: `or(${someJobs.map((id) => `eq(id,${id})`).join(',')})` },
    ],
    ['/jobs', { limit: '20', offset: '0', query: 'ilike(name,%upgrade%)' }],
    ['/components', { limit: '50', offset: '0' }],
    [`/jobs/${job.id}/files`, { limit: '20', offset: '0' }],
    [`/jobs/${job.id}/results`, {}],
    [`/pipelines/${job.pipeline_id ?? [...store.pipelines.keys()][0]}/jobs`, {}],
  ];
  for (const [path, params] of extra) {
    await client.request('GET', path, { params }).catch(() => {});
  }
  const learned = emulator.log.entries();

  // Replay each request `repeat` times and read its CPU time from the log.
  emulator.log.clear();
  for (let i = 0; i < repeat; i++) {
    for (const e of learned) {
      await client
        .request(e.method, e.path.replace(/^\/api\/v1/, ''), { params: e.query })
        .catch(() => {});
    }
  }
  const byRoute = new Map<string, number[]>();
  let worst: LogEntry | undefined;
  for (const e of emulator.log.entries()) {
    const key = `${e.method} ${e.route}${e.query['query'] || e.query['where'] ? ' (filtered)' : ''}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), e.cpuMs]);
    if (!worst || e.cpuMs > worst.cpuMs) worst = e;
  }
  const costs: RouteCost[] = [...byRoute].map(([route, ms]) => ({
    route,
    requests: ms.length,
    medianMs: round(quantile(ms, 0.5), 3),
    p95Ms: round(quantile(ms, 0.95), 3),
    maxMs: round(Math.max(...ms), 3),
  }));
  console.table(costs.sort((a, b) => b.medianMs - a.medianMs));
  const byRequest = new Map<string, number[]>();
  for (const e of emulator.log.entries()) {
    const key = `${e.method} ${e.path}?${new URLSearchParams(e.query).toString()}`.slice(0, 160);
    byRequest.set(key, [...(byRequest.get(key) ?? []), e.cpuMs]);
  }
  const slowest = [...byRequest]
    .map(([request, ms]) => ({ request, medianMs: round(quantile(ms, 0.5), 3) }))
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, 12);
  console.table(slowest);
  if (worst) {
    const q = new URLSearchParams(worst.query).toString();
    console.log(
      `slowest: ${worst.cpuMs.toFixed(2)} ms ${worst.method} ${worst.path}?${q.slice(0, 200)}`,
    );
  }
  await handle.close();
  await closeAllPools();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

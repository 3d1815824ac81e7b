/**
 * `npx tsx bench/emulator-cost.ts [--size bench] [--identity redhat] [--repeat 5] [--json FILE]`:
 * what each request costs the emulator (DCI's stand-in), route by route.
 *
 * It learns the requests a dashboard sends: the four scenarios and the reference dashboard's
 * operations (client/operations/dashboard.graphql) through the gateway, the live pollers'
 * list shapes (src/live/poller.ts), and the common list shapes (`where`, `query`, `sort`,
 * `limit`/`offset`), `/stats` and a pipeline's jobs through the REST client. It replays every
 * one of them `repeat` times and prints one row per request shape (ids written `<id>`): the
 * emulator's CPU time per request (`cpuMs` of its request log: authentication, handler,
 * serialisation) and the answer's size. The target is 5 ms per request at the `bench` size
 * for everything the scenarios, the dashboard and the pollers send; rows above it are flagged.
 * Run it under `node --cpu-prof --import tsx bench/emulator-cost.ts` to see where time goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeAllPools, DciClient } from '../src/dci/client.js';
import type { LogEntry } from '../src/emulator/index.js';
import { type DatasetSizeName, startInProcessEmulator } from './emulator-handle.js';
import { createTargets, runVariant } from './harness.js';
import { SCENARIOS } from './scenarios.js';
import { quantile, round } from './stats.js';

/** The emulator CPU budget per request (issue 11), in milliseconds. */
export const BUDGET_MS = 5;

/** Per request shape: where it comes from, what it costs the emulator. */
export interface RouteCost {
  /** What sent it: S1-S4, `dashboard`, `live` (pollers), `list` (common shapes), `other`. */
  source: string;
  /** Method, route and parameters with ids as `<id>` and timestamps as `<ts>`. */
  request: string;
  requests: number;
  cpuMsMedian: number;
  cpuMsP95: number;
  /** Median body size of the answers, in bytes. */
  bytes: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?/g;

/** A request's shape: ids and timestamps replaced, a repeated `eq(id,<id>)` collapsed. */
export function shapeOf(e: Pick<LogEntry, 'method' | 'path' | 'query'>): string {
  const path = e.path.replace(/^\/api\/v1/, '').replace(UUID, '<id>');
  const params = Object.entries(e.query)
    .map(([k, v]) => {
      const value = v
        .replace(UUID, '<id>')
        .replace(TIMESTAMP, '<ts>')
        .replace(/(eq\((\w+),<id>\),?){2,}/g, (_m, _x, col: string) => `eq(${col},<id>),…`);
      return `${k}=${value}`;
    })
    .join('&');
  return `${e.method} ${path}${params ? `?${params}` : ''}`;
}

/** A GraphQL operation of a document file, with its fragments. */
function operationText(file: string): string {
  return readFileSync(new URL(file, import.meta.url), 'utf8');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'bench' },
      identity: { type: 'string', default: 'redhat' },
      repeat: { type: 'string', default: '5' },
      json: { type: 'string' },
    },
  });
  const size = values.size as DatasetSizeName;
  const repeat = Number(values.repeat);
  const loadStart = performance.now();
  const handle = await startInProcessEmulator({ size, latencyMs: 0 });
  const emulator = handle.local!;
  const loadSeconds = round((performance.now() - loadStart) / 1000, 1);
  const rssMiB = round(process.memoryUsage().rss / 2 ** 20, 0);
  console.error(
    `[cost] ${size}: ${handle.datasetCounts['jobs']} jobs, loaded in ${loadSeconds} s, rss ${rssMiB} MiB`,
  );
  const targets = await createTargets(handle, { identity: values.identity });
  const auth = handle.identities[values.identity]!;
  const client = new DciClient({ baseUrl: handle.url, auth });
  const store = emulator.store;

  // Learn the requests, each tagged with what sent it.
  const sourceOf = new Map<number, string>();
  const tag = (source: string) => {
    for (const e of emulator.log.entries()) if (!sourceOf.has(e.seq)) sourceOf.set(e.seq, source);
  };
  emulator.log.clear();
  for (const s of SCENARIOS) {
    await runVariant(targets, s, 'gateway');
    tag(s.id);
  }

  // The reference dashboard: topic list, a topic's matrix, a job page (deferred parts read).
  const dashboard = operationText('../client/operations/dashboard.graphql');
  const topicId = [...store.topics.values()].find((t) => t.state === 'active')!.id;
  for (const [operationName, variables] of [
    ['DashboardTopics', {}],
    ['TopicMatrix', { topicId }],
    ['JobPage', { id: targets.params.jobId }],
  ] as const) {
    const response = await targets.gateway.fetch('http://gateway.bench/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed, application/json',
        ...targets.headers,
      },
      body: JSON.stringify({ query: dashboard, operationName, variables }),
    });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"')) {
      console.error(`[cost] dashboard ${operationName}: ${text.slice(0, 300)}`);
    }
  }
  tag('dashboard');

  // The live pollers (src/live/poller.ts): baseline, changes since a cursor, one job.
  const job = store.jobs.get(targets.params.jobId)!;
  // A poll in steady state: the few jobs changed since the cursor.
  const recent = [...store.jobs.values()]
    .map((j) => j.updated_at)
    .sort()
    .at(-5)!;
  const live: Record<string, string>[] = [
    { query: `eq(topic_id,${job.topic_id})`, sort: '-updated_at', limit: '1', offset: '0' },
    { sort: '-updated_at', limit: '1', offset: '0' },
    {
      query: `and(eq(topic_id,${job.topic_id}),ge(updated_at,${recent}))`,
      sort: 'updated_at,id',
      limit: '100',
      offset: '0',
    },
    { query: `ge(updated_at,${recent})`, sort: 'updated_at,id', limit: '100', offset: '0' },
    { query: `eq(id,${job.id})`, sort: '-updated_at', limit: '1', offset: '0' },
  ];
  for (const params of live) await client.request('GET', '/jobs', { params });
  tag('live');

  // Common list shapes.
  const someJobs = [...store.jobs.keys()].slice(0, 40);
  const list: [string, Record<string, string>][] = [
    ['/jobs', { limit: '20', offset: '0' }],
    ['/jobs', { limit: '50', offset: '0', sort: '-created_at,id' }],
    ['/jobs', { limit: '50', offset: '1000', sort: '-updated_at,id' }],
    ['/jobs', { limit: '20', offset: '0', where: `team_id:${job.team_id}` }],
    ['/jobs', { limit: '20', offset: '0', where: 'status:failure' }],
    ['/jobs', { limit: '20', offset: '0', query: `eq(remoteci_id,${job.remoteci_id})` }],
    [
      '/jobs',
      { limit: '20', offset: '0', query: `and(eq(topic_id,${job.topic_id}),eq(status,failure))` },
    ],
    ['/jobs', { limit: '20', offset: '0', query: 'eq(status,running)', sort: 'created_at' }],
    [
      '/jobs',
      { limit: '200', offset: '0', query: `or(${someJobs.map((id) => `eq(id,${id})`).join(',')})` },
    ],
    ['/jobs', { limit: '20', offset: '0', query: 'ilike(name,%upgrade%)' }],
    ['/jobs', { limit: '20', offset: '0', sort: 'name' }],
    ['/components', { limit: '50', offset: '0' }],
    [`/topics/${job.topic_id}/components`, { limit: '20', offset: '0', sort: '-released_at' }],
    [`/topics/${job.topic_id}/components`, { limit: '20', offset: '0', where: 'type:ocp' }],
    [`/jobs/${job.id}/files`, { limit: '20', offset: '0' }],
    [`/jobs/${job.id}/results`, {}],
    ['/topics', { limit: '100', offset: '0', sort: 'name' }],
    ['/remotecis', { limit: '50', offset: '0' }],
  ];
  for (const [path, params] of list) {
    await client.request('GET', path, { params }).catch(() => {});
  }
  tag('list');
  const pipeline = job.pipeline_id ?? [...store.pipelines.keys()][0];
  await client.request('GET', '/stats', {});
  await client.request('GET', `/pipelines/${pipeline}/jobs`, {});
  tag('other');
  const learned = emulator.log.entries().map((e) => ({ ...e, source: sourceOf.get(e.seq)! }));

  // Replay each request `repeat` times and read its CPU time and size from the log.
  const costs = new Map<string, { source: string; ms: number[]; bytes: number[] }>();
  for (let i = 0; i < repeat; i++) {
    for (const e of learned) {
      emulator.log.clear();
      await client
        .request(e.method, e.path.replace(/^\/api\/v1/, ''), { params: e.query })
        .catch(() => {});
      const [replayed] = emulator.log.entries();
      if (!replayed) continue;
      const key = `${e.source}\n${shapeOf(e)}`;
      let c = costs.get(key);
      if (!c) {
        c = { source: e.source, ms: [], bytes: [] };
        costs.set(key, c);
      }
      c.ms.push(replayed.cpuMs);
      c.bytes.push(replayed.bytes);
    }
  }
  const rows: RouteCost[] = [...costs].map(([key, c]) => ({
    source: c.source,
    request: key.slice(key.indexOf('\n') + 1),
    requests: c.ms.length,
    cpuMsMedian: round(quantile(c.ms, 0.5), 3),
    cpuMsP95: round(quantile(c.ms, 0.95), 3),
    bytes: Math.round(quantile(c.bytes, 0.5)),
  }));
  printTable(rows);
  const budgeted = rows.filter((r) => !['list', 'other'].includes(r.source));
  const over = budgeted.filter((r) => r.cpuMsMedian > BUDGET_MS);
  console.log(
    `\n${size}: ${budgeted.length} request shapes of the scenarios, dashboard and pollers; ` +
      (over.length === 0
        ? `all within ${BUDGET_MS} ms of emulator CPU (median)`
        : `${over.length} above ${BUDGET_MS} ms: ${over.map((r) => r.request).join('; ')}`),
  );
  if (values.json) {
    const out = { size, loadSeconds, rssMiB, repeat, budgetMs: BUDGET_MS, routes: rows };
    writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`);
  }
  await handle.close();
  await closeAllPools();
}

/** A plain-text table, one row per request shape, in learning order. */
function printTable(rows: RouteCost[]): void {
  const head = ['source', 'CPU ms/req', 'p95', 'body bytes', 'n', 'request'];
  const cells = rows.map((r) => [
    r.source,
    `${r.cpuMsMedian.toFixed(2)}${r.cpuMsMedian > BUDGET_MS ? ' !' : ''}`,
    r.cpuMsP95.toFixed(2),
    String(r.bytes),
    String(r.requests),
    r.request.length > 150 ? `${r.request.slice(0, 147)}...` : r.request,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) =>
        i === 0 || i === c.length - 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  console.log(line(head));
  for (const c of cells) console.log(line(c));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

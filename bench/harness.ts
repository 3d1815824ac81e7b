/**
 * The benchmark harness: the three variants of every scenario and the measurements around
 * them. Everything here is bounded (a given number of runs) and talks to 127.0.0.1 only.
 *
 * Variants: (a) `gateway`, the gateway as src/main.ts builds it (`withOperations`, production
 * mode: limits, metrics; batching and priming on); (b) `naive`, the same with `batching: false`
 * (one request per load, the N+1 way) and its upstream budget lifted; (c) `rest`, the scenario
 * written by hand against the REST API (rest-baseline.ts). The physical limit (d) is not run:
 * it is the scenario's wave count times the injected latency (scenarios.ts).
 *
 * The gateway is called through `yoga.fetch` for the per-query figures (no socket between the
 * dashboard and the gateway, as the REST variant has none either); the throughput phase
 * (throughput.ts) goes through a real HTTP socket.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { DciClient } from '../src/dci/client.js';
import type { DciAuth } from '../src/dci/credentials.js';
import type { DciFile, DciJob, DciJobState } from '../src/dci/types.js';
import type { GatewayMetrics } from '../src/observability/metrics.js';
import { metricsOf, withOperations } from '../src/plugins/index.js';
import { createGateway, type Gateway } from '../src/server.js';
import type { EmulatorHandle } from './emulator-handle.js';
import { REST_BASELINE, type RestReader } from './rest-baseline.js';
import type { Scenario, ScenarioParams } from './scenarios.js';
import { firstDifference, mode, quantile, type Summary, summarize } from './stats.js';

/** The variants that are run, in report order. */
export type VariantId = 'gateway' | 'naive' | 'rest';

/** Labels of the variants (and of the physical limit) for tables. */
export const VARIANT_LABELS: Record<VariantId | 'physical', string> = {
  gateway: '(a) gateway',
  naive: '(b) gateway, batching off',
  rest: '(c) hand-written REST',
  physical: '(d) physical limit',
};

/** Every variant, in report order. */
export const VARIANTS: readonly VariantId[] = ['gateway', 'naive', 'rest'];

/** What the variants run against. */
export interface BenchTargets {
  emulator: EmulatorHandle;
  /** (a) the gateway, batching on. */
  gateway: Gateway;
  /** (b) the gateway, batching off. */
  naive: Gateway;
  /** (c) the REST client. */
  rest: RestReader;
  /** Headers carrying the identity's credentials to the gateway. */
  headers: Record<string, string>;
  /** The identity both the gateway's callers and the REST client use. */
  identity: string;
  /** Dataset values the scenarios need. */
  params: ScenarioParams;
  /** The metrics registry of (a), the gateway (its loader batch sizes). */
  gatewayMetrics: GatewayMetrics;
}

/** How to build the targets. */
export interface TargetOptions {
  /** Fixture identity name (default `redhat`, a read-only dashboard user). */
  identity?: string;
  /** Transport shared by the gateway and the REST client (default: the client's own pool). */
  dispatcher?: Dispatcher;
}

/** Upstream budget of the naive gateway: high enough never to refuse a scenario. */
const NAIVE_UPSTREAM_BUDGET = 100_000;

/** The headers a dashboard sends the gateway for these credentials (src/auth.ts). */
export function gatewayHeaders(auth: DciAuth): Record<string, string> {
  switch (auth.kind) {
    case 'hmac':
      return { 'x-dci-client-id': auth.accessKey, 'x-dci-api-secret': auth.secret };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}`,
      };
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
  }
}

/** Builds both gateways and the REST client over the emulator, and picks the scenario data. */
export async function createTargets(
  emulator: EmulatorHandle,
  options: TargetOptions = {},
): Promise<BenchTargets> {
  const identity = options.identity ?? 'redhat';
  const auth = emulator.identities[identity];
  if (!auth) {
    const known = Object.keys(emulator.identities).join(', ');
    throw new Error(`unknown identity '${identity}' (the emulator has: ${known})`);
  }
  const transport = options.dispatcher ? { dispatcher: options.dispatcher } : {};
  const common = { dciUrl: emulator.url, ...transport };
  const rest = new DciClient({ baseUrl: emulator.url, auth, ...transport });
  // As src/main.ts builds it: production settings, limits and metrics (logging silent).
  const gatewayOptions = withOperations({ ...common, batching: true }, { production: true });
  return {
    emulator,
    gateway: createGateway(gatewayOptions),
    gatewayMetrics: metricsOf(gatewayOptions),
    // The N+1 mode would trip the upstream budget (it refuses what it estimates above 200
    // requests): lifted, so (b) shows what the naive way costs instead of refusing.
    naive: createGateway(
      withOperations(
        { ...common, batching: false },
        { production: true, limits: { upstreamBudget: NAIVE_UPSTREAM_BUDGET } },
      ),
    ),
    rest,
    headers: gatewayHeaders(auth),
    identity,
    params: await pickParams(rest),
  };
}

/**
 * S3's job: among the newest 20 jobs, the one whose jobstates carry the most files (then the
 * most jobstates), so the detail page has something to show. Runs before any measurement.
 */
export async function pickParams(rest: RestReader): Promise<ScenarioParams> {
  const jobs = await rest.list<DciJob>('/jobs', { limit: 20, offset: 0, sort: ['-created_at'] });
  if (jobs.items.length === 0) throw new Error('the dataset has no job this identity can see');
  let best = { jobId: jobs.items[0]!.id, files: -1, states: -1 };
  for (const job of jobs.items) {
    const states = await rest.list<DciJobState>(`/jobs/${job.id}/jobstates`, {
      limit: 200,
      offset: 0,
    });
    const files = states.items.reduce(
      (n, s) => n + ((s.files as DciFile[] | undefined) ?? []).length,
      0,
    );
    if (files > best.files || (files === best.files && states.items.length > best.states)) {
      best = { jobId: job.id, files, states: states.items.length };
    }
  }
  return { jobId: best.jobId };
}

/** A GraphQL answer with errors: the variant did not do the scenario's work. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Sends the scenario's operation to a gateway (yoga.fetch) and returns `data`. */
export async function runGraphql(
  gateway: Gateway,
  headers: Record<string, string>,
  scenario: Scenario,
  params: ScenarioParams,
): Promise<unknown> {
  const response = await gateway.fetch('http://gateway.bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(params) }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.message).slice(0, 3);
    throw new ScenarioError(`${scenario.id}: GraphQL errors: ${codes.join(' | ')}`);
  }
  return body.data;
}

/** Runs one scenario once in one variant and returns its data. */
export function runVariant(
  targets: BenchTargets,
  scenario: Scenario,
  variant: VariantId,
): Promise<unknown> {
  switch (variant) {
    case 'gateway':
      return runGraphql(targets.gateway, targets.headers, scenario, targets.params);
    case 'naive':
      return runGraphql(targets.naive, targets.headers, scenario, targets.params);
    case 'rest':
      return REST_BASELINE[scenario.id](targets.rest, targets.params);
  }
}

/** One measured execution. */
export interface Sample {
  /** Wall time from the call to the complete data, in milliseconds. */
  ms: number;
  /** Upstream requests the emulator answered. */
  requests: number;
  /** Sequential waves among them. */
  waves: number;
  /** Mean time the emulator took per request (injected latency included). */
  upstreamMs: number;
  /** The data the variant returned. */
  data: unknown;
}

/** Runs the scenario once with a clean request log and reads the log afterwards. */
export async function measureOnce(
  targets: BenchTargets,
  scenario: Scenario,
  variant: VariantId,
): Promise<Sample> {
  await targets.emulator.clear();
  const start = performance.now();
  const data = await runVariant(targets, scenario, variant);
  const ms = performance.now() - start;
  const { count, waves, upstreamMs } = await targets.emulator.stats();
  return { ms, requests: count, waves, upstreamMs, data };
}

/** Latency figures of one variant of one scenario. */
export interface LatencyResult {
  /** Upstream requests per execution (the most frequent count; they should all be equal). */
  requests: number;
  /** Sequential waves per execution (the most frequent). */
  waves: number;
  /** Every execution's request count and waves (to spot variation). */
  requestCounts: number[];
  waveCounts: number[];
  wall: Summary;
  samples: number[];
  /** Median over the runs of the emulator's mean time per request (latency included). */
  upstreamMs: number;
}

/** How many executions a phase makes. */
export interface RunCounts {
  /** Unmeasured executions first (JIT, connection pools, caches). */
  warmup: number;
  /** And unmeasured executions until this many milliseconds have passed (default 0). */
  warmupMs?: number;
  /** Measured executions. */
  runs: number;
  /**
   * Time budget of the measured executions (ms): once spent, no further run starts, so a slow
   * upstream cannot stretch the benchmark without bound (at least `MIN_RUNS` still happen).
   */
  timeLimitMs?: number;
  /** And measured executions until this many milliseconds have passed (default 0). */
  minMs?: number;
}

/** Runs made even when the time budget is spent. */
export const MIN_RUNS = 3;

function budgetLeft(counts: RunCounts, started: number, done: number): boolean {
  if (done < Math.min(MIN_RUNS, counts.runs)) return true;
  const elapsed = performance.now() - started;
  if (counts.timeLimitMs !== undefined && elapsed >= counts.timeLimitMs) return false;
  return done < counts.runs || elapsed < (counts.minMs ?? 0);
}

/**
 * The latency phase of one scenario: warm-up, then `runs` rounds, each round running every
 * variant once in turn so that drift (GC, the other process) spreads over all variants alike.
 */
export async function measureLatency(
  targets: BenchTargets,
  scenario: Scenario,
  variants: readonly VariantId[],
  counts: RunCounts,
): Promise<Record<VariantId, LatencyResult>> {
  for (let i = 0; i < counts.warmup; i++) {
    for (const variant of variants) await runVariant(targets, scenario, variant);
  }
  const samples = new Map<VariantId, Sample[]>(variants.map((v) => [v, []]));
  const started = performance.now();
  for (let i = 0; budgetLeft(counts, started, i); i++) {
    for (const variant of variants) {
      const sample = await measureOnce(targets, scenario, variant);
      sample.data = null; // keep memory flat
      samples.get(variant)!.push(sample);
    }
  }
  const out = {} as Record<VariantId, LatencyResult>;
  for (const [variant, list] of samples) {
    const requestCounts = list.map((s) => s.requests);
    const waveCounts = list.map((s) => s.waves);
    const times = list.map((s) => s.ms);
    out[variant] = {
      requests: mode(requestCounts),
      waves: mode(waveCounts),
      requestCounts,
      waveCounts,
      wall: summarize(times),
      samples: times,
      upstreamMs: quantile(
        list.map((s) => s.upstreamMs),
        0.5,
      ),
    };
  }
  return out;
}

/** CPU cost of one variant of one scenario, measured with zero upstream latency. */
export interface CpuResult {
  /** User + system CPU time of this process per execution, in milliseconds. */
  cpuMsPerOp: number;
  /** Wall time per execution at zero latency, in milliseconds. */
  wallMsPerOp: number;
  /** Upstream requests per execution during the measurement. */
  requestsPerOp: number;
  /** CPU time of the emulator's process per execution (ms); null when it runs in-process. */
  emulatorCpuMsPerOp: number | null;
  runs: number;
}

/**
 * Unmeasured executions: `warmup` of them, and more until `warmupMs` have passed. Also for
 * `warmupMs`: until V8 has optimised the code a query passes once (plugins, context), not only
 * the per-field code. A gateway serves for days; 20 cold runs would measure the JIT instead.
 */
async function warm(run: () => Promise<unknown>, counts: RunCounts): Promise<void> {
  const warmStart = performance.now();
  const warmupMs = counts.warmupMs ?? 0;
  for (let i = 0; i < counts.warmup || performance.now() - warmStart < warmupMs; i++) {
    await run();
  }
}

/**
 * CPU time of this process per execution of `run`: `process.cpuUsage()` around `runs` sequential
 * executions, divided by `runs`. With the emulator in a child process this is the gateway's
 * (or the REST client's, or the framework floor's) own cost: GraphQL execution, signing, HTTP,
 * JSON.
 */
export async function measureCpuOf(
  emulator: EmulatorHandle,
  run: () => Promise<unknown>,
  counts: RunCounts,
): Promise<CpuResult> {
  await warm(run, counts);
  await emulator.clear();
  const emulatorCpu = await emulator.cpuMs();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let runs = 0;
  while (budgetLeft(counts, start, runs)) {
    await run();
    runs++;
  }
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const count = await emulator.count();
  const emulatorCpuAfter = await emulator.cpuMs();
  return {
    emulatorCpuMsPerOp:
      emulatorCpu === null || emulatorCpuAfter === null
        ? null
        : (emulatorCpuAfter - emulatorCpu) / runs,
    cpuMsPerOp: (used.user + used.system) / 1000 / runs,
    wallMsPerOp: wall / runs,
    requestsPerOp: count / runs,
    runs,
  };
}

/** Whether the variants returned the same data for a scenario. */
export interface ConsistencyResult {
  /** Variant -> null when its data equals the reference's (the gateway's), else the first difference. */
  differences: Partial<Record<VariantId, string | null>>;
  /** Request counts and waves of each variant's check run. */
  samples: Partial<Record<VariantId, { requests: number; waves: number }>>;
  /** Variants that failed (GraphQL errors, HTTP errors), with the reason. */
  failures: Partial<Record<VariantId, string>>;
}

/**
 * Runs every variant once and compares its data with the gateway's: the variants must do the
 * same work for the comparison to mean anything. A variant that fails is reported, not thrown.
 */
export async function checkConsistency(
  targets: BenchTargets,
  scenario: Scenario,
  variants: readonly VariantId[],
): Promise<ConsistencyResult> {
  const results = new Map<VariantId, Sample>();
  const failures: ConsistencyResult['failures'] = {};
  for (const variant of variants) {
    try {
      results.set(variant, await measureOnce(targets, scenario, variant));
    } catch (error) {
      failures[variant] = error instanceof Error ? error.message : String(error);
    }
  }
  const reference = results.get('gateway') ?? [...results.values()][0];
  const differences: ConsistencyResult['differences'] = {};
  const samples: ConsistencyResult['samples'] = {};
  for (const [variant, sample] of results) {
    differences[variant] = firstDifference(sample.data, reference?.data);
    samples[variant] = { requests: sample.requests, waves: sample.waves };
  }
  return { differences, samples, failures };
}

/** The gateway's histogram of keys per DataLoader batch (src/observability/metrics.ts). */
export const LOADER_BATCH_METRIC = 'dci_graphql_loader_batch_size';

/** One loader's batches, read from the gateway's `…loader_batch_size` histogram. */
export interface LoaderBatchFigures {
  loader: string;
  batches: number;
  keys: number;
  /** The smallest bucket bound holding every batch (null: some batch above the last bound). */
  maxAtMost: number | null;
}

/**
 * The gateway's DataLoader batches during one execution of the scenario: the metrics are
 * reset, the scenario runs once through (a), and the histogram `dci_graphql_loader_batch_size`
 * (observed by every loader, src/observability) gives batches and keys per loader.
 */
export async function measureLoaderBatches(
  targets: BenchTargets,
  scenario: Scenario,
): Promise<LoaderBatchFigures[]> {
  const { registry } = targets.gatewayMetrics;
  registry.resetMetrics();
  await runVariant(targets, scenario, 'gateway');
  const metric = registry.getSingleMetric(LOADER_BATCH_METRIC);
  if (!metric) return [];
  const { values } = await metric.get();
  const byLoader = new Map<string, LoaderBatchFigures & { buckets: [number, number][] }>();
  for (const v of values) {
    const loader = String(v.labels['loader'] ?? '');
    let entry = byLoader.get(loader);
    if (!entry) {
      entry = { loader, batches: 0, keys: 0, maxAtMost: null, buckets: [] };
      byLoader.set(loader, entry);
    }
    const name = (v as { metricName?: string }).metricName ?? '';
    if (name.endsWith('_count')) entry.batches = v.value;
    else if (name.endsWith('_sum')) entry.keys = v.value;
    else if (name.endsWith('_bucket') && v.labels['le'] !== '+Inf') {
      entry.buckets.push([Number(v.labels['le']), v.value]);
    }
  }
  const out: LoaderBatchFigures[] = [];
  for (const { buckets, ...entry } of byLoader.values()) {
    if (entry.batches === 0) continue;
    const full = buckets.sort((a, b) => a[0] - b[0]).find(([, count]) => count >= entry.batches);
    out.push({ ...entry, maxAtMost: full ? full[0] : null });
  }
  return out.sort((a, b) => a.loader.localeCompare(b.loader));
}

/**
 * CPU of several executions measured side by side: each is warmed (`warmup`, `warmupMs`), then
 * `rounds` rounds run every one in turn for a share of `runs` (and of `minMs`), so that a busy
 * moment of the machine (another process, a GC of the emulator) falls on all of them alike
 * instead of on the one measured then. The results add the rounds up.
 */
export async function measureCpuRounds<K extends string>(
  emulator: EmulatorHandle,
  runners: ReadonlyMap<K, () => Promise<unknown>>,
  counts: RunCounts,
  rounds: number,
): Promise<Map<K, CpuResult>> {
  for (const run of runners.values()) await warm(run, counts);
  const share: RunCounts = {
    warmup: 0,
    runs: Math.max(1, Math.ceil(counts.runs / rounds)),
    ...(counts.minMs === undefined ? {} : { minMs: counts.minMs / rounds }),
    ...(counts.timeLimitMs === undefined ? {} : { timeLimitMs: counts.timeLimitMs / rounds }),
  };
  const parts = new Map<K, CpuResult[]>([...runners.keys()].map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [key, run] of runners)
      parts.get(key)!.push(await measureCpuOf(emulator, run, share));
  }
  return new Map([...parts].map(([key, list]) => [key, addCpu(list)]));
}

/** CPU results of the same execution added up: per-execution figures weighted by runs. */
function addCpu(list: readonly CpuResult[]): CpuResult {
  const runs = list.reduce((n, r) => n + r.runs, 0);
  const total = (pick: (r: CpuResult) => number) =>
    list.reduce((sum, r) => sum + pick(r) * r.runs, 0) / runs;
  const emulatorKnown = list.every((r) => r.emulatorCpuMsPerOp !== null);
  return {
    cpuMsPerOp: total((r) => r.cpuMsPerOp),
    wallMsPerOp: total((r) => r.wallMsPerOp),
    requestsPerOp: total((r) => r.requestsPerOp),
    emulatorCpuMsPerOp: emulatorKnown ? total((r) => r.emulatorCpuMsPerOp!) : null,
    runs,
  };
}

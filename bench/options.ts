/**
 * Command-line flags of `npm run bench` (documented in bench/README.md and BENCHMARKS.md).
 * `npm run bench -- --quick` for a sanity run; the defaults are the committed full run: the
 * `demo`, `bench` and `large` datasets, each at 10 and 50 ms of upstream latency.
 */
import { parseArgs } from 'node:util';
import type { DatasetSizeName } from './emulator-handle.js';
import type { VariantId } from './harness.js';
import type { ScenarioId } from './scenarios.js';

/** Run counts and durations of one dataset size (larger datasets get fewer runs). */
export interface SizePlan {
  /** Latency phase: measured runs per scenario, variant and latency, and warm-up runs. */
  runs: number;
  warmup: number;
  /** CPU phase (zero latency): measured runs per scenario and variant. */
  cpuRuns: number;
  /**
   * CPU phase: seconds each variant runs unmeasured first, so that V8 has optimised the code a
   * query passes once (plugins, context) as well as the per-field code (default 0).
   */
  cpuWarmupS?: number;
  /** Seconds the latency phase may spend per scenario and latency (CPU phase: a third per variant). */
  timeLimitS: number;
  /** Throughput phase: seconds per measurement. */
  durationS: number;
}

/** Every setting of one benchmark run. */
export interface BenchOptions {
  /** Upstream latencies injected into every emulator request, one latency phase each (ms). */
  latencies: number[];
  /** Emulator datasets, one section of the report each, in this order. */
  sizes: DatasetSizeName[];
  /** Runs and durations per size. */
  plans: Record<DatasetSizeName, SizePlan>;
  /** Fixture identity the dashboard (gateway caller and REST client) uses. */
  identity: string;
  /** Scenarios to run. */
  scenarios: ScenarioId[];
  /** Throughput phase: connections and the variants measured (empty: skip). */
  connections: number;
  throughputVariants: VariantId[];
  /** Connections of the gateway's and the REST client's pool to DCI (null: the client's default). */
  upstreamConnections: number | null;
  /** Emulator in a child process (default) or in this process. */
  inProcessEmulator: boolean;
  /** JSON output file. */
  out: string;
  /** Whether to rewrite the sizes' sections of BENCHMARKS.md; the section of a single size. */
  markdown: boolean;
  section: string | null;
  /** The --quick preset was used. */
  quick: boolean;
}

/**
 * The default plans, sized so that the default run (demo, bench and large; latencies 10 and
 * 50 ms; every scenario) takes about 15 minutes on a quiet 2-core machine: `large` gets half
 * the runs and shorter throughput measurements (its dataset alone takes seconds to build).
 */
export const DEFAULT_PLANS: Record<DatasetSizeName, SizePlan> = {
  tiny: { runs: 20, warmup: 3, cpuRuns: 20, cpuWarmupS: 2, timeLimitS: 30, durationS: 15 },
  demo: { runs: 20, warmup: 3, cpuRuns: 20, cpuWarmupS: 2, timeLimitS: 30, durationS: 15 },
  bench: { runs: 20, warmup: 3, cpuRuns: 20, cpuWarmupS: 2, timeLimitS: 30, durationS: 15 },
  large: { runs: 10, warmup: 2, cpuRuns: 10, cpuWarmupS: 2, timeLimitS: 20, durationS: 10 },
};

/** The `--quick` plan, every size. */
const QUICK_PLAN: SizePlan = { runs: 5, warmup: 2, cpuRuns: 5, timeLimitS: 15, durationS: 3 };

const SIZES: readonly DatasetSizeName[] = ['tiny', 'demo', 'bench', 'large'];

/** The usage text of `npm run bench -- --help`. */
export const USAGE = `Usage: npm run bench -- [flags]

  --sizes LIST            emulator datasets, one report section each (default demo,bench,large;
                          tiny is 40 jobs, demo 400, bench 20,000, large 200,000)
  --size NAME             one dataset (shorthand for --sizes NAME)
  --latency LIST          upstream latencies per request, one latency phase each (default 10,50,
                          or the BENCH_LATENCY_MS environment variable)
  --quick                 sanity run: 5 runs, 2 warm-up, 5 CPU runs, 3 s throughput per
                          measurement; writes bench/results/quick.tmp.json, not BENCHMARKS.md
  --runs N                measured runs per scenario, variant and latency (default 20, 10 at
                          large)
  --warmup N              warm-up runs before them (default 3, 2 at large)
  --cpu-runs N            runs of the zero-latency CPU phase (default 20, 10 at large)
  --time-limit S          seconds the latency phase may spend per scenario and latency, and a
                          third of that per variant in the CPU phase, before it stops early
                          (default 30, 20 at large; at least 3 runs are made)
  --duration S            seconds per throughput measurement (default 15, 10 at large)
  --connections N         concurrent connections of the throughput phase (default 32)
  --throughput LIST       variants of the throughput phase: gateway (default), gateway,naive,
                          or none
  --scenarios LIST        scenarios to run (default S1,S2,S3,S4)
  --identity NAME         fixture identity (default redhat, a read-only user)
  --upstream-connections N  connections of the pool to DCI shared by the gateway and the
                          REST client (default: the client's own default)
  --in-process            run the emulator in this process (its CPU then counts as the gateway's)
  --out FILE              JSON results (default bench/results/latest.json)
  --section NAME          with one size: the generated section of BENCHMARKS.md to rewrite
                          (default: the size's name)
  --no-markdown           do not rewrite BENCHMARKS.md
  --help                  this text

The flags that set run counts apply to every size; without them each size has its own plan.
`;

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer >= ${min}, got '${raw}'`);
  }
  return value;
}

function list<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  if (raw === 'none') return [];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new Error(`--${name}: unknown '${item}' (expected ${allowed.join(', ')} or none)`);
    }
  }
  return items as T[];
}

function sectionName(raw: string): string {
  if (!/^[a-z0-9-]{1,40}$/.test(raw)) {
    throw new Error(`--section must be lower-case letters, digits or '-', got '${raw}'`);
  }
  return raw;
}

/** A comma-separated list of latencies in milliseconds (0 allowed), each once, in order. */
function latencyList(raw: string): number[] {
  const values = raw.split(',').map((s) => positiveInt('latency', s.trim(), 0, 0));
  if (values.length === 0) throw new Error('--latency needs at least one value');
  return [...new Set(values)];
}

/** Parses the flags (and BENCH_LATENCY_MS); throws with a readable message on bad input. */
export function parseOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      latency: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'cpu-runs': { type: 'string' },
      duration: { type: 'string' },
      'time-limit': { type: 'string' },
      connections: { type: 'string' },
      throughput: { type: 'string' },
      scenarios: { type: 'string' },
      size: { type: 'string' },
      sizes: { type: 'string' },
      identity: { type: 'string' },
      'upstream-connections': { type: 'string' },
      'in-process': { type: 'boolean' },
      out: { type: 'string' },
      'no-markdown': { type: 'boolean' },
      section: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  if (values.size !== undefined && values.sizes !== undefined) {
    throw new Error('--size and --sizes are the same setting: give one');
  }
  const sizes = list('sizes', values.size ?? values.sizes ?? 'demo,bench,large', SIZES);
  if (sizes.length === 0) throw new Error('--sizes needs at least one size');
  if (values.section !== undefined && sizes.length > 1) {
    throw new Error('--section names the section of one size: use it with --size');
  }
  const plans = {} as Record<DatasetSizeName, SizePlan>;
  for (const size of SIZES) {
    const base = quick ? QUICK_PLAN : DEFAULT_PLANS[size];
    plans[size] = {
      runs: positiveInt('runs', values.runs, base.runs),
      warmup: positiveInt('warmup', values.warmup, base.warmup, 0),
      cpuRuns: positiveInt('cpu-runs', values['cpu-runs'], base.cpuRuns),
      timeLimitS: positiveInt('time-limit', values['time-limit'], base.timeLimitS),
      durationS: positiveInt('duration', values.duration, base.durationS),
    };
  }
  return {
    latencies: latencyList(values.latency ?? env.BENCH_LATENCY_MS ?? '10,50'),
    sizes: [...new Set(sizes)],
    plans,
    identity: values.identity ?? 'redhat',
    scenarios: list('scenarios', values.scenarios ?? 'S1,S2,S3,S4', ['S1', 'S2', 'S3', 'S4']),
    connections: positiveInt('connections', values.connections, 32),
    throughputVariants: list('throughput', values.throughput ?? 'gateway', ['gateway', 'naive']),
    upstreamConnections:
      values['upstream-connections'] === undefined
        ? null
        : positiveInt('upstream-connections', values['upstream-connections'], 32),
    inProcessEmulator: values['in-process'] ?? false,
    out: values.out ?? (quick ? 'bench/results/quick.tmp.json' : 'bench/results/latest.json'),
    markdown: !(values['no-markdown'] ?? quick),
    section: values.section === undefined ? null : sectionName(values.section),
    quick,
  };
}

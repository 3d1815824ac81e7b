/**
 * Command-line flags of `npm run bench` (documented in bench/README.md and BENCHMARKS.md).
 * `npm run bench -- --quick` for a sanity run; the defaults are the committed full run.
 */
import { parseArgs } from 'node:util';
import type { DatasetSizeName } from './emulator-handle.js';
import type { VariantId } from './harness.js';
import type { ScenarioId } from './scenarios.js';

/** Every setting of one benchmark run. */
export interface BenchOptions {
  /** Upstream latency injected into every emulator request for the latency phase (ms). */
  latencyMs: number;
  /** Emulator dataset. */
  size: DatasetSizeName;
  /** Fixture identity the dashboard (gateway caller and REST client) uses. */
  identity: string;
  /** Scenarios to run. */
  scenarios: ScenarioId[];
  /** Latency phase: measured runs per scenario and variant, and warm-up runs before them. */
  runs: number;
  warmup: number;
  /** CPU phase (zero latency): measured runs per scenario and variant. */
  cpuRuns: number;
  /** Seconds the latency phase may spend per scenario (the CPU phase a third per variant). */
  timeLimitS: number;
  /** Throughput phase: connections, seconds per measurement, variants measured (empty: skip). */
  connections: number;
  durationS: number;
  throughputVariants: VariantId[];
  /** Connections of the gateway's and the REST client's pool to DCI (null: the client's default). */
  upstreamConnections: number | null;
  /** Emulator in a child process (default) or in this process. */
  inProcessEmulator: boolean;
  /** JSON output file. */
  out: string;
  /** Whether to rewrite a results section of BENCHMARKS.md, and which one. */
  markdown: boolean;
  section: string;
  /** The --quick preset was used. */
  quick: boolean;
}

/** The usage text of `npm run bench -- --help`. */
export const USAGE = `Usage: npm run bench -- [flags]

  --quick                 sanity run: 5 runs, 2 warm-up, 5 CPU runs, 3 s throughput per
                          measurement; writes bench/results/quick.tmp.json, not BENCHMARKS.md
  --latency MS            upstream latency per request in the latency phase (default 10,
                          or the BENCH_LATENCY_MS environment variable)
  --runs N                measured runs per scenario and variant (default 20)
  --warmup N              warm-up runs before them (default 3)
  --cpu-runs N            runs of the zero-latency CPU phase (default 20)
  --time-limit S          seconds the latency phase may spend per scenario, and a third of
                          that per variant in the CPU phase, before it stops early (default
                          30; at least 3 runs are made)
  --duration S            seconds per throughput measurement (default 20)
  --connections N         concurrent connections of the throughput phase (default 32)
  --throughput LIST       variants of the throughput phase: gateway (default), gateway,naive,
                          or none
  --scenarios LIST        scenarios to run (default S1,S2,S3,S4)
  --size NAME             emulator dataset: tiny, demo, bench or large (default bench;
                          large is 200,000 jobs, built in the emulator's process)
  --identity NAME         fixture identity (default redhat, a read-only user)
  --upstream-connections N  connections of the pool to DCI shared by the gateway and the
                          REST client (default: the client's own default, 32)
  --in-process            run the emulator in this process (its CPU then counts as the gateway's)
  --out FILE              JSON results (default bench/results/latest.json)
  --section NAME          the generated section of BENCHMARKS.md to rewrite (default results;
                          another name adds or replaces a second section, e.g. demo)
  --no-markdown           do not rewrite the results section of BENCHMARKS.md
  --help                  this text
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
  const size = values.size ?? 'bench';
  if (size !== 'tiny' && size !== 'demo' && size !== 'bench' && size !== 'large') {
    throw new Error(`--size must be tiny, demo, bench or large, got '${size}'`);
  }
  return {
    latencyMs: positiveInt('latency', values.latency ?? env.BENCH_LATENCY_MS, 10, 0),
    size,
    identity: values.identity ?? 'redhat',
    scenarios: list('scenarios', values.scenarios ?? 'S1,S2,S3,S4', ['S1', 'S2', 'S3', 'S4']),
    runs: positiveInt('runs', values.runs, quick ? 5 : 20),
    warmup: positiveInt('warmup', values.warmup, quick ? 2 : 3, 0),
    cpuRuns: positiveInt('cpu-runs', values['cpu-runs'], quick ? 5 : 20),
    timeLimitS: positiveInt('time-limit', values['time-limit'], quick ? 15 : 30),
    connections: positiveInt('connections', values.connections, 32),
    durationS: positiveInt('duration', values.duration, quick ? 3 : 20),
    throughputVariants: list('throughput', values.throughput ?? 'gateway', ['gateway', 'naive']),
    upstreamConnections:
      values['upstream-connections'] === undefined
        ? null
        : positiveInt('upstream-connections', values['upstream-connections'], 32),
    inProcessEmulator: values['in-process'] ?? false,
    out: values.out ?? (quick ? 'bench/results/quick.tmp.json' : 'bench/results/latest.json'),
    markdown: !(values['no-markdown'] ?? quick),
    section: sectionName(values.section ?? 'results'),
    quick,
  };
}

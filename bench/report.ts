/**
 * The benchmark's report: the JSON document written under bench/results/ (stable keys, for
 * comparing runs) and the Markdown tables printed to stdout and placed in BENCHMARKS.md
 * between two marker comments, so the hand-written reading around them survives a re-run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';
import { type CpuResult, type LatencyResult, VARIANT_LABELS, type VariantId } from './harness.js';
import type { ScenarioId } from './scenarios.js';
import { ratio, round, type Summary } from './stats.js';
import type { ThroughputResult } from './throughput.js';

/** The machine the run happened on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started and when it ended (other work on the machine). */
  loadAverageStart: number;
  loadAverageEnd: number;
}

/** Figures of one variant of one scenario. */
export interface VariantFigures {
  /** Upstream requests per execution (most frequent over the measured runs). */
  requests: number;
  /** Sequential waves per execution (most frequent). */
  waves: number;
  /** Distinct request counts and wave counts seen (more than one value: variation). */
  requestCountsSeen: number[];
  waveCountsSeen: number[];
  /** Wall time with the injected latency, in milliseconds. */
  wallMs: Summary;
  /** Mean time the emulator took per request, injected latency included (ms). */
  upstreamMsPerRequest: number;
  /** CPU time of the benchmark process per execution at zero latency (ms); null if not run. */
  cpuMsPerOp: number | null;
  /** CPU time of the emulator's process per execution at zero latency (ms). */
  emulatorCpuMsPerOp: number | null;
  /** Wall time per execution at zero latency (ms). */
  wallMsAtZeroLatency: number | null;
  /** null when the variant returned the gateway's data, else where it first differed. */
  dataDifference: string | null;
}

/** Ratios of one variant to the references (wall time medians, request counts). */
export interface Ratios {
  wallVsNaive: number | null;
  wallVsRest: number | null;
  wallVsPhysical: number | null;
  requestsVsNaive: number | null;
  requestsVsRest: number | null;
}

/** One scenario's latency phase at one injected latency. */
export interface LatencyReport {
  latencyMs: number;
  /** The physical limit at this latency: the scenario's waves times the latency. */
  physicalMs: number;
  variants: Partial<Record<VariantId, VariantFigures>>;
  ratios: Partial<Record<VariantId, Ratios>>;
}

/** One DataLoader's batches during one execution of a scenario (the gateway's metrics). */
export interface LoaderBatches {
  loader: string;
  /** Batches dispatched per execution. */
  batches: number;
  /** Keys over all those batches. */
  keys: number;
  /** Upper bound of the largest batch (`dci_graphql_loader_batch_size` bucket; null above 200). */
  maxAtMost: number | null;
}

/** Everything measured for one scenario. */
export interface ScenarioReport {
  id: ScenarioId;
  title: string;
  query: string;
  physical: { waves: number; reason: string };
  /** The latency phase, one entry per injected latency (in the order given). */
  latencies: LatencyReport[];
  throughput: Partial<Record<VariantId, ThroughputResult>>;
  /** The gateway's loader batches in one execution (empty: none observed). */
  loaderBatches: LoaderBatches[];
  /** Yoga alone answering the scenario from memory (bench/floor.ts); null when not measured. */
  floor: FloorFigures | null;
}

/** The CPU table's label of the floor (bench/floor.ts). */
export const FLOOR_LABEL = '(e) Yoga alone, answer from memory';

/** CPU of the framework's floor for one scenario: Yoga and graphql-js, no gateway code. */
export interface FloorFigures {
  cpuMsPerOp: number;
  wallMsPerOp: number;
  runs: number;
}

/** The floor's figures, rounded (null when it was not measured). */
export function floorFigures(cpu: CpuResult | undefined): FloorFigures | null {
  if (!cpu) return null;
  return {
    cpuMsPerOp: round(cpu.cpuMsPerOp, 3),
    wallMsPerOp: round(cpu.wallMsPerOp, 2),
    runs: cpu.runs,
  };
}

/** One dataset size's part of a run. */
export interface SizeReport {
  size: string;
  datasetCounts: Record<string, number>;
  /** Run counts and durations used at this size. */
  plan: Record<string, number>;
  /** Seconds the emulator took to build its dataset and listen. */
  emulatorStartS: number;
  elapsedS: number;
  loadAverageStart: number;
  loadAverageEnd: number;
  scenarios: ScenarioReport[];
  memory: MemoryFigures;
  targets: TargetCheck[];
  warnings: string[];
}

/** One of the targets, checked (reported, never asserted). */
export interface TargetCheck {
  target: string;
  scenario: ScenarioId;
  value: string;
  met: boolean;
}

/** Resident memory of the benchmark process at each phase, in MiB. */
export interface MemoryFigures {
  rssStartMiB: number;
  rssAfterLatencyMiB: number | null;
  rssAfterCpuMiB: number | null;
  rssAfterThroughputMiB: number | null;
  rssPeakMiB: number;
}

/** The whole JSON document of one run: the settings, then one part per dataset size. */
export interface BenchReport {
  schema: 'dci-graphql-bench/2';
  startedAt: string;
  finishedAt: string;
  elapsedS: number;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  sizes: SizeReport[];
}

/** CPU model, cores, memory, Node version and OS of this machine. */
export function machineInfo(loadAverageStart: number): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    loadAverageStart: round(loadAverageStart),
    loadAverageEnd: round(loadavg()[0] ?? 0),
  };
}

/** Combines a variant's latency, CPU and consistency results. */
export function variantFigures(
  latency: LatencyResult,
  cpu: CpuResult | undefined,
  dataDifference: string | null,
): VariantFigures {
  return {
    requests: latency.requests,
    waves: latency.waves,
    requestCountsSeen: [...new Set(latency.requestCounts)].sort((a, b) => a - b),
    waveCountsSeen: [...new Set(latency.waveCounts)].sort((a, b) => a - b),
    wallMs: roundSummary(latency.wall),
    upstreamMsPerRequest: round(latency.upstreamMs),
    cpuMsPerOp: cpu ? round(cpu.cpuMsPerOp, 3) : null,
    emulatorCpuMsPerOp: cpu?.emulatorCpuMsPerOp == null ? null : round(cpu.emulatorCpuMsPerOp, 3),
    wallMsAtZeroLatency: cpu ? round(cpu.wallMsPerOp, 2) : null,
    dataDifference,
  };
}

function roundSummary(s: Summary): Summary {
  return {
    n: s.n,
    median: round(s.median),
    p95: round(s.p95),
    min: round(s.min),
    max: round(s.max),
    mean: round(s.mean),
  };
}

/** Ratios of every variant to (b), (c) and (d). */
export function computeRatios(
  variants: Partial<Record<VariantId, VariantFigures>>,
  physicalMs: number,
): Partial<Record<VariantId, Ratios>> {
  const out: Partial<Record<VariantId, Ratios>> = {};
  const naive = variants.naive;
  const rest = variants.rest;
  for (const [id, v] of Object.entries(variants) as [VariantId, VariantFigures][]) {
    const r = (x: number | null) => (x === null ? null : round(x, 2));
    out[id] = {
      wallVsNaive: r(ratio(v.wallMs.median, naive?.wallMs.median)),
      wallVsRest: r(ratio(v.wallMs.median, rest?.wallMs.median)),
      wallVsPhysical: r(ratio(v.wallMs.median, physicalMs)),
      requestsVsNaive: r(ratio(v.requests, naive?.requests)),
      requestsVsRest: r(ratio(v.requests, rest?.requests)),
    };
  }
  return out;
}

/**
 * The targets: the gateway's wall time within 1.3x of the physical limit at every
 * injected latency; its requests never more than the hand-written REST client's; on S2 at
 * least 5x fewer than naive; its CPU per query at most 1.2x the REST client's.
 */
export function checkTargets(scenarios: readonly ScenarioReport[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of scenarios) {
    for (const l of s.latencies) {
      const r = l.ratios.gateway;
      if (r?.wallVsPhysical == null) continue;
      checks.push({
        target: `gateway wall time <= 1.3x physical limit at ${l.latencyMs} ms`,
        scenario: s.id,
        value: `${fmt(r.wallVsPhysical)}x`,
        met: r.wallVsPhysical <= 1.3,
      });
    }
    const first = s.latencies[0];
    const gw = first?.variants.gateway;
    if (!first || !gw) continue;
    const rest = first.variants.rest;
    const naive = first.variants.naive;
    if (rest) {
      checks.push({
        target: 'gateway upstream requests <= hand-written REST',
        scenario: s.id,
        value: `${gw.requests} vs ${rest.requests}`,
        met: gw.requests <= rest.requests,
      });
    }
    if (s.id === 'S2' && naive) {
      const factor = naive.requests / Math.max(1, gw.requests);
      checks.push({
        target: 'gateway upstream requests >= 5x fewer than naive',
        scenario: s.id,
        value: `${gw.requests} vs ${naive.requests} (${fmt(factor, 1)}x fewer)`,
        met: factor >= 5,
      });
    }
    const cpuRatio = ratio(gw.cpuMsPerOp, rest?.cpuMsPerOp);
    if (cpuRatio !== null) {
      checks.push({
        target: "gateway CPU per query <= 1.2x the REST client's",
        scenario: s.id,
        value: `${fmt(gw.cpuMsPerOp)} vs ${fmt(rest?.cpuMsPerOp)} ms (${fmt(cpuRatio)}x)`,
        met: cpuRatio <= 1.2,
      });
    }
  }
  return checks;
}

/** Per variant: the emulator's CPU per upstream request at zero latency (ms), or null. */
export function emulatorCpuPerRequest(v: VariantFigures | undefined): number | null {
  if (!v || v.emulatorCpuMsPerOp === null || v.requests === 0) return null;
  return v.emulatorCpuMsPerOp / v.requests;
}

function fmt(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i < 2 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/**
 * The Markdown section of one dataset size: settings, one per-query table per injected latency
 * (ratios to (b), (c) and the physical limit at that latency), CPU at zero latency with the
 * emulator's CPU per request, loader batch sizes, throughput, targets, memory, warnings.
 */
export function renderMarkdown(report: BenchReport, part: SizeReport): string {
  const s = report.settings as {
    latencies: number[];
    connections: number;
    identity: string;
    emulator: string;
    upstreamConnections: number;
  };
  const p = part.plan as {
    runs: number;
    warmup: number;
    cpuRuns: number;
    durationS: number;
    timeLimitS: number;
  };
  const m = report.machine;
  const out: string[] = [];
  out.push(
    `Run of ${report.finishedAt} (this size: ${round(part.elapsedS, 0)} s of the run's ${round(report.elapsedS, 0)} s).`,
  );
  out.push('');
  out.push(
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.os}; 1-minute load average ${part.loadAverageStart} before this size (${part.loadAverageEnd} after it, the run's own load included)`,
  );
  const counts = Object.entries(part.datasetCounts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  out.push(
    `- Dataset \`${part.size}\` (${counts}), built and served by the emulator in ${fmt(part.emulatorStartS, 1)} s; identity \`${s.identity}\`; emulator in a ${s.emulator}; gateway -> DCI pool of ${s.upstreamConnections} connections`,
  );
  out.push(
    `- Runs: ${p.runs} measured after ${p.warmup} warm-up per scenario, variant and latency (variants interleaved; at most ${p.timeLimitS} s per scenario and latency); CPU: ${p.cpuRuns} sequential runs at zero latency; throughput: ${s.connections} connections for ${p.durationS} s at zero latency`,
  );
  const latencies = part.scenarios[0]?.latencies.map((l) => l.latencyMs) ?? s.latencies;
  for (const latencyMs of latencies) {
    out.push('');
    out.push(`### Per query, upstream latency ${latencyMs} ms`);
    out.push('');
    out.push(
      `ms/upstream req: the emulator's mean time per request (arrival to last byte), the ${latencyMs} ms of injected latency included. Ratios divide the row's median wall time by the median of (b), (c) or the physical limit (d) at this latency.`,
    );
    out.push('');
    const rows: string[][] = [];
    for (const sc of part.scenarios) {
      const l = sc.latencies.find((x) => x.latencyMs === latencyMs);
      if (!l) continue;
      for (const id of ['gateway', 'naive', 'rest'] as VariantId[]) {
        const v = l.variants[id];
        if (!v) continue;
        const r = l.ratios[id];
        const varies = v.requestCountsSeen.length > 1 ? ` (${v.requestCountsSeen.join('–')})` : '';
        const wavesVary = v.waveCountsSeen.length > 1 ? ` (${v.waveCountsSeen.join('–')})` : '';
        rows.push([
          `${sc.id} ${sc.title}`,
          VARIANT_LABELS[id] + (v.dataDifference ? ' ⚠ data differs' : ''),
          `${v.requests}${varies}`,
          `${v.waves}${wavesVary}`,
          fmt(v.upstreamMsPerRequest, 1),
          fmt(v.wallMs.median, 1),
          fmt(v.wallMs.p95, 1),
          fmt(r?.wallVsNaive),
          fmt(r?.wallVsRest),
          fmt(r?.wallVsPhysical),
        ]);
      }
      rows.push([
        `${sc.id} ${sc.title}`,
        VARIANT_LABELS.physical,
        '–',
        String(sc.physical.waves),
        fmt(latencyMs, 1),
        fmt(l.physicalMs, 1),
        '–',
        '–',
        '–',
        '1.00',
      ]);
    }
    out.push(
      table(
        [
          'Scenario',
          'Variant',
          'Upstream requests',
          'Waves',
          'ms/upstream req',
          'Median ms',
          'p95 ms',
          '÷ (b)',
          '÷ (c)',
          '÷ (d)',
        ],
        rows,
      ),
    );
  }
  out.push('');
  out.push('Physical limit (d): the fewest sequential waves REST forces, times the latency:');
  out.push('');
  for (const sc of part.scenarios) {
    out.push(`- ${sc.id}: ${sc.physical.waves} wave(s): ${sc.physical.reason}.`);
  }

  out.push('');
  out.push('### CPU per query (zero upstream latency)');
  out.push('');
  out.push(
    "Client CPU: user+system time per query of the benchmark process (the gateway, or the REST client for (c)). Emulator CPU: the same for the emulator's process (DCI's stand-in), per query and per upstream request.",
  );
  out.push('');
  const cpuRows: string[][] = [];
  for (const sc of part.scenarios) {
    const l = sc.latencies[0];
    if (!l) continue;
    const rest = l.variants.rest;
    for (const id of ['gateway', 'naive', 'rest'] as VariantId[]) {
      const v = l.variants[id];
      if (!v) continue;
      cpuRows.push([
        `${sc.id} ${sc.title}`,
        VARIANT_LABELS[id],
        fmt(v.cpuMsPerOp),
        id === 'rest' ? '1.00' : fmt(ratio(v.cpuMsPerOp, rest?.cpuMsPerOp)),
        fmt(v.wallMsAtZeroLatency, 1),
        fmt(v.emulatorCpuMsPerOp),
        fmt(emulatorCpuPerRequest(v)),
      ]);
    }
    if (sc.floor) {
      cpuRows.push([
        `${sc.id} ${sc.title}`,
        FLOOR_LABEL,
        fmt(sc.floor.cpuMsPerOp),
        fmt(ratio(sc.floor.cpuMsPerOp, rest?.cpuMsPerOp)),
        fmt(sc.floor.wallMsPerOp, 1),
        '–',
        '–',
      ]);
    }
  }
  out.push(
    table(
      [
        'Scenario',
        'Variant',
        'Client CPU ms/query',
        '÷ (c) CPU',
        'Wall ms/query',
        'Emulator CPU ms/query',
        'Emulator CPU ms/request',
      ],
      cpuRows,
    ),
  );
  const floors = part.scenarios.flatMap((sc) => {
    const rest = sc.latencies[0]?.variants.rest?.cpuMsPerOp;
    const least = sc.floor && rest ? (sc.floor.cpuMsPerOp + rest) / rest : null;
    return least === null ? [] : [`${sc.id} ${fmt(least)}x`];
  });
  if (floors.length > 0) {
    out.push('');
    out.push(
      `${FLOOR_LABEL}: graphql-yoga alone, with the gateway's schema and graphql-js's default resolvers, serving the gateway's own answer from memory (bench/floor.ts): no upstream, no loaders, no plugin of the gateway. A Yoga gateway pays at least this plus the upstream work the REST client does, so its CPU cannot fall below (e) + (c), in multiples of (c): ${floors.join(', ')}.`,
    );
  }

  const batchRows: string[][] = [];
  for (const sc of part.scenarios) {
    for (const b of sc.loaderBatches) {
      batchRows.push([
        `${sc.id} ${sc.title}`,
        b.loader,
        String(b.batches),
        String(b.keys),
        fmt(b.keys / Math.max(1, b.batches), 1),
        b.maxAtMost === null ? '> 200' : `<= ${b.maxAtMost}`,
      ]);
    }
  }
  out.push('');
  out.push("### Loader batches (the gateway's `dci_graphql_loader_batch_size`, one query)");
  out.push('');
  out.push(
    batchRows.length > 0
      ? table(['Scenario', 'Loader', 'Batches', 'Keys', 'Keys/batch', 'Largest batch'], batchRows)
      : 'No DataLoader batch was observed.',
  );

  const tputRows: string[][] = [];
  for (const sc of part.scenarios) {
    for (const id of ['gateway', 'naive'] as VariantId[]) {
      const t = sc.throughput[id];
      if (!t) continue;
      tputRows.push([
        `${sc.id} ${sc.title}`,
        VARIANT_LABELS[id],
        fmt(t.requestsPerSecond, 0),
        fmt(t.latencyP50Ms, 0),
        fmt(t.latencyP99Ms, 0),
        fmt(t.upstreamPerOp, 1),
        fmt(t.cpuMsPerOp),
        fmt(t.emulatorCpuMsPerOp),
        String(t.errors + t.non2xx + t.mismatches),
      ]);
    }
  }
  if (tputRows.length > 0) {
    out.push('');
    out.push(
      `### Throughput (zero upstream latency, ${s.connections} connections, ${p.durationS} s each, over HTTP)`,
    );
    out.push('');
    out.push(
      table(
        [
          'Scenario',
          'Variant',
          'Queries/s',
          'p50 ms',
          'p99 ms',
          'Upstream req/query',
          'Gateway CPU ms/query',
          'Emulator CPU ms/query',
          'Errors',
        ],
        tputRows,
      ),
    );
  }
  out.push('');
  out.push('### Targets (reported, not asserted)');
  out.push('');
  out.push(
    table(
      ['Target', 'Scenario', 'Value', 'Met'],
      part.targets.map((t) => [t.target, t.scenario, t.value, t.met ? 'yes' : '**no**']),
    ),
  );
  const mem = part.memory;
  out.push('');
  out.push(
    `### Memory (benchmark process: gateway, REST client, harness)\n\nRSS at start ${fmt(mem.rssStartMiB, 0)} MiB; after the latency phase ${fmt(mem.rssAfterLatencyMiB, 0)} MiB; after the CPU phase ${fmt(mem.rssAfterCpuMiB, 0)} MiB; after the throughput phase ${fmt(mem.rssAfterThroughputMiB, 0)} MiB; peak ${fmt(mem.rssPeakMiB, 0)} MiB.`,
  );
  if (part.warnings.length > 0) {
    out.push('');
    out.push('### Warnings');
    out.push('');
    for (const w of part.warnings) out.push(`- ${w}`);
  }
  return out.join('\n');
}

/** Markers delimiting a generated section of BENCHMARKS.md (one per dataset size). */
export function markers(section: string): { start: string; end: string } {
  return {
    start: `<!-- bench:${section}:start (generated by npm run bench; edit outside the markers) -->`,
    end: `<!-- bench:${section}:end -->`,
  };
}

/** Writes the JSON report, creating its directory. */
export function writeJson(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Replaces a generated section of BENCHMARKS.md (between its markers), keeping the text around
 * it; appends the section when the file has no such markers, and creates the file from
 * `template` when it does not exist.
 */
export function updateMarkdown(
  path: string,
  content: string,
  template: string,
  section: string,
): void {
  const { start: open, end: close } = markers(section);
  const block = `${open}\n\n${content}\n\n${close}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(open);
  const end = current.indexOf(close);
  let next: string;
  if (start >= 0 && end > start) {
    next = current.slice(0, start) + block + current.slice(end + close.length);
  } else if (current) {
    next = `${current.trimEnd()}\n\n${block}\n`;
  } else {
    next = template.replace('{{RESULTS}}', block);
  }
  writeFileSync(path, next);
}

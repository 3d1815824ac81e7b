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

/** Everything measured for one scenario. */
export interface ScenarioReport {
  id: ScenarioId;
  title: string;
  query: string;
  physical: { waves: number; ms: number; reason: string };
  variants: Partial<Record<VariantId, VariantFigures>>;
  ratios: Partial<Record<VariantId, Ratios>>;
  throughput: Partial<Record<VariantId, ThroughputResult>>;
}

/** One of the issue's targets, checked (reported, never asserted). */
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

/** The whole JSON document of one run. */
export interface BenchReport {
  schema: 'dci-graphql-bench/1';
  startedAt: string;
  finishedAt: string;
  elapsedS: number;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  scenarios: ScenarioReport[];
  memory: MemoryFigures;
  targets: TargetCheck[];
  warnings: string[];
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
 * The issue's targets: S1-S3 gateway wall time within 1.3x of the physical limit; gateway
 * requests never more than the hand-written REST client's; on S2 at least 5x fewer than naive.
 */
export function checkTargets(scenarios: readonly ScenarioReport[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of scenarios) {
    const gw = s.variants.gateway;
    if (!gw) continue;
    const ratios = s.ratios.gateway;
    if (s.id !== 'S4' && ratios?.wallVsPhysical != null) {
      checks.push({
        target: 'gateway wall time <= 1.3x physical limit',
        scenario: s.id,
        value: `${fmt(ratios.wallVsPhysical)}x`,
        met: ratios.wallVsPhysical <= 1.3,
      });
    }
    if (s.variants.rest) {
      checks.push({
        target: 'gateway upstream requests <= hand-written REST',
        scenario: s.id,
        value: `${gw.requests} vs ${s.variants.rest.requests}`,
        met: gw.requests <= s.variants.rest.requests,
      });
    }
    if (s.id === 'S2' && s.variants.naive) {
      const factor = s.variants.naive.requests / Math.max(1, gw.requests);
      checks.push({
        target: 'gateway upstream requests >= 5x fewer than naive',
        scenario: s.id,
        value: `${gw.requests} vs ${s.variants.naive.requests} (${fmt(factor, 1)}x fewer)`,
        met: factor >= 5,
      });
    }
  }
  return checks;
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

/** The Markdown results section: settings, per-query table, throughput, targets, memory. */
export function renderMarkdown(report: BenchReport): string {
  const s = report.settings as {
    latencyMs: number;
    runs: number;
    warmup: number;
    cpuRuns: number;
    connections: number;
    durationS: number;
    size: string;
    identity: string;
    emulator: string;
    upstreamConnections: number;
    datasetCounts?: Record<string, number>;
  };
  const m = report.machine;
  const out: string[] = [];
  out.push(`Run of ${report.finishedAt} (${round(report.elapsedS, 0)} s).`);
  out.push('');
  out.push(
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.os}; 1-minute load average ${m.loadAverageStart} before the run (${m.loadAverageEnd} at its end, its own load included)`,
  );
  out.push(
    `- Settings: upstream latency ${s.latencyMs} ms per request; dataset \`${s.size}\`${
      s.datasetCounts
        ? ` (${Object.entries(s.datasetCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')})`
        : ''
    }; identity \`${s.identity}\`; emulator in a ${s.emulator}; gateway -> DCI pool of ${s.upstreamConnections} connections`,
  );
  out.push(
    `- Runs: ${s.runs} measured after ${s.warmup} warm-up per scenario and variant (variants interleaved); CPU: ${s.cpuRuns} sequential runs at zero latency; throughput: ${s.connections} connections for ${s.durationS} s at zero latency`,
  );
  out.push('');
  out.push(`### Per query (upstream latency ${s.latencyMs} ms)`);
  out.push('');
  out.push(
    "ms/upstream req: the emulator's mean time per request (arrival to last byte), injected latency included (what one round trip really cost). Ratios divide the row's median wall time by the median of (b), (c) or the physical limit (d). Client CPU: user+system time per query of the benchmark process (the gateway, or the REST client for (c)) at zero latency; emulator CPU: the same for the emulator's own process (it stands in for DCI's servers).",
  );
  out.push('');
  const rows: string[][] = [];
  for (const sc of report.scenarios) {
    for (const id of ['gateway', 'naive', 'rest'] as VariantId[]) {
      const v = sc.variants[id];
      if (!v) continue;
      const r = sc.ratios[id];
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
        fmt(v.cpuMsPerOp),
        fmt(v.emulatorCpuMsPerOp),
      ]);
    }
    rows.push([
      `${sc.id} ${sc.title}`,
      VARIANT_LABELS.physical,
      '–',
      String(sc.physical.waves),
      fmt(s.latencyMs, 1),
      fmt(sc.physical.ms, 1),
      '–',
      '–',
      '–',
      '1.00',
      '–',
      '–',
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
        'Client CPU ms/query',
        'Emulator CPU ms/query',
      ],
      rows,
    ),
  );
  out.push('');
  out.push('Physical limit (d): the fewest sequential waves REST forces, times the latency:');
  out.push('');
  for (const sc of report.scenarios) {
    out.push(`- ${sc.id}: ${sc.physical.waves} wave(s): ${sc.physical.reason}.`);
  }
  const tputRows: string[][] = [];
  for (const sc of report.scenarios) {
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
      `### Throughput (zero upstream latency, ${s.connections} connections, ${s.durationS} s each, over HTTP)`,
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
      report.targets.map((t) => [t.target, t.scenario, t.value, t.met ? 'yes' : '**no**']),
    ),
  );
  const mem = report.memory;
  out.push('');
  out.push(
    `### Memory (benchmark process: gateway, REST client, harness)\n\nRSS at start ${fmt(mem.rssStartMiB, 0)} MiB; after the latency phase ${fmt(mem.rssAfterLatencyMiB, 0)} MiB; after the CPU phase ${fmt(mem.rssAfterCpuMiB, 0)} MiB; after the throughput phase ${fmt(mem.rssAfterThroughputMiB, 0)} MiB; peak ${fmt(mem.rssPeakMiB, 0)} MiB.`,
  );
  if (report.warnings.length > 0) {
    out.push('');
    out.push('### Warnings');
    out.push('');
    for (const w of report.warnings) out.push(`- ${w}`);
  }
  return out.join('\n');
}

/** Markers delimiting a generated section of BENCHMARKS.md (`results` is the main one). */
export function markers(section = 'results'): { start: string; end: string } {
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
  section = 'results',
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

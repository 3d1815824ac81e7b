/**
 * Smoke test of the benchmark harness (bench/): every scenario runs once in every variant on
 * the tiny dataset with zero latency, and the figures it reports hang together. No timing is
 * asserted: this proves the harness measures what it claims, not how fast anything is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startInProcessEmulator } from '../../bench/emulator-handle.js';
import { createFloor, runFloor } from '../../bench/floor.js';
import {
  type BenchTargets,
  type ConsistencyResult,
  checkConsistency,
  createTargets,
  measureCpuOf,
  measureCpuRounds,
  measureLatency,
  measureLoaderBatches,
  runVariant,
  VARIANTS,
} from '../../bench/harness.js';
import { parseOptions } from '../../bench/options.js';
import {
  checkTargets,
  computeRatios,
  FLOOR_LABEL,
  floorFigures,
  markers,
  renderMarkdown,
  type ScenarioReport,
  variantFigures,
} from '../../bench/report.js';
import { SCENARIOS } from '../../bench/scenarios.js';
import { firstDifference, quantile, summarize } from '../../bench/stats.js';
import { closeAllPools } from '../../src/dci/client.js';

describe('benchmark harness on the tiny dataset', () => {
  let emulator: EmulatorHandle;
  let targets: BenchTargets;
  const checks = new Map<string, ConsistencyResult>();

  beforeAll(async () => {
    emulator = await startInProcessEmulator({ size: 'tiny', latencyMs: 0 });
    targets = await createTargets(emulator);
    for (const scenario of SCENARIOS) {
      checks.set(scenario.id, await checkConsistency(targets, scenario, VARIANTS));
    }
  });

  afterAll(async () => {
    await emulator?.close();
    await closeAllPools();
  });

  it('picks a job for the detail scenario', () => {
    expect(targets.params.jobId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s runs in every variant without errors', (id) => {
    expect(checks.get(id)?.failures).toEqual({});
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s returns the same data in every variant', (id) => {
    const { differences } = checks.get(id)!;
    for (const variant of VARIANTS) expect(differences[variant]).toBeNull();
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s counts upstream requests and waves', (id) => {
    const { samples } = checks.get(id)!;
    for (const variant of VARIANTS) {
      const sample = samples[variant]!;
      expect(sample.requests).toBeGreaterThan(0);
      expect(sample.waves).toBeGreaterThanOrEqual(1);
      expect(sample.waves).toBeLessThanOrEqual(sample.requests);
    }
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s never sends more requests batched than naive', (id) => {
    const { samples } = checks.get(id)!;
    expect(samples.gateway!.requests).toBeLessThanOrEqual(samples.naive!.requests);
  });

  it('batches the job list page into far fewer requests than the naive mode', () => {
    const { samples } = checks.get('S2')!;
    expect(samples.naive!.requests).toBeGreaterThanOrEqual(5 * samples.gateway!.requests);
  });

  it('reads the loader batch sizes of one execution from the gateway metrics', async () => {
    const scenario = SCENARIOS.find((s) => s.id === 'S2')!;
    const batches = await measureLoaderBatches(targets, scenario);
    // S2 loads the 50 jobs' products through one batch of several keys.
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) {
      expect(b.batches).toBeGreaterThanOrEqual(1);
      expect(b.keys).toBeGreaterThanOrEqual(b.batches);
      if (b.maxAtMost !== null) expect(b.maxAtMost).toBeGreaterThanOrEqual(b.keys / b.batches);
    }
    expect(Math.max(...batches.map((b) => b.keys / b.batches))).toBeGreaterThan(1);
    // Read afresh each time: a second execution reports the same, not twice as much.
    expect(await measureLoaderBatches(targets, scenario)).toEqual(batches);
  });

  it('reports latency, CPU and ratios at two latencies that agree with the single runs', async () => {
    const scenario = SCENARIOS.find((s) => s.id === 'S2')!;
    const latency = await measureLatency(targets, scenario, VARIANTS, { warmup: 0, runs: 2 });
    const cpuOf = (variant: 'gateway' | 'rest') =>
      measureCpuOf(targets.emulator, () => runVariant(targets, scenario, variant), {
        warmup: 0,
        runs: 2,
      });
    const cpu = await cpuOf('gateway');
    const { samples } = checks.get('S2')!;
    for (const variant of VARIANTS) {
      expect(latency[variant].requests).toBe(samples[variant]!.requests);
      expect(latency[variant].samples).toHaveLength(2);
    }
    expect(cpu.requestsPerOp).toBe(samples.gateway!.requests);
    expect(cpu.cpuMsPerOp).toBeGreaterThan(0);
    // The framework floor serves the gateway's own answer, without asking DCI anything.
    const answer = await runVariant(targets, scenario, 'gateway');
    const floor = createFloor(answer);
    expect(await runFloor(floor, scenario, targets.params)).toEqual(answer);
    const floorCpu = await measureCpuOf(
      targets.emulator,
      () => runFloor(floor, scenario, targets.params),
      { warmup: 0, runs: 2 },
    );
    expect(floorCpu.requestsPerOp).toBe(0);
    expect(floorCpu.cpuMsPerOp).toBeGreaterThan(0);
    // Side by side in rounds: every execution gets its runs, its requests counted per run.
    const calls = { gateway: 0, floor: 0 };
    const rounds = await measureCpuRounds(
      targets.emulator,
      new Map([
        [
          'gateway',
          () => {
            calls.gateway += 1;
            return runVariant(targets, scenario, 'gateway');
          },
        ],
        [
          'floor',
          () => {
            calls.floor += 1;
            return runFloor(floor, scenario, targets.params);
          },
        ],
      ]),
      { warmup: 1, runs: 5 },
      3,
    );
    expect(rounds.get('gateway')).toMatchObject({
      runs: 6,
      requestsPerOp: samples.gateway!.requests,
    });
    expect(rounds.get('floor')).toMatchObject({ runs: 6, requestsPerOp: 0 });
    expect(calls).toEqual({ gateway: 7, floor: 7 });

    const variants = {
      gateway: variantFigures(latency.gateway, cpu, null),
      naive: variantFigures(latency.naive, undefined, null),
      rest: variantFigures(latency.rest, await cpuOf('rest'), null),
    };
    // The same runs read against two latencies: the physical limit scales with the latency.
    const at = (latencyMs: number) => {
      const physicalMs = scenario.physicalWaves * latencyMs;
      return { latencyMs, physicalMs, variants, ratios: computeRatios(variants, physicalMs) };
    };
    const latencies = [at(10), at(50)];
    expect(latencies[0]!.ratios.gateway?.requestsVsNaive).toBeLessThan(1);
    expect(latencies[0]!.ratios.naive?.wallVsNaive).toBe(1);
    expect(latencies[0]!.ratios.gateway?.wallVsPhysical).toBeCloseTo(
      5 * latencies[1]!.ratios.gateway!.wallVsPhysical!,
      1,
    );
    const report: ScenarioReport = {
      id: scenario.id,
      title: scenario.title,
      query: scenario.query,
      physical: { waves: scenario.physicalWaves, reason: '' },
      latencies,
      throughput: {},
      loaderBatches: await measureLoaderBatches(targets, scenario),
      floor: floorFigures(floorCpu),
    };
    const targetChecks = checkTargets([report]);
    expect(targetChecks.find((t) => t.target.includes('5x fewer'))?.met).toBe(true);
    // One wall-time target per latency, never one hidden behind the other.
    expect(targetChecks.filter((t) => t.target.includes('physical limit'))).toHaveLength(2);
    const markdown = renderMarkdown(
      {
        schema: 'dci-graphql-bench/2',
        startedAt: '',
        finishedAt: '',
        elapsedS: 0,
        machine: {
          cpuModel: 'test',
          cores: 1,
          memoryGiB: 1,
          freeMemoryGiB: 1,
          node: process.version,
          os: 'test',
          loadAverageStart: 0,
          loadAverageEnd: 0,
        },
        settings: { latencies: [10, 50], connections: 1, identity: 'redhat' },
        sizes: [],
      },
      {
        size: 'tiny',
        datasetCounts: { jobs: 40 },
        plan: { runs: 2, warmup: 0, cpuRuns: 2, durationS: 1, timeLimitS: 1 },
        emulatorStartS: 0.1,
        elapsedS: 1,
        loadAverageStart: 0,
        loadAverageEnd: 0,
        scenarios: [report],
        memory: {
          rssStartMiB: 1,
          rssAfterLatencyMiB: 1,
          rssAfterCpuMiB: 1,
          rssAfterThroughputMiB: null,
          rssPeakMiB: 1,
        },
        targets: targetChecks,
        warnings: [],
      },
    );
    expect(markdown).toContain('(d) physical limit');
    expect(markdown).toContain('### Per query, upstream latency 10 ms');
    expect(markdown).toContain('### Per query, upstream latency 50 ms');
    expect(markdown).toContain('Emulator CPU ms/request');
    expect(markdown).toContain(report.loaderBatches[0]!.loader);
    expect(markdown).toContain(FLOOR_LABEL);
    expect(markdown).toMatch(/cannot fall below \(e\) \+ \(c\), in multiples of \(c\): S2 \d/);
    expect(markdown).not.toContain(markers('tiny').start);
  });
});

describe('benchmark helpers', () => {
  it('takes nearest-rank quantiles', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(quantile(samples, 0.5)).toBe(5);
    expect(quantile(samples, 0.95)).toBe(10);
    expect(summarize(samples)).toMatchObject({ n: 10, min: 1, max: 10, mean: 5.5 });
  });

  it('finds the first difference between two results, ignoring key order', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
    expect(firstDifference({ x: 1, y: 2 }, { y: 2, x: 1 })).toBeNull();
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toMatch(/^\$\.a\[1\]\.b/);
  });

  it('parses the flags: three sizes and two latencies by default, fewer runs at large', () => {
    const full = parseOptions([], {});
    expect(full).toMatchObject({
      sizes: ['demo', 'bench', 'large'],
      latencies: [10, 50],
      connections: 32,
    });
    if (full === 'help') throw new Error('unexpected help');
    expect(full.plans.bench).toMatchObject({ runs: 20, durationS: 15 });
    expect(full.plans.large.runs).toBeLessThan(full.plans.bench.runs);
    const quick = parseOptions(['--quick', '--latency', '5', '--size', 'demo'], {});
    expect(quick).toMatchObject({ sizes: ['demo'], latencies: [5], markdown: false });
    if (quick === 'help') throw new Error('unexpected help');
    expect(quick.plans.demo).toMatchObject({ runs: 5, durationS: 3 });
    expect(parseOptions(['--latency', '10,50,10', '--runs', '7'], {})).toMatchObject({
      latencies: [10, 50],
      plans: { large: { runs: 7 }, demo: { runs: 7 } },
    });
    expect(parseOptions([], { BENCH_LATENCY_MS: '25' })).toMatchObject({ latencies: [25] });
    expect(parseOptions(['--sizes', 'tiny,demo'], {})).toMatchObject({ sizes: ['tiny', 'demo'] });
    expect(() => parseOptions(['--runs', '0'], {})).toThrow(/--runs/);
    expect(() => parseOptions(['--size', 'huge'], {})).toThrow(/--sizes/);
    expect(() => parseOptions(['--size', 'demo', '--sizes', 'bench'], {})).toThrow(/--size/);
    expect(() => parseOptions(['--section', 'x'], {})).toThrow(/--section/);
    expect(parseOptions(['--size', 'demo', '--section', 'x'], {})).toMatchObject({ section: 'x' });
  });
});

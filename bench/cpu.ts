/**
 * CPU side by side: `npx tsx bench/cpu.ts [S1,S2,S3,S4] [rounds] [size]` runs each scenario
 * through the gateway and the hand-written REST client in alternating rounds (so that a busy
 * machine slows both alike) against an emulator in a child process, and prints the CPU time
 * of this process per execution and the ratio, and the framework's floor (bench/floor.ts: Yoga
 * alone serving the gateway's answer from memory). Run it under `node --cpu-prof --import tsx`
 * to get a profile of the gateway's share.
 */
// First: graphql-js reads NODE_ENV when it is loaded.
import './production-env.js';
import { startChildEmulator } from './emulator-handle.js';
import { createFloor, runFloor } from './floor.js';
import { createTargets, measureCpuRounds, runVariant, type VariantId } from './harness.js';
import { SCENARIOS } from './scenarios.js';

const [ids = 'S1,S2,S3,S4', roundsRaw = '10', size = 'demo', only = 'gateway,rest'] =
  process.argv.slice(2);
const variants = only.split(',') as VariantId[];
const rounds = Number(roundsRaw);
const emulator = await startChildEmulator({
  size: size as 'tiny' | 'demo' | 'bench',
  latencyMs: 0,
});
try {
  const targets = await createTargets(emulator);
  for (const scenario of SCENARIOS.filter((s) => ids.split(',').includes(s.id))) {
    // The benchmark's CPU phase, side by side in rounds: each warmed for 2 s (so that the code a
    // query passes once is optimised too), then 10 runs per variant and round.
    const runners = new Map<string, () => Promise<unknown>>(
      variants.map((v) => [v, () => runVariant(targets, scenario, v)]),
    );
    const floor = createFloor(await runVariant(targets, scenario, 'gateway'));
    runners.set('floor', () => runFloor(floor, scenario, targets.params));
    const cpu = await measureCpuRounds(
      emulator,
      runners,
      { warmup: 5, warmupMs: 2000, runs: rounds * 10 },
      rounds,
    );
    const per = (key: string) => cpu.get(key)!.cpuMsPerOp;
    const base = variants.includes('rest') ? per('rest') : Number.NaN;
    console.log(
      `${scenario.id}: ${variants.map((v) => `${v} ${per(v).toFixed(2)} ms (${(per(v) / base).toFixed(2)}x REST)`).join(', ')}; Yoga floor ${per('floor').toFixed(2)} ms`,
    );
  }
} finally {
  await emulator.close();
}

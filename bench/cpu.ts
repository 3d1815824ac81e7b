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
import { createTargets, runVariant, type VariantId } from './harness.js';
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
  const run = (scenario: (typeof SCENARIOS)[number], variant: VariantId) =>
    runVariant(targets, scenario, variant);
  for (const scenario of SCENARIOS.filter((s) => ids.split(',').includes(s.id))) {
    const cpu: Record<string, number> = Object.fromEntries(variants.map((v) => [v, 0]));
    const runs = 10;
    // Warm (as the benchmark's CPU phase does): 2 s per variant, so that the code a query
    // passes once is optimised too.
    for (const variant of variants) {
      const start = performance.now();
      for (let i = 0; i < 5 || performance.now() - start < 2000; i++) await run(scenario, variant);
    }
    // Named, so that a profile can be cut to the measured part.
    const measureLoop = async () => {
      for (let round = 0; round < rounds; round++) {
        for (const variant of variants) {
          const start = process.cpuUsage();
          for (let i = 0; i < runs; i++) await run(scenario, variant);
          const used = process.cpuUsage(start);
          cpu[variant]! += (used.user + used.system) / 1000;
        }
      }
    };
    await measureLoop();
    const per = (v: string) => cpu[v]! / (rounds * runs);
    const base = variants.includes('rest') ? per('rest') : Number.NaN;
    const floor = createFloor(await runVariant(targets, scenario, 'gateway'));
    const runFloorOnce = () => runFloor(floor, scenario, targets.params);
    for (let i = 0; i < 200; i++) await runFloorOnce();
    const start = process.cpuUsage();
    for (let i = 0; i < rounds * runs; i++) await runFloorOnce();
    const used = process.cpuUsage(start);
    const floorMs = (used.user + used.system) / 1000 / (rounds * runs);
    console.log(
      `${scenario.id}: ${variants.map((v) => `${v} ${per(v).toFixed(2)} ms (${(per(v) / base).toFixed(2)}x REST)`).join(', ')}; Yoga floor ${floorMs.toFixed(2)} ms`,
    );
  }
} finally {
  await emulator.close();
}

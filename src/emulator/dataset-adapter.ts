/**
 * Where the emulator's rows come from: the seeded generator of dataset.ts, whose store has the
 * shape the routes use (store-access.ts).
 */
import {
  type DatasetSize,
  type DatasetSizeName,
  type EmulatorFixtures,
  generateDataset,
} from './dataset.js';
import type { EmulatorStore } from './store-access.js';

export type { DatasetSize, EmulatorFixtures } from './dataset.js';

/** A size preset or explicit row counts. */
export type DatasetSizeOption = DatasetSizeName | Partial<DatasetSize>;

/** Builds the store and fixtures for `startEmulator`. */
export function buildDataset(opts: {
  seed: number;
  size: DatasetSizeOption;
  now: () => Date;
  deferJobRows?: boolean;
}): {
  store: EmulatorStore;
  fixtures: EmulatorFixtures;
} {
  return generateDataset(opts);
}

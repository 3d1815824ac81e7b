import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The package's `dci-graphql/client` export, from source (the built package resolves it
    // through package.json `exports`; test/client/package.test.ts checks that).
    alias: { 'dci-graphql/client': fileURLToPath(new URL('./client/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
  },
});

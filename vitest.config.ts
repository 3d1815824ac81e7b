import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS entry (no `exports` map), which is what
// graphql-yoga uses at run time; Vite would pick the `module` (.mjs) entry for our sources
// instead, and graphql's type checks refuse objects from the other copy. One copy, as in node.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: {
    alias: [
      // The package's `dci-graphql/client` export, from source (the built package resolves it
      // through package.json `exports`; test/client/package.test.ts checks that).
      {
        find: 'dci-graphql/client',
        replacement: fileURLToPath(new URL('./client/index.ts', import.meta.url)),
      },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
  },
});

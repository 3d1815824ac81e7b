/**
 * `dci-graphql/client` from the built package: `npm run build` compiles client/ to
 * dist/client/, and Node resolves the specifier through package.json `exports` (no alias, no
 * TypeScript), with its declarations next to it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

describe('the built package', () => {
  it('exports dci-graphql/client with its documents, request and subscribe', async () => {
    await run(`${ROOT}node_modules/.bin/tsc`, ['-p', 'tsconfig.client.json'], { cwd: ROOT });
    expect(existsSync(`${ROOT}dist/client/index.d.ts`)).toBe(true);
    const script = `
      const c = await import('dci-graphql/client');
      console.log(JSON.stringify({
        resolved: import.meta.resolve('dci-graphql/client'),
        request: typeof c.request,
        subscribe: typeof c.subscribe,
        hash: c.TopicMatrixDocument.__meta__.hash,
        text: String(c.TopicMatrixDocument).includes('query TopicMatrix'),
      }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).toEqual({
      resolved: `file://${ROOT}dist/client/index.js`,
      request: 'function',
      subscribe: 'function',
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      text: true,
    });
  }, 180_000);
});

/**
 * `npm start` builds only when the sources changed: scripts/build-if-stale.mjs hashes the
 * build's inputs and compares them with the stamp of the last build. Run here on a scratch
 * project whose `build` script records every run, so the test counts builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const SCRIPT = new URL('../../scripts/build-if-stale.mjs', import.meta.url).pathname;

vi.setConfig({ testTimeout: 90_000 });

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 1;\n');
  // The "build": writes dist/main.js and appends a line per run to builds.log.
  const build =
    "node -e \"const f=require('fs');f.mkdirSync('dist',{recursive:true});f.writeFileSync('dist/main.js','');f.appendFileSync('builds.log','x\\n')\"";
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, scripts: { build } }),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
const builds = () => {
  try {
    return readFileSync(join(root, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe('build-if-stale', () => {
  it('builds when dist/ is missing', () => {
    expect(run('--check').status).toBe(1);
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('building dist/');
    expect(builds()).toBe(1);
  });

  it('does not build again while the sources are unchanged', () => {
    expect(run('--check').status).toBe(0);
    const again = run();
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(builds()).toBe(1);
  });

  it('builds again once a source changes', () => {
    writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 2;\n');
    expect(run('--check').status).toBe(1);
    expect(run().status).toBe(0);
    expect(builds()).toBe(2);
    expect(run('--check').status).toBe(0);
  });

  it('is what `npm start` runs before starting', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toMatch(/^node scripts\/build-if-stale\.mjs && node /);
    expect(pkg.scripts['start']).not.toContain('npm run build');
  });
});

#!/usr/bin/env node
/**
 * `npm start`'s build step: builds dist/ (`npm run build`) only when the build's inputs changed
 * since the last build, so that starting the gateway does not run the TypeScript compiler every
 * time. The inputs are hashed (path and content of every file under src/, client/, dashboard/,
 * schema/ and scripts/, the tsconfig files, package.json and package-lock.json) and the hash is
 * stored in dist/.build-stamp after a successful build; a missing dist/main.js always builds.
 *
 *   node scripts/build-if-stale.mjs            build if stale
 *   node scripts/build-if-stale.mjs --check    exit 0 when fresh, 1 when stale; never builds
 *   --root DIR                                 the project root (default: this script's parent)
 *
 * Plain Node (no tsx, no TypeScript): it must run before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const INPUT_DIRS = ['src', 'client', 'dashboard', 'schema', 'scripts'];
const INPUT_FILES = [
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.client.json',
  'package.json',
  'package-lock.json',
];
const STAMP = join('dist', '.build-stamp');

/** Every input file under `dir`, recursively (node_modules and dot-files skipped). */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The hash of the build's inputs: what a build from them would produce is known by it. */
export function inputsHash(root) {
  const files = [
    ...INPUT_DIRS.flatMap((dir) => filesUnder(join(root, dir))),
    ...INPUT_FILES.map((file) => join(root, file)).filter((path) => existsSync(path)),
  ]
    .map((path) => relative(root, path))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0${statSync(join(root, file)).size}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

/** Whether dist/ is missing or was built from other inputs. */
export function isStale(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(join(root, 'dist', 'main.js')) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== inputsHash(root);
}

function main() {
  const { values } = parseArgs({
    options: { check: { type: 'boolean' }, root: { type: 'string' } },
  });
  const root = values.root ?? fileURLToPath(new URL('..', import.meta.url));
  const stale = isStale(root);
  if (values.check) process.exit(stale ? 1 : 0);
  if (!stale) return;
  console.error('dci-graphql: sources changed since the last build; building dist/ ...');
  const before = inputsHash(root);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Stamped with the inputs the build started from: an edit during the build rebuilds next time.
  writeFileSync(join(root, STAMP), `${before}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

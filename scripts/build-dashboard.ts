/**
 * Builds the reference dashboard (dashboard/) into a directory the gateway serves at
 * /dashboard: esbuild bundles dashboard/app.ts with the typed client (resolved from source
 * through the `source` export condition) into one minified app.js; index.html and app.css are
 * copied. Nothing is fetched at runtime from anywhere but the gateway.
 *
 *   tsx scripts/build-dashboard.ts [OUT_DIR]    (default dist/dashboard; part of `npm run build`)
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Bundles the dashboard into `outDir`; resolves with the size of app.js in bytes. */
export async function buildDashboard(outDir = join(ROOT, 'dist/dashboard')): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, 'dashboard/app.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    conditions: ['source'],
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) {
    copyFileSync(join(ROOT, 'dashboard', file), join(outDir, file));
  }
  return result.metafile.outputs[
    Object.keys(result.metafile.outputs).find((k) => k.endsWith('app.js'))!
  ]!.bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2];
  const bytes = await buildDashboard(out);
  console.log(`dashboard built: app.js ${Math.round(bytes / 1024)} kB`);
}

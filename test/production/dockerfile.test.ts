/**
 * Docker cannot run where these tests run, so the image is checked by reading its recipe:
 * the properties that matter for production are asserted instruction by instruction.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

const instructions = parseDockerfile(readFileSync(new URL('Dockerfile', ROOT), 'utf8'));
const stages: Instruction[][] = [];
for (const i of instructions) {
  if (i.op === 'FROM') stages.push([]);
  stages.at(-1)?.push(i);
}
const build = stages[0] ?? [];
const runtime = stages.at(-1) ?? [];
const runs = (stage: Instruction[]) =>
  stage
    .filter((i) => i.op === 'RUN')
    .map((i) => i.args)
    .join('\n');

describe('Dockerfile', () => {
  it('is a multi-stage build on a Debian slim Node LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const arg = instructions.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_VERSION='));
    const major = Number(arg?.args.split('=')[1]);
    // Even majors are the LTS lines; 24 is LTS until 2028.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(24);
    for (const stage of stages)
      expect(stage[0]!.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS \w+/);
  });

  it('installs with npm ci, checks codegen and builds in the build stage', () => {
    expect(runs(build)).toMatch(/npm ci\b/);
    expect(runs(build)).toMatch(/npm run codegen:check/);
    expect(runs(build)).toMatch(/npm run build/);
  });

  it('keeps only production dependencies in the runtime stage', () => {
    expect(runs(runtime)).toMatch(/npm ci --omit=dev/);
    expect(runtime.some((i) => i.op === 'COPY' && /--from=build \/app\/dist/.test(i.args))).toBe(
      true,
    );
  });

  it('ships the schema directory the server reads at startup', () => {
    expect(runtime.some((i) => i.op === 'COPY' && /^schema\s/.test(i.args))).toBe(true);
  });

  it('runs as the non-root node user under tini', () => {
    expect(runtime.find((i) => i.op === 'USER')?.args).toBe('node');
    expect(runs(runtime)).toMatch(/apt-get install .*tini/);
    expect(runtime.find((i) => i.op === 'ENTRYPOINT')?.args).toContain('/usr/bin/tini');
    expect(runtime.find((i) => i.op === 'CMD')?.args).toContain('dist/main.js');
  });

  it('listens on all interfaces, port 4000, in production mode', () => {
    const env = runtime
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('GATEWAY_HOST=0.0.0.0');
    expect(env).toContain('NODE_ENV=production');
    expect(runtime.find((i) => i.op === 'EXPOSE')?.args).toBe('4000');
  });

  it('checks /health with node, not curl', () => {
    const check = runtime.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(check).toContain('/health');
    expect(check).toMatch(/CMD \["node", "-e"/);
    expect(check).not.toContain('curl');
  });

  it('builds from a context without node_modules, dist, tests or secrets', () => {
    const ignored = readFileSync(new URL('.dockerignore', ROOT), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.git', 'test', '.env', 'dcirc.sh']) {
      expect(ignored).toContain(entry);
    }
    // Everything the build stage copies must survive the ignore list.
    for (const entry of ['src', 'schema', 'package.json', 'package-lock.json', 'codegen.yml']) {
      expect(ignored).not.toContain(entry);
    }
  });
});

describe('runtime dependencies', () => {
  it('are all production dependencies, so npm ci --omit=dev is enough', async () => {
    const { readdirSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = (readdirSync(new URL('src/', ROOT), { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts'),
    );
    const missing = new Set<string>();
    for (const file of files) {
      const text = readFileSync(new URL(`src/${file}`, ROOT), 'utf8');
      for (const m of text.matchAll(
        /^\s*(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^'.][^']*)'/gm,
      )) {
        const spec = m[1]!;
        if (spec.startsWith('node:')) continue;
        const name = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0]!;
        if (!(name in pkg.dependencies)) missing.add(`${name} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});

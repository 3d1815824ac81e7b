/**
 * The README's "Worked example: create → states → delete", run as written: its shell variables,
 * its curl commands (headers, operation, variables) and its answers are read from README.md,
 * and the commands are sent to the gateway `npm start` builds in demo mode (the same
 * configuration, the same demo emulator), in order. The README cannot drift from what a
 * newcomer gets.
 *
 * Placeholders: a `<a.b.c>` in a command is the value at `data.a.b.c` in the latest answer that
 * has it (the README says so). Answers are compared whole, except that the UUIDs and etags a
 * run makes up differ: in both, every UUID reads `<uuid>` and every 32-hex etag `<etag>`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCacheFrom } from '../../src/cache/setup.js';
import { loadConfig } from '../../src/config.js';
import { GatewayLifecycle } from '../../src/lifecycle.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createGateway, type Gateway } from '../../src/server.js';
import {
  type DemoUpstream,
  demoBanner,
  gatewayOptionsFrom,
  startDemoUpstream,
} from '../../src/startup.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README section of the walk-through. */
function section(): string {
  const start = README.indexOf('### Worked example: create → states → delete');
  const end = README.indexOf('\n## ', start);
  if (start < 0 || end < 0) throw new Error('README: no worked example section');
  return README.slice(start, end);
}

interface Step {
  url: string;
  headers: Record<string, string>;
  /** The `--data` text, placeholders still in. */
  data: string;
  /** The documented answer. */
  answer: unknown;
}

/** The variables of the first `sh` block and the (curl, answer) pairs that follow it. */
function walkthrough(): { env: Record<string, string>; steps: Step[] } {
  const blocks = [...section().matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    text: m[2]!,
  }));
  const [vars, ...rest] = blocks;
  if (vars?.lang !== 'sh') throw new Error('README: the walk-through starts without its variables');
  const env: Record<string, string> = {};
  for (const line of vars.text.split('\n')) {
    const m = /^([A-Z_]+)=(\S+)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  const expand = (text: string) =>
    text.replace(/\$\{?([A-Z_]+)\}?/g, (_, name: string) => {
      if (!(name in env)) throw new Error(`README: $${name} is not set by the walk-through`);
      return env[name]!;
    });
  const steps: Step[] = [];
  for (let i = 0; i < rest.length; i++) {
    const block = rest[i]!;
    if (block.lang !== 'sh') continue;
    const answer = rest[i + 1];
    if (answer?.lang !== 'json') throw new Error('README: a command without its answer');
    const command = block.text.replace(/\\\n/g, ' ');
    const url = /^curl -s "(\$[A-Z_]+)"/.exec(command.trim())?.[1];
    const data = /--data '([^']*)'/.exec(command)?.[1];
    if (!url || data === undefined) throw new Error(`README: not a walk-through curl: ${command}`);
    const headers: Record<string, string> = {};
    for (const m of command.matchAll(/-H (?:'([^']*)'|"([^"]*)")/g)) {
      const header = m[1] ?? expand(m[2]!);
      const colon = header.indexOf(':');
      headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    }
    steps.push({ url: expand(url), headers, data, answer: JSON.parse(answer.text) });
  }
  return { env, steps };
}

/** `<a.b.c>` placeholders, each from the latest answer holding `data.a.b.c`. */
function substitute(data: string, answers: readonly unknown[]): string {
  return data.replace(/<([A-Za-z0-9_.]+)>/g, (_, path: string) => {
    for (const answer of [...answers].reverse()) {
      let value: unknown = (answer as { data?: unknown }).data;
      for (const key of path.split('.')) value = (value as Record<string, unknown> | null)?.[key];
      if (typeof value === 'string') return value;
    }
    throw new Error(`README: no earlier answer has ${path}`);
  });
}

/** A JSON value with the run's own UUIDs and etags blanked out. */
function normalized(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\b[0-9a-f]{32}\b/g, '<etag>'),
  );
}

let demo: DemoUpstream;
let gateway: Gateway;
beforeAll(async () => {
  // `npm start` with nothing configured: demo mode, its emulator and its gateway options.
  const config = loadConfig([], {}, () => '');
  expect(config.mode).toBe('demo');
  demo = await startDemoUpstream();
  const metrics = createMetrics();
  // Its response cache too (in memory, as without Redis): writes must show through it.
  const cache = await responseCacheFrom(config.cache, { redis: null, metrics });
  expect(cache).toBeDefined();
  gateway = createGateway(
    gatewayOptionsFrom(config, {
      dciUrl: demo.dciUrl,
      serviceAuth: demo.serviceAuth,
      lifecycle: new GatewayLifecycle(),
      logger: silentLogger,
      metrics,
      ...(cache ? { cache } : {}),
    }),
  );
}, 60_000);
afterAll(() => demo?.close());

describe('README: worked example create → states → delete', () => {
  it('uses the URL and the credentials `npm start` prints in demo mode', () => {
    const { env } = walkthrough();
    const config = loadConfig([], {}, () => '');
    expect(env['GQL']).toBe(`http://${config.host}:${config.port}${config.graphqlEndpoint}`);
    const banner = demoBanner(demo.dciUrl, demo.writer).join('\n');
    expect(banner).toContain(`X-Dci-Client-Id: ${env['DCI_CLIENT_ID']}`);
    expect(banner).toContain(`X-Dci-Api-Secret: ${env['DCI_API_SECRET']}`);
  });

  it('answers every step as documented, in order', async () => {
    const { steps } = walkthrough();
    expect(steps.length).toBeGreaterThanOrEqual(7);
    const answers: unknown[] = [];
    for (const step of steps) {
      const response = await gateway.fetch(step.url, {
        method: 'POST',
        headers: step.headers,
        body: substitute(step.data, answers),
      });
      const answer: unknown = await response.json();
      expect(normalized(answer), step.data).toEqual(normalized(step.answer));
      answers.push(answer);
    }
  });
});

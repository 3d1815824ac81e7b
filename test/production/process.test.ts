/**
 * The gateway as a process: `--help`, startup validation, demo mode and graceful shutdown,
 * through src/main.ts run by tsx exactly as `npm run dev` runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPTIONS } from '../../src/config.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Emulator } from '../../src/emulator/index.js';
import { JOIN_QUERY, tinyEmulator } from './helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;

// Each test starts Node processes through tsx: seconds each, many more on a loaded machine.
vi.setConfig({ testTimeout: 90_000 });

/** A clean environment: nothing from the developer's shell (no DCI_* variables). */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...extra };
}

interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  url: string;
}

/** Starts src/main.ts on a free port and waits for its "listening" log line. */
async function startMain(args: string[], env: Record<string, string>): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no listening line; stderr: ${stderr.join('')}`)),
      50_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        try {
          const parsed = JSON.parse(line);
          if (parsed.msg === 'listening') {
            clearTimeout(timer);
            resolve(parsed.url);
          }
        } catch {
          // not a log line
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stderr.join('')}`));
    });
  });
  return { child, stdout, stderr, url };
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('command line', () => {
  it('lists every option with `npx tsx src/main.ts --help`', async () => {
    const res = await run('npx', ['tsx', 'src/main.ts', '--help'], {});
    expect(res.code).toBe(0);
    for (const o of OPTIONS) {
      expect(res.stdout).toContain(`--${o.flag}`);
      if (o.env) expect(res.stdout).toContain(o.env);
    }
  });

  it('refuses a bad setting at startup, naming it, exit code 2', async () => {
    const res = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      GATEWAY_MAX_DEPTH: 'deep',
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('GATEWAY_MAX_DEPTH');
  });

  it('never echoes a secret in a startup error', async () => {
    const secret = 'S3cretValueThatMustNotAppear0123456789abcdefghijklmnopqrstuvwxyz';
    const res = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      DCI_CLIENT_ID: 'not-a-uuid',
      DCI_API_SECRET: secret,
      GATEWAY_SERVICE_CREDENTIALS: 'true',
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('DCI_CLIENT_ID');
    expect(res.stderr + res.stdout).not.toContain(secret);
  });
});

describe('demo mode', () => {
  it('starts the bundled emulator when nothing is configured, and says so', async () => {
    const p = await startMain([], {});
    try {
      const banner =
        'DEMO MODE: no DCI credentials configured; serving the bundled DCI emulator at';
      expect(p.stdout.join('\n')).toContain(banner);
      const config = p.stdout.map((l) => JSON.parse(l)).find((l) => l.msg === 'configuration');
      expect(config).toMatchObject({ mode: 'demo' });
      const res = await post(p.url, JOIN_QUERY);
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.topics.nodes.length).toBeGreaterThan(0);
    } finally {
      const exited = once(p.child, 'exit');
      p.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      // The same banner, loud on the terminal.
      expect(p.stderr.join('')).toContain('DEMO MODE');
      expect(p.stderr.join('')).toMatch(/GraphiQL ready at http:\/\/127\.0\.0\.1:\d+\/graphql/);
      // The demo remote CI's headers (for the README's worked example) on the terminal only:
      // no log line carries its secret.
      const demoRci = generateDataset({ size: 'demo' }).fixtures.identities.partnerRemoteci;
      const auth = demoRci.auth as { accessKey: string; secret: string };
      expect(p.stderr.join('')).toContain(`X-Dci-Client-Id: ${auth.accessKey}`);
      expect(p.stderr.join('')).toContain(`X-Dci-Api-Secret: ${auth.secret}`);
      expect(p.stdout.join('\n')).not.toContain(auth.secret);
    }
  });
});

describe('graceful shutdown', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await tinyEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  /** Service-credential settings for a gateway process over the test emulator. */
  function serviceEnv(extra: Record<string, string>): Record<string, string> {
    const auth = emulator.fixtures.identities.partnerRemoteci.auth;
    if (auth.kind !== 'hmac') throw new Error('fixture shapes changed');
    return {
      DCI_CS_URL: emulator.url,
      GATEWAY_SERVICE_CREDENTIALS: 'true',
      DCI_CLIENT_ID: auth.accessKey,
      DCI_API_SECRET: auth.secret,
      ...extra,
    };
  }

  /** Resolves once the gateway process is working on one operation. */
  async function oneInFlight(url: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      if (/dci_graphql_operations_in_flight 1\b/.test(metrics)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the operation never started');
  }

  it('finishes in-flight requests on SIGTERM, refuses new ones, and exits 0', async () => {
    const p = await startMain([], serviceEnv({ GATEWAY_SHUTDOWN_GRACE_MS: '10000' }));
    const startup = p.stdout.join('\n');
    expect(startup).toContain('"mode":"service"');
    expect(startup).not.toContain(serviceEnv({})['DCI_API_SECRET']);
    emulator.setLatency(400);
    try {
      const slow = post(p.url, JOIN_QUERY);
      // SIGTERM only once the gateway is working on it (the in-flight gauge says so).
      await oneInFlight(p.url);
      const exited = once(p.child, 'exit');
      p.child.kill('SIGTERM');
      // While it drains: /ready says 503 at once, new operations are refused, /health is up.
      await expect.poll(async () => (await fetch(`${p.url}/ready`)).status).toBe(503);
      const refused = await post(p.url, '{ version }');
      expect(refused.status).toBe(503);
      expect((await refused.json()).errors[0].extensions.code).toBe('SHUTTING_DOWN');
      expect((await fetch(`${p.url}/health`)).status).toBe(200);
      // The operation in flight finishes normally.
      const res = await slow;
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.topics.nodes.length).toBeGreaterThan(0);
      const [code] = await exited;
      expect(code).toBe(0);
      await expect(post(p.url, '{ version }')).rejects.toThrow();
      const lines = p.stdout.map((l) => JSON.parse(l));
      expect(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
      expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    } finally {
      emulator.setLatency(0);
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });

  it('exits within the grace period even when DCI never answers', async () => {
    const graceMs = 2000;
    const p = await startMain(
      [],
      serviceEnv({
        GATEWAY_SHUTDOWN_GRACE_MS: String(graceMs),
        // Far beyond the grace period: only the shutdown can end the hung operation.
        GATEWAY_OPERATION_DEADLINE_MS: '60000',
      }),
    );
    const rule = emulator.faults.add({ route: '/topics', kind: 'hang' });
    try {
      const hung = post(p.url, JOIN_QUERY).then(
        async (res) => ({ status: res.status, body: await res.json() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      );
      await oneInFlight(p.url);
      const exited = once(p.child, 'exit');
      p.child.kill('SIGTERM');
      // A bound, not a measurement: without the abort the DCI socket timeouts (15 s) rule.
      const outcome = await Promise.race([
        exited.then(([code]) => ({ exited: true, code })),
        new Promise<{ exited: false }>((r) =>
          setTimeout(() => r({ exited: false }), graceMs + 3000),
        ),
      ]);
      expect(outcome).toEqual({ exited: true, code: 0 });
      // The hung operation was answered with the rest of its work aborted.
      const answer = await hung;
      expect(answer.status).toBe(200);
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'DCI_UNAVAILABLE' });
      const lines = p.stdout.map((l) => JSON.parse(l));
      expect(lines.some((l) => /grace period over/.test(l.msg) && l.operations === 1)).toBe(true);
    } finally {
      emulator.faults.remove(rule);
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });
});

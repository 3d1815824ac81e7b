import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDcirc } from '../../src/dci/credentials.js';
import { signRequest } from '../../src/dci/signature.js';
import { send } from './helpers.js';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  child = null;
});

/** Reads stdout until the dcirc block (up to the secret line) has been printed. */
function readDcirc(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timeout; got: ${out}`)), 15_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/DCI_PASSWORD=.*\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** Runs a command to its end in the repository. */
function run(cmd: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(cmd, args, { cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CLI (npm run emulator)', () => {
  it('prints its help with `npm run emulator -- --help` and exits 0', async () => {
    const res = await run('npm', ['run', '--silent', 'emulator', '--', '--help']);
    expect(res.stderr).not.toContain('Unknown option');
    expect(res.code).toBe(0);
    for (const flag of ['--port', '--size', '--seed', '--latency', '--write-dcirc', '--help']) {
      expect(res.stdout).toContain(flag);
    }
  });

  it('refuses an unknown option with a usage error, exit code 2', async () => {
    const res = await run('npx', ['tsx', 'src/emulator/cli.ts', '--prot', '5000']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Unknown option '--prot'");
    expect(res.stderr).toContain('--help');
  });

  it('prints a dcirc that works, and stops on SIGTERM', async () => {
    child = spawn('npx', ['tsx', 'src/emulator/cli.ts', '--port', '0', '--size', 'tiny'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so the test can stop npx, tsx and the emulator together.
      detached: true,
    });
    const out = await readDcirc(child);
    const env = parseDcirc(out);
    expect(env['DCI_CS_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env['DCI_CLIENT_ID']).toMatch(/^remoteci\/[0-9a-f-]{36}$/);
    expect(env['DCI_API_SECRET']).toBeTruthy();
    expect(out).toMatch(/^# export DCI_LOGIN=/m);
    const origin = new URL(env['DCI_CS_URL']!);
    const signed = signRequest(
      { method: 'GET', host: origin.host, path: '/api/v1/identity' },
      { accessKey: env['DCI_CLIENT_ID']!, secret: env['DCI_API_SECRET']! },
      new Date(),
    );
    const res = await send(origin, 'GET', '/api/v1/identity', {
      Host: origin.host,
      ...signed.headers,
    });
    expect(res.status).toBe(200);
    expect(res.json.identity.id).toBe(env['DCI_CLIENT_ID']!.split('/')[1]);
    const exited = new Promise<unknown>((r) =>
      child!.on('exit', (code, signal) => r(code ?? signal)),
    );
    process.kill(-child.pid!, 'SIGTERM');
    expect(await exited).not.toBeNull();
  });
});

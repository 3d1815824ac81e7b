/**
 * Live subscriptions in the gateway process (src/main.ts run by tsx) over real HTTP, with
 * Redis: an SSE subscriber receives a change made directly in DCI, and on SIGTERM its stream
 * ends (`event: complete`) and the process exits 0 without waiting out the grace period.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { credentialHeaders } from '../graphql/harness.js';
import { tinyEmulator } from '../production/helpers.js';
import { type RedisServer, skipWithout, startRedis } from '../support/services.js';
import { jobsOf, postJobState } from './helpers.js';
import { subscribe } from './sse.js';

const ROOT = new URL('../../', import.meta.url).pathname;

// Starting a Node process through tsx takes seconds, many more on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

/** Starts src/main.ts on a free port; resolves with its URL once it logs "listening". */
async function startMain(env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--port', '0'],
    {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).url);
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return { child, lines, url };
}

describe.skipIf(skipWithout('redis'))('the gateway process', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  beforeAll(async () => {
    redis = await startRedis();
    emulator = await tinyEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
    await redis?.stop();
  });

  it('streams job events over HTTP and ends the streams on SIGTERM', async () => {
    const p = await startMain({
      DCI_CS_URL: emulator.url,
      GATEWAY_REDIS_URL: redis.url,
      GATEWAY_POLL_INTERVAL: '100ms',
      // Far longer than the test: only ending the streams lets the process exit in time.
      GATEWAY_SHUTDOWN_GRACE_MS: '120000',
    });
    try {
      const job = jobsOf(emulator, 'partnerRemoteci')[0]!;
      const sub = await subscribe<{ job: { id: string; status: string } }>(
        (url, init) => fetch(url, init),
        `${p.url}/graphql`,
        credentialHeaders(emulator.fixtures.identities.partnerRemoteci.auth),
        'subscription($id: ID!) { job(id: $id) { id status } }',
        { id: job.id },
      );
      expect(sub.contentType).toContain('text/event-stream');
      expect((await sub.next())?.data?.job.id).toBe(job.id);
      await postJobState(emulator, 'partnerRemoteci', job.id, 'killed');
      expect((await sub.next())?.data?.job.status).toBe('KILLED');

      const exited = once(p.child, 'exit');
      p.child.kill('SIGTERM');
      // The stream completes (a cut connection would end without `event: complete`).
      expect(await sub.next()).toBeNull();
      expect(sub.completed()).toBe(true);
      const [code] = await exited;
      expect(code).toBe(0);
      const log = p.lines.join('\n');
      expect(log).not.toContain('shutdown grace period over');
      expect(log).toContain('"msg":"stopped"');
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });
});

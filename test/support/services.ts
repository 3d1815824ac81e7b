/**
 * Real services for the tests that need them: Debian's `redis-server` and `chromium`.
 * `.ci/run` installs both, so under CI (`CI=true`) a missing one is a failure, never a skip;
 * on a developer's machine without them the tests that need them skip, saying so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when the suite runs under CI, where every real service must be present. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Path of Debian's Chromium, or undefined where none is installed. */
export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);

/** Path of `redis-server`, or undefined where none is installed. */
export const REDIS_SERVER_PATH = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(
  (p) => existsSync(p),
);

/**
 * Whether tests needing `what` should be skipped: only outside CI, and with a warning. Under
 * CI a missing service throws, so the suite fails instead of passing without the test.
 */
export function skipWithout(what: 'chromium' | 'redis'): boolean {
  const present = what === 'chromium' ? CHROMIUM_PATH : REDIS_SERVER_PATH;
  if (present) return false;
  if (IN_CI) throw new Error(`${what} is required under CI (.ci/run installs it) but is missing`);
  console.warn(
    `Skipping the tests that need ${what}: it is not installed (apt-get install ${what === 'redis' ? 'redis-server' : 'chromium'}).`,
  );
  return true;
}

/** Chromium launch options that work as root on a machine without network. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running `redis-server` owned by the test that started it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server and removes its working directory. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's `redis-server` on a free loopback port, without persistence, and resolves
 * once it accepts connections. Always pair with `stop()` in `afterAll`.
 */
export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER_PATH) throw new Error('redis-server is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'dci-graphql-redis-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      REDIS_SERVER_PATH,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = await new Promise<boolean>((resolve) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve(true);
      };
      child.stdout?.on('data', onData);
      child.once('exit', () => resolve(false));
      setTimeout(() => resolve(false), 10_000).unref();
    });
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) {
              rmSync(dir, { recursive: true, force: true });
              resolve();
              return;
            }
            child.once('exit', () => {
              rmSync(dir, { recursive: true, force: true });
              resolve();
            });
            child.kill('SIGTERM');
          }),
      };
    }
    child.kill('SIGKILL');
    if (attempt >= 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('redis-server did not start');
    }
  }
}

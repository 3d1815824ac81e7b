import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { skipWithout, startRedis } from './services.js';

/** Sends one inline command and resolves with the first reply line. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
  });
}

describe.skipIf(skipWithout('redis'))('test Redis server', () => {
  it('starts on a free loopback port, answers, and stops', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await ping(redis.port)).toBe('+PONG');
    } finally {
      await redis.stop();
    }
    await expect(ping(redis.port)).rejects.toThrow();
  });
});

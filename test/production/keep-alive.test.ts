/**
 * Connections after a refusal, over a real socket: a 413 on a chunked body leaves the rest of
 * the body unread, so the gateway must close that connection rather than keep it alive for a
 * next request that would never be answered.
 */
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from './helpers.js';

let server: Server;
let port: number;
beforeAll(async () => {
  const { gateway } = buildGateway(
    { dciUrl: 'http://127.0.0.1:9' },
    { limits: { bodyLimitBytes: 1024 } },
  );
  server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A chunked POST of `chunks` x 512 bytes. */
function chunkedPost(chunks: number): string {
  const chunk = `${'x'.repeat(510)}\r\n`;
  let text =
    'POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  for (let i = 0; i < chunks; i++) text += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
  return `${text}0\r\n\r\n`;
}

describe('a 413 on a chunked body', () => {
  it('closes the connection instead of leaving the next request on it hanging', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    let received = '';
    const firstResponse = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) resolve();
      });
    });
    // 2 MB: far more than the socket buffers hold, so most of it is still unread at the 413.
    socket.write(chunkedPost(4000));
    await firstResponse;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('connection: close');

    // The next request on the same socket: answered, or the socket closed. Never silence.
    const outcome = await new Promise<string>((resolve) => {
      const guard = setTimeout(() => resolve('hang'), 4000);
      const done = (what: string) => {
        clearTimeout(guard);
        resolve(what);
      };
      socket.on('close', () => done('closed'));
      socket.on('data', () => {
        if (/HTTP\/1\.1 200 /.test(received)) done('answered');
      });
      socket.write('GET /health HTTP/1.1\r\nHost: gateway\r\n\r\n', () => {});
    });
    socket.destroy();
    expect(outcome).not.toBe('hang');
  });

  it('keeps the connection of an accepted request alive', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const twoAnswers = new Promise<void>((resolve) => {
      socket.on('data', () => {
        if ((received.match(/HTTP\/1\.1 200 /g) ?? []).length === 2) resolve();
      });
    });
    socket.write('GET /health HTTP/1.1\r\nHost: gateway\r\n\r\n');
    socket.write('GET /health HTTP/1.1\r\nHost: gateway\r\n\r\n');
    await twoAnswers;
    socket.destroy();
    expect(received.toLowerCase()).not.toContain('connection: close');
  });
});

/**
 * A client that goes away stops costing DCI: when the HTTP connection of a query closes
 * before its answer, the operation's outstanding DCI requests are aborted and no new ones
 * start. Proved over a real socket (the gateway listening on 127.0.0.1) by counting the
 * emulator's requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { buildGateway, hmacHeaders, type TestGateway, tinyEmulator } from './helpers.js';

/** Topics -> components -> jobs: three waves (1 request, one per topic, one per component). */
const JOIN = `{
  topics(first: 10) { nodes { name components(first: 5) { nodes { name jobs(first: 3) { nodes { status } } } } } }
}`;

let emulator: Emulator;
let g: TestGateway;
let server: Server;
let url: string;
beforeAll(async () => {
  emulator = await tinyEmulator();
  g = buildGateway({ dciUrl: emulator.url });
  server = createServer(g.gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

const post = (signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth),
    },
    body: JSON.stringify({ query: JOIN }),
    ...(signal ? { signal } : {}),
  });

/** Waits until the gateway has no operation in flight. */
async function settled(): Promise<void> {
  await expect
    .poll(async () => (await g.metrics.registry.metrics()).match(/operations_in_flight (\d+)/)?.[1])
    .toBe('0');
}

describe('a client that disconnects', () => {
  // What the whole query costs when its client waits for the answer.
  let full = 0;
  let secondWave = 0;

  it('costs three waves of requests when the client stays', async () => {
    emulator.log.clear();
    const res = await post();
    expect((await res.json()).errors).toBeUndefined();
    full = emulator.log.count();
    secondWave = emulator.log.count((e) => e.route === '/topics/:id/components');
    expect(emulator.log.count((e) => e.route === '/components/:id')).toBeGreaterThan(10);
    expect(full).toBe(1 + secondWave + emulator.log.count((e) => e.route === '/components/:id'));
  });

  it('aborts the DCI requests of a query abandoned after its first wave', async () => {
    emulator.setLatency(150);
    emulator.log.clear();
    try {
      const controller = new AbortController();
      const answer = post(controller.signal).catch((error: unknown) => error);
      // The first wave (GET /topics) has been answered: the second is starting.
      await expect.poll(() => emulator.log.count(), { interval: 5 }).toBeGreaterThan(0);
      controller.abort();
      expect(await answer).toBeInstanceOf(Error);
      await settled();
      // Requests already sent when the client left still reach the emulator: let them land.
      await new Promise((resolve) => setTimeout(resolve, 400));
      // At most the first wave and the second; never the third.
      expect(emulator.log.count()).toBeLessThanOrEqual(1 + secondWave);
      expect(emulator.log.count()).toBeLessThan(full / 2);
      expect(emulator.log.count((e) => e.route === '/components/:id')).toBe(0);
    } finally {
      emulator.setLatency(0);
    }
  });
});

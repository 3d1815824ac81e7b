/**
 * One deadline per operation: every DCI request of the operation, its retries and its
 * response bodies end by then, whatever the socket timeouts say. The fields still waiting
 * answer DCI_UNAVAILABLE with `extensions.reason: DEADLINE_EXCEEDED`; the rest of the
 * response is intact, and nothing more is sent to DCI for the operation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { buildGateway, hmacHeaders, tinyEmulator } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await tinyEmulator();
});
afterEach(() => {
  emulator.faults.clear();
  emulator.log.clear();
});
afterAll(() => emulator.close());

const headers = () => hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth);

describe('the operation deadline', () => {
  it('cuts a body that trickles in below the socket idle timeout', async () => {
    const g = buildGateway({ dciUrl: emulator.url, operationDeadlineMs: 600 });
    // 8 bytes every 100 ms: never idle for long, and minutes for the whole list.
    emulator.faults.add({ route: '/topics', kind: 'drip', chunkBytes: 8, delayMs: 100 });
    const res = await g.query('{ version topics(first: 5) { nodes { name } } }', {
      headers: headers(),
    });
    expect(res.body.data?.['version']).toEqual(expect.any(String));
    expect(res.body.data?.['topics']).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'DCI_UNAVAILABLE',
      reason: 'DEADLINE_EXCEEDED',
    });
    expect(res.body.errors![0]!.path).toEqual(['topics']);
  });

  it('covers retries: no attempt starts once the deadline has passed', async () => {
    // Each attempt times out after 400 ms and GETs are retried twice: 1.2 s and three
    // attempts without a deadline, one or two with a 600 ms one.
    const g = buildGateway({
      dciUrl: emulator.url,
      operationDeadlineMs: 600,
      timeouts: { headersMs: 400 },
    });
    emulator.faults.add({ route: '/identity', kind: 'hang' });
    const res = await g.query('{ identity { name } }', { headers: headers() });
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'DCI_UNAVAILABLE',
      reason: 'DEADLINE_EXCEEDED',
    });
    await expect.poll(() => emulator.log.count((e) => e.route === '/identity')).toBeGreaterThan(0);
    expect(emulator.log.count((e) => e.route === '/identity')).toBeLessThanOrEqual(2);
  });

  it('leaves fast operations alone', async () => {
    const g = buildGateway({ dciUrl: emulator.url, operationDeadlineMs: 5_000 });
    const res = await g.query('{ identity { id } topics(first: 2) { nodes { name } } }', {
      headers: headers(),
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.['identity']).toMatchObject({ id: expect.any(String) });
  });
});

describe('the operation signal', () => {
  // Each DCI request of an operation listens to the operation's one signal; Node warns past
  // ten listeners on an EventTarget (a stack trace and a stderr line per operation).
  it('carries many parallel DCI requests without a MaxListenersExceededWarning', async () => {
    const g = buildGateway({ dciUrl: emulator.url, batching: false });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      emulator.setLatency(30);
      const res = await g.query(
        '{ jobs(first: 20) { nodes { id topic { id } remoteci { id } } } }',
        {
          headers: headers(),
        },
      );
      expect(res.body.errors).toBeUndefined();
      // The N+1 mode sends one GET per job and relation, all in flight at once.
      const parallel = emulator.log.count(
        (e) => e.route === '/topics/:id' || e.route === '/remotecis/:id',
      );
      expect(parallel).toBeGreaterThan(10);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    } finally {
      emulator.setLatency(0);
      process.off('warning', onWarning);
    }
  });
});

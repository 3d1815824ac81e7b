/**
 * A slow field does not reorder the response (GraphQL spec, CollectFields).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { buildGateway, hmacHeaders, type TestGateway, tinyEmulator } from './helpers.js';

let emulator: Emulator;
let gw: TestGateway;

beforeAll(async () => {
  emulator = await tinyEmulator();
  gw = buildGateway({ dciUrl: emulator.url, retry: { retries: 0 } }, { production: true });
});
afterEach(() => {
  emulator.faults.clear();
  emulator.setLatency(0);
});
afterAll(async () => {
  await emulator.close();
});

describe('selection order', () => {
  it('keeps the selection order when the first field is the slowest', async () => {
    const headers = hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth);
    // `data` needs GET /jobs/<id> per job; slow that route down so every later field is ready
    // first.
    emulator.setLatency({ '/jobs/:id': 150 });
    const res = await gw.query(
      '{ jobs(first: 3) { nodes { data topic { id } remoteci { id } team { id } components { id } id } } }',
      { headers },
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = (res.body.data!['jobs'] as { nodes: Record<string, unknown>[] }).nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(Object.keys(node)).toEqual(['data', 'topic', 'remoteci', 'team', 'components', 'id']);
    }
  });

  it('keeps the selection order of `topic remoteci team components id` with slow topics', async () => {
    const headers = hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth);
    emulator.setLatency({ '/topics': 150, '/topics/:id': 150 });
    const res = await gw.query(
      '{ jobs(first: 3) { nodes { topic { id name } remoteci { id } team { id } components { id } id } } }',
      { headers },
    );
    expect(res.body.errors).toBeUndefined();
    for (const node of (res.body.data!['jobs'] as { nodes: Record<string, unknown>[] }).nodes) {
      expect(Object.keys(node)).toEqual(['topic', 'remoteci', 'team', 'components', 'id']);
    }
  });
});

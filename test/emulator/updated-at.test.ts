/**
 * What the live pollers rely on (src/live/poller.ts): every write to a job moves its
 * `updated_at` past every timestamp already in the table, and `ge(updated_at, X)` sorted by
 * `updated_at` lists exactly the jobs written since X. Seeded jobs are never "updated" in the
 * future, which would hide later writes behind them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DciJob } from '../../src/dci/types.js';
import { startEmulator } from '../../src/emulator/index.js';
import { comparableNaive } from '../../src/filters/datetime.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { directClient, jobsOf } from '../live/helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function newest(): string {
  return [...h.emulator.store.jobs.values()]
    .map((j) => comparableNaive(j.updated_at))
    .sort()
    .at(-1)!;
}

describe('job updated_at', () => {
  it.each(['tiny', 'demo'] as const)('is never in the future in the %s dataset', async (size) => {
    const now = comparableNaive(new Date().toISOString().replace('Z', ''));
    const emulator = await startEmulator({ size });
    try {
      const latest = [...emulator.store.jobs.values()]
        .map((j) => comparableNaive(j.updated_at))
        .sort()
        .at(-1)!;
      expect(latest <= now).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    ['PUT /jobs/<id>', 'put'],
    ['POST /jobstates', 'jobstate'],
    ['POST /jobs/<id>/kv', 'kv'],
  ])('moves past every other job on %s, and ge(updated_at) lists it', async (_, write) => {
    const client = directClient(h.emulator, 'partnerRemoteci');
    const job = jobsOf(h.emulator, 'partnerRemoteci')[
      write === 'put' ? 1 : write === 'kv' ? 2 : 3
    ]!;
    const before = newest();
    if (write === 'put') {
      await client.update(`/jobs/${job.id}`, h.emulator.store.jobs.get(job.id)!.etag, {
        comment: 'moved',
      });
    } else if (write === 'jobstate') {
      await client.create('/jobstates', { job_id: job.id, status: 'running' });
    } else {
      await client.create(`/jobs/${job.id}/kv`, { key: `k${Date.now()}`, value: 1 });
    }
    const after = comparableNaive(h.emulator.store.jobs.get(job.id)!.updated_at);
    expect(after > before).toBe(true);
    const { items } = await client.list<DciJob>('/jobs', {
      query: `ge(updated_at,${before})`,
      sort: ['updated_at', 'id'],
      limit: 200,
      offset: 0,
    });
    expect(items.at(-1)?.id).toBe(job.id);
    const times = items.map((j) => comparableNaive(j.updated_at));
    expect(times).toEqual([...times].sort());
  });
});

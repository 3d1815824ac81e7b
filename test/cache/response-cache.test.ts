import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/store.js';
import { parseCacheTtls } from '../../src/cache/ttl.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { withOperations } from '../../src/plugins/index.js';
import { createGateway } from '../../src/server.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { partnerJob, UPDATE_JOB } from '../mutations/helpers.js';
import { ask, cacheOptions, fakeClock, post } from './helpers.js';

const JOBS = `{ jobs(first: 20, orderBy: [{ field: CREATED_AT, direction: DESC }]) {
  totalCount nodes { id name status team { name } } } }`;
const TOPICS = '{ topics(first: 3) { nodes { id name } } }';
const JOB = 'query($id: ID!) { job(id: $id) { id comment etag } }';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.log.clear();
  h.emulator.faults.clear();
  h.emulator.setLatency(0);
});

/** DCI requests made as a fixture identity since the last clear. */
function requestsAs(name: 'partnerRemoteci' | 'otherRemoteci' | 'admin'): number {
  const id = h.emulator.fixtures.identities[name];
  const identity = id.kind === 'user' ? `user/${id.name}` : `remoteci/${id.id}`;
  return h.emulator.log.count((e) => e.identity === identity);
}

describe('per-identity response cache', () => {
  it('answers a repeated query of one identity from the cache, without DCI', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const first = await ask(h, g, 'partnerRemoteci', JOBS);
    expect(first.errors).toBeUndefined();
    const paid = h.emulator.log.count();
    expect(paid).toBeGreaterThan(0);
    const second = await ask(h, g, 'partnerRemoteci', JOBS);
    expect(second).toEqual(first);
    expect(h.emulator.log.count()).toBe(paid);
  });

  it('keeps two teams apart under interleaved concurrent requests', async () => {
    const plain = h.gatewayWith({});
    const expectedA = await ask(h, plain, 'partnerRemoteci', JOBS);
    const expectedB = await ask(h, plain, 'otherRemoteci', JOBS);
    expect(expectedA).not.toEqual(expectedB);
    h.emulator.log.clear();
    h.emulator.setLatency(20);

    const g = h.gatewayWith({ cache: cacheOptions() });
    const who = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? ('partnerRemoteci' as const) : ('otherRemoteci' as const),
    );
    // Two rounds: the first races on empty entries, the second is served from the cache.
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(who.map((as) => ask(h, g, as, JOBS)));
      answers.forEach((answer, i) => {
        expect(answer).toEqual(who[i] === 'partnerRemoteci' ? expectedA : expectedB);
      });
    }
    // Each identity paid once, with its own credentials.
    expect(requestsAs('partnerRemoteci')).toBe(1);
    expect(requestsAs('otherRemoteci')).toBe(1);
  });

  it('never lets a wrong password ride on the right one', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const basic = (password: string) => ({
      authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
    });
    const right = await ask(h, g, basic('admin'), TOPICS);
    expect(right.errors).toBeUndefined();
    const wrong = await ask(h, g, basic('not-the-password'), TOPICS);
    expect(wrong.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(wrong.data?.['topics'] ?? null).toBeNull();
  });

  it('keys on the team scope (X-Dci-Team-Id) too', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const admin = h.emulator.fixtures.identities.admin;
    await ask(h, g, 'admin', TOPICS);
    const paid = h.emulator.log.count();
    const headers = {
      authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'x-dci-team-id': admin.teamId,
    };
    await ask(h, g, headers, TOPICS);
    expect(h.emulator.log.count()).toBeGreaterThan(paid);
  });

  it('caches neither error-bearing results nor mutations', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    h.emulator.faults.add({ route: '/jobs', kind: '5xx', times: 1 });
    const failed = await ask(h, g, 'partnerRemoteci', JOBS);
    expect(failed.errors?.[0]?.extensions?.['code']).toBe('DCI_UNAVAILABLE');
    const healed = await ask(h, g, 'partnerRemoteci', JOBS);
    expect(healed.errors).toBeUndefined();
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(2);

    const job = partnerJob(h.emulator);
    h.emulator.log.clear();
    const patch = { comment: 'same' };
    const m1 = await ask<{ updateJob: { job: { etag: string } } }>(
      h,
      g,
      'partnerRemoteci',
      UPDATE_JOB,
      {
        id: job.id,
        etag: job.etag,
        patch,
      },
    );
    expect(m1.errors).toBeUndefined();
    const writes = () => h.emulator.log.count((e) => e.method === 'PUT');
    expect(writes()).toBe(1);
    await ask(h, g, 'partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: m1.data!.updateJob.job.etag,
      patch,
    });
    expect(writes()).toBe(2);
  });

  it('runs concurrent identical queries of one identity once', async () => {
    const plain = h.gatewayWith({});
    await ask(h, plain, 'partnerRemoteci', JOBS);
    const once = h.emulator.log.count();
    h.emulator.log.clear();
    h.emulator.setLatency(50);
    const g = h.gatewayWith({ cache: cacheOptions() });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => ask(h, g, 'partnerRemoteci', JOBS)),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.errors).toBeUndefined();
    expect(h.emulator.log.count()).toBe(once);
  });

  it('shares an in-flight answer even when it cannot be cached', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    h.emulator.setLatency(50);
    h.emulator.faults.add({ route: '/jobs', kind: '5xx', times: 1 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => ask(h, g, 'partnerRemoteci', JOBS)),
    );
    for (const a of answers) expect(a.errors?.[0]?.extensions?.['code']).toBe('DCI_UNAVAILABLE');
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(1);
    // ...and the next one runs again, since nothing was stored.
    expect((await ask(h, g, 'partnerRemoteci', JOBS)).errors).toBeUndefined();
  });
});

describe('TTLs and bounds', () => {
  it('expires job answers after seconds and topic answers after minutes', async () => {
    const clock = fakeClock();
    const g = h.gatewayWith({ cache: cacheOptions({ now: clock.now }) });
    await ask(h, g, 'partnerRemoteci', JOBS);
    await ask(h, g, 'partnerRemoteci', TOPICS);
    h.emulator.log.clear();
    clock.advance(11_000);
    await ask(h, g, 'partnerRemoteci', TOPICS);
    expect(h.emulator.log.count()).toBe(0);
    await ask(h, g, 'partnerRemoteci', JOBS);
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(1);
    clock.advance(300_000);
    await ask(h, g, 'partnerRemoteci', TOPICS);
    expect(h.emulator.log.count((e) => e.route === '/topics')).toBe(1);
  });

  it('takes TTLs from the configured table', async () => {
    const clock = fakeClock();
    const ttls = parseCacheTtls('Topic=5');
    const g = h.gatewayWith({ cache: cacheOptions({ now: clock.now, ttls }) });
    await ask(h, g, 'partnerRemoteci', TOPICS);
    h.emulator.log.clear();
    clock.advance(6_000);
    await ask(h, g, 'partnerRemoteci', TOPICS);
    expect(h.emulator.log.count()).toBe(1);
  });

  it('holds at most maxEntries answers and maxBytes bytes, least recently used out first', async () => {
    const store = createMemoryStore({ maxEntries: 2, maxBytes: 1 << 20 });
    const g = h.gatewayWith({ cache: cacheOptions({ store }) });
    const q = (n: number) => `{ topics(first: ${n}) { nodes { id } } }`;
    await ask(h, g, 'partnerRemoteci', q(1));
    await ask(h, g, 'partnerRemoteci', q(2));
    await ask(h, g, 'partnerRemoteci', q(1)); // q(1) is now the most recent
    await ask(h, g, 'partnerRemoteci', q(3));
    expect(store.size().entries).toBe(2);
    h.emulator.log.clear();
    await ask(h, g, 'partnerRemoteci', q(1));
    expect(h.emulator.log.count()).toBe(0);
    await ask(h, g, 'partnerRemoteci', q(2));
    expect(h.emulator.log.count()).toBe(1);

    const small = createMemoryStore({ maxEntries: 100, maxBytes: 1024 });
    const g2 = h.gatewayWith({ cache: cacheOptions({ store: small }) });
    await ask(h, g2, 'partnerRemoteci', JOBS);
    expect(small.size()).toEqual({ entries: 0, bytes: 0 });
    await ask(h, g2, 'partnerRemoteci', q(1));
    expect(small.size().entries).toBe(1);
    expect(small.size().bytes).toBeLessThanOrEqual(1024);
  });
});

describe('invalidation', () => {
  it('shows a mutation on the next read, for every identity that cached the job', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const job = partnerJob(h.emulator);
    const before = await ask<{ job: { comment: string; etag: string } }>(
      h,
      g,
      'partnerRemoteci',
      JOB,
      {
        id: job.id,
      },
    );
    const adminBefore = await ask<{ job: { comment: string } }>(h, g, 'admin', JOB, { id: job.id });
    expect(adminBefore.data?.job.comment).toBe(before.data?.job.comment);
    const comment = `changed ${Date.now()}`;
    const m = await ask(
      h,
      g,
      'partnerRemoteci',
      'mutation($id: ID!, $etag: String!, $c: String!) { updateJob(id: $id, etag: $etag, patch: { comment: $c }) { job { name } } }',
      {
        id: job.id,
        etag: before.data!.job.etag,
        c: comment,
      },
    );
    expect(m.errors).toBeUndefined();
    const after = await ask<{ job: { comment: string } }>(h, g, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    expect(after.data?.job.comment).toBe(comment);
    const adminAfter = await ask<{ job: { comment: string } }>(h, g, 'admin', JOB, { id: job.id });
    expect(adminAfter.data?.job.comment).toBe(comment);
  });

  it('evicts lists of jobs when a job is created, even lists that did not hold it', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const before = await ask<{ jobs: { totalCount: number } }>(h, g, 'partnerRemoteci', JOBS);
    const { newJob } = await import('../mutations/helpers.js');
    // newJob goes through the harness's own gateway: use ours for the write.
    const harnessOfG = { ...h, query: h.query.bind(h), gateway: g } as Harness;
    const created = await newJob(
      { ...harnessOfG, query: (as, q, v) => h.query(as, q, v, g) },
      'cache-fresh',
    );
    const after = await ask<{ jobs: { totalCount: number; nodes: { id: string }[] } }>(
      h,
      g,
      'partnerRemoteci',
      JOBS,
    );
    expect(after.data!.jobs.totalCount).toBe(before.data!.jobs.totalCount + 1);
    expect(after.data!.jobs.nodes.map((n) => n.id)).toContain(created.id);
  });
});

describe('HTTP caching', () => {
  it('sends ETag and Cache-Control: private with the TTL, and 304 on If-None-Match', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const first = await post(h, g, 'partnerRemoteci', TOPICS);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^private, max-age=(300|299)$/);
    const body = await first.text();
    const second = await post(h, g, 'partnerRemoteci', TOPICS);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(body);
    const jobs = await post(h, g, 'partnerRemoteci', JOBS);
    expect(jobs.headers.get('cache-control')).toMatch(/^private, max-age=(10|9)$/);

    const conditional = await post(h, g, 'partnerRemoteci', TOPICS, undefined, {
      'if-none-match': etag!,
    });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');
    expect(conditional.headers.get('etag')).toBe(etag);
  });

  it('answers another identity in full even when it sends someone else’s ETag', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    const a = await post(h, g, 'partnerRemoteci', JOBS);
    const etag = a.headers.get('etag')!;
    const b = await post(h, g, 'otherRemoteci', JOBS, undefined, { 'if-none-match': etag });
    expect(b.status).toBe(200);
    expect(b.headers.get('etag')).not.toBe(etag);
  });

  it('sends no cache headers on mutations and errors', async () => {
    const g = h.gatewayWith({ cache: cacheOptions() });
    h.emulator.faults.add({ route: '/jobs', kind: '5xx', times: 1 });
    const failed = await post(h, g, 'partnerRemoteci', JOBS);
    expect(failed.headers.get('etag')).toBeNull();
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('metrics', () => {
  it('counts hits, misses and evictions in /metrics', async () => {
    const metrics = createMetrics();
    const g = createGateway(
      withOperations({ dciUrl: h.emulator.url, cache: cacheOptions() }, { metrics }),
    );
    const job = partnerJob(h.emulator);
    const read = await ask<{ job: { etag: string } }>(h, g, 'partnerRemoteci', JOB, { id: job.id });
    await ask(h, g, 'partnerRemoteci', JOB, { id: job.id });
    await ask(h, g, 'partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: read.data!.job.etag,
      patch: { comment: 'metrics' },
    });
    const text = await (await g.fetch('http://gateway/metrics')).text();
    expect(text).toMatch(/dci_graphql_response_cache_hits_total\{source="store"\} 1/);
    expect(text).toMatch(/dci_graphql_response_cache_misses_total 1/);
    expect(text).toMatch(
      /dci_graphql_response_cache_evictions_total\{reason="invalidation"\} [1-9]/,
    );
  });
});

describe('invalidation from outside the gateway', () => {
  it('evicts the answers holding a job changed directly in DCI when told', async () => {
    const { invalidateJobs } = await import('../../src/cache/invalidate.js');
    const cache = cacheOptions();
    const g = h.gatewayWith({ cache });
    const job = partnerJob(h.emulator);
    await ask(h, g, 'partnerRemoteci', JOB, { id: job.id });
    h.emulator.store.jobs.get(job.id)!.comment = 'changed behind the gateway';
    const stale = await ask<{ job: { comment: string } }>(h, g, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    expect(stale.data?.job.comment).not.toBe('changed behind the gateway');
    expect(await invalidateJobs(cache, [job.id])).toBe(1);
    const fresh = await ask<{ job: { comment: string } }>(h, g, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    expect(fresh.data?.job.comment).toBe('changed behind the gateway');
  });
});

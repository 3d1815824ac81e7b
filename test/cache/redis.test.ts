/**
 * Two gateways sharing one real Redis (Debian's redis-server on a free loopback port), as two
 * replicas behind a load balancer would: one response cache, one copy of each entry.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisStore, sharedCacheKey } from '../../src/cache/redis-store.js';
import { closeRedisConnections, createRedisConnection } from '../../src/redis/connection.js';
import type { Gateway } from '../../src/server.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { partnerJob } from '../mutations/helpers.js';
import { type RedisServer, skipWithout, startRedis } from '../support/services.js';
import { ask, cacheOptions, post } from './helpers.js';

const JOBS = `{ jobs(first: 20, orderBy: [{ field: CREATED_AT, direction: DESC }]) {
  totalCount nodes { id name status team { name } } } }`;
const JOB = 'query($id: ID!) { job(id: $id) { id comment etag } }';

describe.skipIf(skipWithout('redis'))('response cache in Redis, shared by two replicas', () => {
  let h: Harness;
  let server: RedisServer;
  let redisA: Redis;
  let redisB: Redis;
  let a: Gateway;
  let b: Gateway;

  beforeAll(async () => {
    h = await startHarness();
    server = await startRedis();
    redisA = createRedisConnection(server.url, { name: 'replica-a' });
    redisB = createRedisConnection(server.url, { name: 'replica-b' });
    a = h.gatewayWith({ cache: cacheOptions({ store: createRedisStore(redisA) }) });
    b = h.gatewayWith({ cache: cacheOptions({ store: createRedisStore(redisB) }) });
  });
  afterAll(async () => {
    await closeRedisConnections(redisA, redisB);
    await server.stop();
    await h.close();
  });
  beforeEach(async () => {
    await redisA.flushdb();
    h.emulator.log.clear();
  });

  it('serves through B what A cached, for the same identity only', async () => {
    const viaA = await ask(h, a, 'partnerRemoteci', JOBS);
    expect(viaA.errors).toBeUndefined();
    const paid = h.emulator.log.count();
    const viaB = await ask(h, b, 'partnerRemoteci', JOBS);
    expect(viaB).toEqual(viaA);
    expect(h.emulator.log.count()).toBe(paid);

    const otherViaB = await ask(h, b, 'otherRemoteci', JOBS);
    expect(otherViaB.errors).toBeUndefined();
    expect(otherViaB).not.toEqual(viaA);
    expect(h.emulator.log.count()).toBeGreaterThan(paid);
    const otherId = h.emulator.fixtures.identities.otherRemoteci.id;
    expect(h.emulator.log.count((e) => e.identity === `remoteci/${otherId}`)).toBe(1);
  });

  it('keeps identities apart under interleaved concurrent requests through both replicas', async () => {
    const plain = h.gatewayWith({});
    const expectedA = await ask(h, plain, 'partnerRemoteci', JOBS);
    const expectedB = await ask(h, plain, 'otherRemoteci', JOBS);
    const calls = Array.from({ length: 16 }, (_, i) => ({
      as: i % 2 === 0 ? ('partnerRemoteci' as const) : ('otherRemoteci' as const),
      via: i % 4 < 2 ? a : b,
    }));
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(calls.map((c) => ask(h, c.via, c.as, JOBS)));
      answers.forEach((answer, i) => {
        expect(answer).toEqual(calls[i]!.as === 'partnerRemoteci' ? expectedA : expectedB);
      });
    }
  });

  it('evicts B’s entry when a mutation goes through A', async () => {
    const job = partnerJob(h.emulator);
    const read = await ask<{ job: { comment: string; etag: string } }>(
      h,
      b,
      'partnerRemoteci',
      JOB,
      {
        id: job.id,
      },
    );
    h.emulator.log.clear();
    expect(await ask(h, b, 'partnerRemoteci', JOB, { id: job.id })).toEqual(read);
    expect(h.emulator.log.count()).toBe(0);

    const comment = `through A ${Date.now()}`;
    const m = await ask(
      h,
      a,
      'partnerRemoteci',
      'mutation($id: ID!, $etag: String!, $c: String!) { updateJob(id: $id, etag: $etag, patch: { comment: $c }) { job { id } } }',
      { id: job.id, etag: read.data!.job.etag, c: comment },
    );
    expect(m.errors).toBeUndefined();
    const after = await ask<{ job: { comment: string } }>(h, b, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    expect(after.data?.job.comment).toBe(comment);
  });

  it('answers 304 through B to the ETag A sent', async () => {
    const first = await post(h, a, 'partnerRemoteci', JOBS);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const second = await post(h, b, 'partnerRemoteci', JOBS, undefined, { 'if-none-match': etag });
    expect(second.status).toBe(304);
  });

  it('keeps every key under the gateway prefix, with an expiry, and no credential in any', async () => {
    await ask(h, a, 'partnerRemoteci', JOBS);
    const keys = await redisA.keys('*');
    expect(keys.length).toBeGreaterThan(1);
    const secret = (h.emulator.fixtures.identities.partnerRemoteci.auth as { secret: string })
      .secret;
    for (const key of keys) {
      expect(key.startsWith('dci-graphql:cache:')).toBe(true);
      expect(key).not.toContain(secret);
      if (key !== 'dci-graphql:cache:epoch') expect(await redisA.pttl(key)).toBeGreaterThan(0);
    }
    for (const key of keys.filter((k) => k.includes(':r:'))) {
      expect(await redisA.get(key)).not.toContain(secret);
    }
  });

  it('lets replicas without a configured secret agree on one identity key through Redis', async () => {
    const one = await sharedCacheKey(redisA, Buffer.alloc(32, 1));
    const two = await sharedCacheKey(redisB, Buffer.alloc(32, 2));
    expect(two.equals(one)).toBe(true);
  });
});

describe('response cache with Redis unreachable', () => {
  it('answers uncached instead of failing, and reports the store errors', async () => {
    const { freePort } = await import('../support/services.js');
    const h = await startHarness();
    const port = await freePort();
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, {
      name: 'nowhere',
      ioredis: { maxRetriesPerRequest: 0, retryStrategy: () => null },
    });
    const errors: unknown[] = [];
    try {
      const g = h.gatewayWith({
        cache: cacheOptions({ store: createRedisStore(redis), onError: (e) => errors.push(e) }),
      });
      const answer = await ask(h, g, 'partnerRemoteci', JOBS);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toHaveProperty('jobs.totalCount');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
      await h.close();
    }
  });
});

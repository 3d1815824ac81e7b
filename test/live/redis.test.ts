/**
 * Several replicas, one Redis (Debian's redis-server, started on a free loopback port): job
 * events travel over Redis pub/sub, so a mutation through replica A reaches B's subscribers,
 * and one replica at a time polls DCI for a shared (identity, filter), under a Redis lease.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedIdentityKey } from '../../src/live/identity.js';
import { redisLeases } from '../../src/live/lease.js';
import { redisBus } from '../../src/live/redis-bus.js';
import { closeRedisConnections, createRedisConnection } from '../../src/redis/connection.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { type RedisServer, skipWithout, startRedis } from '../support/services.js';
import {
  isPollerRequest,
  jobsOf,
  type LiveGateway,
  liveGateway,
  postJobState,
  subscribeAs,
} from './helpers.js';

const EVENTS = `subscription($filter: JobFilter) {
  jobEvents(filter: $filter) { kind job { id status } }
}`;
interface EventView {
  kind: string;
  job: { id: string; status: string };
}

describe.skipIf(skipWithout('redis'))('replicas sharing one Redis', () => {
  let redis: RedisServer;
  let h: Harness;
  const opened: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    h = await startHarness();
  });
  afterAll(async () => {
    for (const close of opened.reverse()) await close();
    await h?.close();
    await redis?.stop();
  });

  /** A replica: a gateway whose hub talks to the shared Redis over its own two connections. */
  async function replica(pollIntervalMs: number): Promise<LiveGateway> {
    const publisher = createRedisConnection(redis.url, { name: 'test-live' });
    const subscriber = createRedisConnection(redis.url, { name: 'test-live-sub' });
    const g = liveGateway(h.emulator, {
      pollIntervalMs,
      bus: redisBus(publisher, subscriber),
      leases: redisLeases(publisher),
      identityKey: await sharedIdentityKey(publisher),
    });
    opened.push(async () => {
      await g.live.close();
      await closeRedisConnections(subscriber, publisher);
    });
    return g;
  }

  it('agrees on the identity key through Redis', async () => {
    const a = createRedisConnection(redis.url, { name: 'test-a' });
    const b = createRedisConnection(redis.url, { name: 'test-b' });
    try {
      const [ka, kb] = await Promise.all([sharedIdentityKey(a), sharedIdentityKey(b)]);
      expect(ka.equals(kb)).toBe(true);
      expect(ka.length).toBe(32);
    } finally {
      await closeRedisConnections(a, b);
    }
  });

  it("delivers a mutation made through A to B's subscribers", async () => {
    // Pollers that look once an hour: only the announcement through Redis brings the event.
    const [a, b] = [await replica(3_600_000), await replica(3_600_000)];
    const job = jobsOf(h.emulator, 'partnerRemoteci')[1]!;
    const sub = await subscribeAs<{ jobEvents: EventView }>(
      b,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      {
        filter: { id: { in: [job.id] } },
      },
    );
    try {
      const r = await h.query(
        'partnerRemoteci',
        'mutation($id: ID!) { addJobState(jobId: $id, status: RUNNING) { job { id } } }',
        { id: job.id },
        a.gateway,
      );
      expect(r.errors).toBeUndefined();
      expect((await sub.next())?.data?.jobEvents).toMatchObject({
        kind: 'UPDATED',
        job: { id: job.id, status: 'RUNNING' },
      });
      expect(a.live.pollers).toBe(0);
    } finally {
      await sub.close();
    }
  });

  it('polls DCI from one replica only for a (identity, filter) subscribed on both', async () => {
    const [a, b] = [await replica(3_600_000), await replica(3_600_000)];
    const job = jobsOf(h.emulator, 'partnerRemoteci')[2]!;
    const filter = { remoteciId: { eq: job.remoteci_id }, name: { eq: job.name } };
    const before = h.emulator.log.count(isPollerRequest);
    const onA = await subscribeAs<{ jobEvents: EventView }>(
      a,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      {
        filter,
      },
    );
    const onB = await subscribeAs<{ jobEvents: EventView }>(
      b,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      {
        filter,
      },
    );
    try {
      expect([a.live.pollers, b.live.pollers]).toEqual([1, 1]);
      const leading = async (g: LiveGateway) =>
        Number(
          /dci_graphql_live_pollers\{role="leading"\} (\d+)/.exec(
            await g.metrics.registry.metrics(),
          )?.[1],
        );
      expect((await leading(a)) + (await leading(b))).toBe(1);
      // One change, announced to both replicas: one poll, and both subscribers see it.
      await h.query(
        'partnerRemoteci',
        'mutation($id: ID!) { addJobState(jobId: $id, status: POST_RUN) { job { id } } }',
        { id: job.id },
        b.gateway,
      );
      for (const sub of [onA, onB]) {
        expect((await sub.next())?.data?.jobEvents).toMatchObject({
          job: { id: job.id, status: 'POST_RUN' },
        });
      }
      // The baseline and one poll, by whichever replica holds the lease.
      expect(h.emulator.log.count(isPollerRequest) - before).toBe(2);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });

  it('hands polling over to the other replica when the polling one stops', async () => {
    const [a, b] = [await replica(100), await replica(100)];
    const job = jobsOf(h.emulator, 'partnerRemoteci')[3]!;
    const filter = { id: { in: [job.id] } };
    const onA = await subscribeAs<{ jobEvents: EventView }>(
      a,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      {
        filter,
      },
    );
    const onB = await subscribeAs<{ jobEvents: EventView }>(
      b,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      {
        filter,
      },
    );
    // A subscribed first, so A polls; its subscriber leaves and its poller stops.
    await onA.close();
    await vi.waitFor(() => expect(a.live.pollers).toBe(0));
    // A change directly in DCI still reaches B's subscriber: B took the lease over.
    await postJobState(h.emulator, 'partnerRemoteci', job.id, 'killed');
    try {
      expect((await onB.next())?.data?.jobEvents).toMatchObject({
        job: { id: job.id, status: 'KILLED' },
      });
    } finally {
      await onB.close();
    }
  });

  it('lets a lease expire when its holder stops renewing, and only then', async () => {
    const connection = createRedisConnection(redis.url, { name: 'test-lease' });
    const leases = redisLeases(connection);
    try {
      expect(await leases.hold('test:lease', 'a', 300)).toBe(true);
      expect(await leases.hold('test:lease', 'b', 300)).toBe(false);
      expect(await leases.hold('test:lease', 'a', 300)).toBe(true);
      // 'a' died: no more renewals. 'b' gets the lease once it expired.
      await vi.waitFor(async () => expect(await leases.hold('test:lease', 'b', 300)).toBe(true), {
        timeout: 5000,
        interval: 50,
      });
      expect(await leases.hold('test:lease', 'a', 300)).toBe(false);
      await leases.release('test:lease', 'a');
      expect(await leases.hold('test:lease', 'b', 300)).toBe(true);
    } finally {
      await closeRedisConnections(connection);
    }
  });
});

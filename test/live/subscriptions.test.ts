/**
 * Live job events over SSE, in one process: what a subscriber of `job(id)` and of `jobEvents`
 * receives when jobs change directly in DCI (the emulator) or through the gateway, what it
 * costs DCI, and that each identity only ever sees its own jobs.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DciClient } from '../../src/dci/client.js';
import type { DciJob } from '../../src/dci/types.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import {
  isPollerRequest,
  jobsOf,
  type LiveGateway,
  liveGateway,
  postJobState,
  renameJob,
  subscribeAs,
} from './helpers.js';

let h: Harness;
let g: LiveGateway;

beforeAll(async () => {
  h = await startHarness();
  g = liveGateway(h.emulator);
});
afterAll(async () => {
  await g.live.close();
  await h.close();
});

const JOB = 'subscription($id: ID!) { job(id: $id) { id status state etag name } }';
const EVENTS = `subscription($filter: JobFilter) {
  jobEvents(filter: $filter) { kind at job { id name status team { id } } }
}`;

interface JobView {
  id: string;
  status: string;
  state: string;
  etag: string;
  name: string;
}
interface EventView {
  kind: string;
  at: string;
  job: { id: string; name: string; status: string; team: { id: string } | null };
}

describe('job(id)', () => {
  it('sends the job now, then again when it changes directly in DCI', async () => {
    const job = jobsOf(h.emulator, 'partnerRemoteci')[0]!;
    const sub = await subscribeAs<{ job: JobView }>(g, h.emulator, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    try {
      expect(sub.contentType).toContain('text/event-stream');
      const first = await sub.next();
      expect(first?.data?.job).toMatchObject({ id: job.id, etag: job.etag });
      await postJobState(h.emulator, 'partnerRemoteci', job.id, 'killed');
      const second = await sub.next();
      expect(second?.data?.job.status).toBe('KILLED');
      expect(second?.data?.job.etag).toBe(h.emulator.store.jobs.get(job.id)!.etag);
    } finally {
      await sub.close();
    }
  });

  it('ends with the job archived when it is deleted directly in DCI', async () => {
    const job = jobsOf(h.emulator, 'partnerRemoteci')[3]!;
    const sub = await subscribeAs<{ job: JobView }>(g, h.emulator, 'partnerRemoteci', JOB, {
      id: job.id,
    });
    try {
      expect((await sub.next())?.data?.job.state).toBe('ACTIVE');
      // A remoteci may not delete jobs (§4.4): the team's user does.
      const user = new DciClient({
        baseUrl: h.emulator.url,
        auth: h.emulator.fixtures.identities.partnerUser.auth,
      });
      await user.delete(`/jobs/${job.id}`, { etag: h.emulator.store.jobs.get(job.id)!.etag });
      const last = await sub.next();
      expect(last?.data?.job).toMatchObject({ id: job.id, state: 'ARCHIVED' });
      expect(await sub.next()).toBeNull();
    } finally {
      await sub.close();
    }
  });

  it("answers NOT_FOUND for another team's job, and BAD_USER_INPUT for a malformed id", async () => {
    const foreign = jobsOf(h.emulator, 'otherRemoteci')[0]!;
    const sub = await subscribeAs(g, h.emulator, 'partnerRemoteci', JOB, { id: foreign.id });
    const result = await sub.next();
    await sub.close();
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toContain(foreign.name);

    const bad = await subscribeAs(g, h.emulator, 'partnerRemoteci', JOB, { id: 'nope' });
    const refused = await bad.next();
    await bad.close();
    expect(refused?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('jobEvents', () => {
  it('sends matching jobs changed directly in DCI, and not the others', async () => {
    const [watched, other] = jobsOf(h.emulator, 'partnerRemoteci').slice(5, 7) as [DciJob, DciJob];
    const sub = await subscribeAs<{ jobEvents: EventView }>(
      g,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      { filter: { name: { eq: 'live-watched' } } },
    );
    try {
      // The other job changes first: were it sent, it would be the first event.
      await renameJob(h.emulator, 'partnerRemoteci', other.id, 'live-unwatched');
      await renameJob(h.emulator, 'partnerRemoteci', watched.id, 'live-watched');
      const event = await sub.next();
      expect(event?.data?.jobEvents).toMatchObject({
        kind: 'UPDATED',
        job: { id: watched.id, name: 'live-watched' },
      });
      expect(event?.data?.jobEvents.at).toBe(
        `${h.emulator.store.jobs.get(watched.id)!.updated_at}Z`,
      );
    } finally {
      await sub.close();
    }
  });

  it('sends CREATED for a job created directly in DCI', async () => {
    const sub = await subscribeAs<{ jobEvents: EventView }>(
      g,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      { filter: { name: { eq: 'live-created' } } },
    );
    try {
      const template = jobsOf(h.emulator, 'partnerRemoteci')[0]!;
      const components = h.emulator.store.jobComponents
        .filter((l) => l.job_id === template.id)
        .map((l) => l.component_id);
      const client = new DciClient({
        baseUrl: h.emulator.url,
        auth: h.emulator.fixtures.identities.partnerRemoteci.auth,
      });
      const created = await client.create<{ id: string }>('/jobs', {
        topic_id: template.topic_id,
        components,
        name: 'live-created',
      });
      const event = await sub.next();
      expect(event?.data?.jobEvents).toMatchObject({
        kind: 'CREATED',
        job: { id: created.item!.id, name: 'live-created', status: 'NEW' },
      });
    } finally {
      await sub.close();
    }
  });

  it('publishes a mutation made through the gateway at once, without waiting for a poll', async () => {
    // Pollers that look once an hour: only the mutation's announcement can bring the event.
    const slow = liveGateway(h.emulator, { pollIntervalMs: 3_600_000 });
    const job = jobsOf(h.emulator, 'partnerRemoteci')[8]!;
    const sub = await subscribeAs<{ jobEvents: EventView }>(
      slow,
      h.emulator,
      'partnerRemoteci',
      EVENTS,
      { filter: { id: { in: [job.id] } } },
    );
    try {
      const r = await h.query(
        'partnerRemoteci',
        'mutation($id: ID!) { addJobState(jobId: $id, status: RUNNING) { job { id } } }',
        { id: job.id },
        slow.gateway,
      );
      expect(r.errors).toBeUndefined();
      const event = await sub.next();
      expect(event?.data?.jobEvents).toMatchObject({
        kind: 'UPDATED',
        job: { id: job.id, status: 'RUNNING' },
      });
    } finally {
      await sub.close();
      await slow.live.close();
    }
  });
});

describe('sharing one poller', () => {
  /** Poller requests for N subscribers through one change made through the gateway. */
  async function pollerCost(subscribers: number): Promise<number> {
    const g = liveGateway(h.emulator, { pollIntervalMs: 3_600_000 });
    const job = jobsOf(h.emulator, 'partnerRemoteci')[10]!;
    const filter = { remoteciId: { eq: job.remoteci_id } };
    const before = h.emulator.log.count(isPollerRequest);
    const subs = await Promise.all(
      Array.from({ length: subscribers }, () =>
        subscribeAs<{ jobEvents: EventView }>(g, h.emulator, 'partnerRemoteci', EVENTS, {
          filter,
        }),
      ),
    );
    try {
      expect(g.live.pollers).toBe(1);
      expect(g.live.subscribers).toBe(subscribers);
      await h.query(
        'partnerRemoteci',
        'mutation($id: ID!) { addJobState(jobId: $id, status: POST_RUN) { job { id } } }',
        { id: job.id },
        g.gateway,
      );
      const events = await Promise.all(subs.map((s) => s.next()));
      for (const e of events) {
        expect(e?.data?.jobEvents).toMatchObject({ kind: 'UPDATED', job: { id: job.id } });
      }
      return h.emulator.log.count(isPollerRequest) - before;
    } finally {
      await Promise.all(subs.map((s) => s.close()));
      await vi.waitFor(() => expect(g.live.pollers).toBe(0));
      expect(g.live.subscribers).toBe(0);
      await g.live.close();
    }
  }

  it('100 subscribers of one (identity, filter) cost DCI the requests of one', async () => {
    const one = await pollerCost(1);
    const hundred = await pollerCost(100);
    // A baseline and one poll after the change, whatever the number of subscribers.
    expect(one).toBe(2);
    expect(hundred).toBe(one);
  });

  it('reads the first value of job(id) once for all its subscribers', async () => {
    const g = liveGateway(h.emulator, { pollIntervalMs: 3_600_000 });
    const job = jobsOf(h.emulator, 'partnerRemoteci')[11]!;
    const before = h.emulator.log.count();
    const subs = await Promise.all(
      Array.from({ length: 50 }, () =>
        subscribeAs<{ job: JobView }>(g, h.emulator, 'partnerRemoteci', JOB, { id: job.id }),
      ),
    );
    const firsts = await Promise.all(subs.map((s) => s.next()));
    for (const f of firsts) expect(f?.data?.job.id).toBe(job.id);
    expect(h.emulator.log.count() - before).toBe(1);
    await Promise.all(subs.map((s) => s.close()));
    await vi.waitFor(() => expect(g.live.pollers).toBe(0));
    await g.live.close();
  });
});

describe('identities', () => {
  it('never shows one identity the jobs of another, interleaved', async () => {
    const partnerJob = jobsOf(h.emulator, 'partnerRemoteci')[12]!;
    const otherJob = jobsOf(h.emulator, 'otherRemoteci')[0]!;
    const [partner, other] = await Promise.all([
      subscribeAs<{ jobEvents: EventView }>(g, h.emulator, 'partnerRemoteci', EVENTS),
      subscribeAs<{ jobEvents: EventView }>(g, h.emulator, 'otherRemoteci', EVENTS),
    ]);
    try {
      await postJobState(h.emulator, 'otherRemoteci', otherJob.id, 'running');
      await postJobState(h.emulator, 'partnerRemoteci', partnerJob.id, 'running');
      await postJobState(h.emulator, 'otherRemoteci', otherJob.id, 'post-run');
      const partnerTeam = h.emulator.fixtures.identities.partnerRemoteci.teamId;
      const otherTeam = h.emulator.fixtures.identities.otherRemoteci.teamId;
      // Each one's first event is its own job, although the other team's changed first.
      const p = await partner.next();
      const o = await other.next();
      expect(p?.data?.jobEvents.job).toMatchObject({
        id: partnerJob.id,
        team: { id: partnerTeam },
      });
      expect(o?.data?.jobEvents.job).toMatchObject({ id: otherJob.id, team: { id: otherTeam } });
      // The partner's next event is its own again, never the other team's second change.
      await postJobState(h.emulator, 'partnerRemoteci', partnerJob.id, 'success');
      const p2 = await partner.next();
      expect(p2?.data?.jobEvents.job).toMatchObject({ id: partnerJob.id, status: 'SUCCESS' });
    } finally {
      await Promise.all([partner.close(), other.close()]);
    }
  });
});

describe('limits', () => {
  it('bounds subscriptions per identity with SUBSCRIPTION_LIMIT_EXCEEDED', async () => {
    const small = liveGateway(h.emulator, { maxSubscriptionsPerIdentity: 2 });
    const open = await Promise.all([
      subscribeAs(small, h.emulator, 'partnerRemoteci', EVENTS),
      subscribeAs(small, h.emulator, 'partnerRemoteci', EVENTS, { filter: { name: { eq: 'x' } } }),
    ]);
    try {
      const third = await subscribeAs(small, h.emulator, 'partnerRemoteci', EVENTS);
      const refused = await third.next();
      await third.close();
      expect(refused?.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBSCRIPTION_LIMIT_EXCEEDED',
        scope: 'identity',
        limit: 2,
      });
      // Another identity has its own allowance.
      const other = await subscribeAs(small, h.emulator, 'otherRemoteci', EVENTS);
      expect(other.contentType).toContain('text/event-stream');
      await other.close();
      // Leaving frees a place.
      await open.pop()!.close();
      await vi.waitFor(() => expect(small.live.subscribers).toBe(1));
      const again = await subscribeAs(small, h.emulator, 'partnerRemoteci', EVENTS);
      expect(again.contentType).toContain('text/event-stream');
      open.push(again);
    } finally {
      await Promise.all(open.map((s) => s.close()));
      await small.live.close();
    }
  });

  it('carries one subscription per stream: a second root field is refused', async () => {
    const sub = await subscribeAs(
      g,
      h.emulator,
      'partnerRemoteci',
      'subscription { a: jobEvents { kind } b: jobEvents { kind } }',
    );
    const result = await sub.next();
    await sub.close();
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses subscriptions without credentials', async () => {
    const sub = await (await import('./sse.js')).subscribe(
      (url, init) => Promise.resolve(g.gateway.fetch(url, init)),
      'http://gateway/graphql',
      {},
      EVENTS,
    );
    const result = await sub.next();
    await sub.close();
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('metrics', () => {
  it('reports pollers, subscribers and events published', async () => {
    const m = liveGateway(h.emulator);
    const job = jobsOf(h.emulator, 'partnerRemoteci')[13]!;
    const sub = await subscribeAs(m, h.emulator, 'partnerRemoteci', JOB, { id: job.id });
    await sub.next();
    await postJobState(h.emulator, 'partnerRemoteci', job.id, 'running');
    await sub.next();
    const text = await (await m.gateway.fetch('http://gateway/metrics')).text();
    await sub.close();
    await m.live.close();
    expect(text).toMatch(/dci_graphql_live_subscribers 1/);
    expect(text).toMatch(/dci_graphql_live_pollers\{role="leading"\} 1/);
    expect(text).toMatch(/dci_graphql_live_events_published_total\{kind="UPDATED"\} [1-9]/);
    expect(text).toMatch(/dci_graphql_live_poll_requests_total [1-9]/);
  });
});

describe('with the response cache', () => {
  it('evicts a cached job when a poller sees it change directly in DCI', async () => {
    const { cacheOptions } = await import('../cache/helpers.js');
    const { withOperations } = await import('../../src/plugins/index.js');
    const { createGateway, liveHubFor } = await import('../../src/server.js');
    const options = withOperations({
      dciUrl: h.emulator.url,
      retry: { retries: 0 },
      cache: cacheOptions(),
    });
    const live = liveHubFor(options, { pollIntervalMs: 100 });
    const gateway = createGateway({ ...options, live });
    const job = jobsOf(h.emulator, 'partnerRemoteci')[14]!;
    const read = () =>
      h.query<{ job: { status: string } }>(
        'partnerRemoteci',
        'query($id: ID!) { job(id: $id) { id status } }',
        { id: job.id },
        gateway,
      );
    await read();
    const sub = await subscribeAs<{ job: JobView }>(
      { gateway, live, metrics: g.metrics },
      h.emulator,
      'partnerRemoteci',
      JOB,
      { id: job.id },
    );
    try {
      await sub.next();
      await postJobState(h.emulator, 'partnerRemoteci', job.id, 'error');
      // The answer was cached before the change; the poller's event evicted it.
      expect((await sub.next())?.data?.job.status).toBe('ERROR');
      expect((await read()).data?.job.status).toBe('ERROR');
      // Counted like a mutation's evictions.
      const { metricsOf } = await import('../../src/plugins/index.js');
      const text = await metricsOf(options).registry.metrics();
      expect(text).toMatch(
        /dci_graphql_response_cache_evictions_total\{reason="invalidation"\} [1-9]/,
      );
    } finally {
      await sub.close();
      await live.close();
    }
  });
});

describe('shutdown', () => {
  it('ends every stream and stops every poller when the hub closes (SIGTERM)', async () => {
    const closing = liveGateway(h.emulator);
    const job = jobsOf(h.emulator, 'partnerRemoteci')[15]!;
    const subs = await Promise.all([
      subscribeAs(closing, h.emulator, 'partnerRemoteci', JOB, { id: job.id }),
      subscribeAs(closing, h.emulator, 'otherRemoteci', EVENTS),
    ]);
    await subs[0]!.next();
    expect(closing.live.pollers).toBe(2);
    await closing.live.close();
    for (const sub of subs) {
      expect(await sub.next()).toBeNull();
      expect(sub.completed()).toBe(true);
    }
    expect(closing.live.pollers).toBe(0);
    expect(closing.live.subscribers).toBe(0);
    const late = await subscribeAs(closing, h.emulator, 'partnerRemoteci', EVENTS);
    expect((await late.next())?.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
  });
});

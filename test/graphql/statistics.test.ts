/**
 * Job statistics from DCI counts, DCI's /stats, and the coverage matrix of a topic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../src/dci/types.js';
import type { JobRow } from '../../src/emulator/index.js';
import { type Harness, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const jobs = () => visible(h.emulator.store.jobs);
const naive = (iso: string) => iso.replace('Z', '');
const gql = (s: string) => s.toUpperCase().replace('-', '_');

function expectedStats(rows: JobRow[]) {
  return {
    total: rows.length,
    byStatus: JOB_STATUSES.map((s) => ({
      status: gql(s),
      count: rows.filter((j) => j.status === s).length,
    })),
  };
}

/** Runs with 50 ms of latency, so that the waves show. */
async function timed<T>(fn: () => Promise<T>): Promise<T> {
  h.emulator.setLatency(50);
  try {
    return await fn();
  } finally {
    h.emulator.setLatency(0);
  }
}

const busiestTopic = () => {
  const counts = new Map<string, number>();
  for (const j of jobs()) counts.set(j.topic_id, (counts.get(j.topic_id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
};

describe('jobStats', () => {
  const STATS = '{ total byStatus { status count } }';

  it("counts a topic's jobs per status with limit=1 requests, all in one wave", async () => {
    const topicId = busiestTopic();
    await h.query('admin', `{ topic(id: "${topicId}") { jobStats ${STATS} } }`);
    h.emulator.log.clear();
    const res = await timed(() =>
      h.query('admin', `{ topic(id: "${topicId}") { jobStats ${STATS} } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      topic: { jobStats: expectedStats(jobs().filter((j) => j.topic_id === topicId)) },
    });
    const counts = h.emulator.log.entries((e) => e.route === '/jobs');
    expect(counts).toHaveLength(9);
    expect(counts.every((e) => e.query['limit'] === '1' && e.query['offset'] === '0')).toBe(true);
    expect(h.emulator.log.waves((e) => e.route === '/jobs')).toBe(1);
  });

  it('asks only for the total when only the total is selected', async () => {
    h.emulator.log.clear();
    await h.query('admin', `{ topic(id: "${busiestTopic()}") { jobStats { total } } }`);
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(1);
  });

  it('filters by time window and remote CI', async () => {
    const topicId = busiestTopic();
    const rows = jobs().filter((j) => j.topic_id === topicId);
    const sorted = rows.map((j) => j.created_at).sort();
    const since = `${sorted[Math.floor(sorted.length / 4)]!.slice(0, 19)}Z`;
    const until = `${sorted[Math.floor((3 * sorted.length) / 4)]!.slice(0, 19)}Z`;
    const remoteciId = rows[0]!.remoteci_id;
    const res = await h.query(
      'admin',
      `query ($t: ID!, $s: DateTime, $u: DateTime, $r: ID) { topic(id: $t) {
        window: jobStats(since: $s, until: $u) ${STATS} rci: jobStats(remoteciId: $r) { total } } }`,
      { t: topicId, s: since, u: until, r: remoteciId },
    );
    const inWindow = rows.filter(
      (j) => j.created_at >= naive(since) && j.created_at.slice(0, 19) < naive(until),
    );
    expect(res.data).toEqual({
      topic: {
        window: expectedStats(inWindow),
        rci: { total: rows.filter((j) => j.remoteci_id === remoteciId).length },
      },
    });
  });

  it('counts products and remote CIs the same way, as DCI scopes the caller', async () => {
    const productId = jobs()[0]!.product_id;
    const partner = h.emulator.fixtures.identities.partnerRemoteci;
    const query = `{ product(id: "${productId}") { jobStats { total } } remoteci(id: "${partner.id}") { jobStats ${STATS} } }`;
    const res = await h.query('partnerUser', query);
    expect(res.errors).toBeUndefined();
    const mine = jobs().filter((j) => j.team_id === partner.teamId);
    expect(res.data).toEqual({
      product: { jobStats: { total: mine.filter((j) => j.product_id === productId).length } },
      remoteci: { jobStats: expectedStats(mine.filter((j) => j.remoteci_id === partner.id)) },
    });
  });

  it("counts a component's jobs from its detail, one request", async () => {
    const link = h.emulator.store.jobComponents[0]!;
    const using = new Set(
      h.emulator.store.jobComponents
        .filter((l) => l.component_id === link.component_id)
        .map((l) => l.job_id),
    );
    h.emulator.log.clear();
    const res = await h.query(
      'admin',
      `{ component(id: "${link.component_id}") { jobStats ${STATS} jobs(first: 1) { totalCount } } }`,
    );
    expect(res.data).toMatchObject({
      component: { jobStats: expectedStats(jobs().filter((j) => using.has(j.id))) },
    });
    expect(h.emulator.log.count((e) => e.route === '/components/:id')).toBe(1);
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(0);
  });

  it.each([
    [
      'since after until',
      '{ since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z" }',
      'since',
    ],
    ['a remoteciId that is not a UUID', '{ remoteciId: "nope" }', 'remoteciId'],
  ])('refuses %s before asking DCI', async (_, args, field) => {
    const vars = args.replace(/^\{ | \}$/g, '');
    h.emulator.log.clear();
    const res = await h.query(
      'admin',
      `{ topic(id: "${busiestTopic()}") { jobStats(${vars}) { total } } }`,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(0);
  });
});

describe('DCI statistics (GET /stats)', () => {
  const LATEST = '{ jobId status createdAt remoteciName teamName }';

  it('exposes the latest success or failure job per remote CI and topic', async () => {
    const res = await h.query<{
      stats: {
        topicId: string;
        jobCount: number;
        successfulJobs: number;
        percentageOfSuccess: number;
        latestJobs: { jobId: string; status: string; remoteciName: string }[];
      }[];
    }>(
      'admin',
      `{ stats { topicId topicName productName percentageOfSuccess successfulJobs jobCount latestJobs ${LATEST} } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.stats.length).toBeGreaterThan(0);
    for (const topic of res.data!.stats) {
      expect(topic.jobCount).toBe(topic.latestJobs.length);
      expect(topic.successfulJobs).toBe(
        topic.latestJobs.filter((j) => j.status === 'SUCCESS').length,
      );
      for (const latest of topic.latestJobs) {
        const job = h.emulator.store.jobs.get(latest.jobId)!;
        expect(job.topic_id).toBe(topic.topicId);
        expect(['success', 'failure']).toContain(job.status);
        // No later success or failure of the same remote CI on the topic.
        const later = [...h.emulator.store.jobs.values()].filter(
          (j) =>
            j.topic_id === job.topic_id &&
            j.remoteci_id === job.remoteci_id &&
            ['success', 'failure'].includes(j.status) &&
            j.created_at > job.created_at,
        );
        expect(later).toEqual([]);
      }
    }
  });

  it("answers every topic's latestJobsByRemoteci with one request", async () => {
    h.emulator.log.clear();
    const res = await h.query<{
      topics: { nodes: { id: string; latestJobsByRemoteci: unknown[] }[] };
    }>('admin', `{ topics(first: 10) { nodes { id latestJobsByRemoteci ${LATEST} } } }`);
    expect(res.errors).toBeUndefined();
    expect(h.emulator.log.count((e) => e.route === '/stats')).toBe(1);
    expect(res.data!.topics.nodes.some((t) => t.latestJobsByRemoteci.length > 0)).toBe(true);
  });

  it("limits a partner to its own team's remote CIs", async () => {
    const res = await h.query<{ stats: { latestJobs: { teamName: string }[] }[] }>(
      'partnerUser',
      `{ stats { latestJobs { teamName } } }`,
    );
    const teams = new Set(res.data!.stats.flatMap((t) => t.latestJobs.map((j) => j.teamName)));
    expect([...teams]).toEqual(['Partner A']);
  });
});

describe('Topic.coverage', () => {
  const ocp = () => {
    const topic = visible(h.emulator.store.topics).find((t) => t.name === 'OCP-4.15')!;
    return topic;
  };
  const COVERAGE = `query ($id: ID!, $type: String!, $last: Int) { topic(id: $id) {
    coverage(componentType: $type, last: $last) { component { id name }
      remotecis { remoteciId remoteci { name } status createdAt testFailures job { id } } } } }`;

  it("lists the latest components of a type with each remote CI's latest job", async () => {
    const topic = ocp();
    const res = await h.query<{
      topic: {
        coverage: {
          component: { id: string };
          remotecis: {
            remoteciId: string;
            status: string;
            testFailures: number;
            job: { id: string };
          }[];
        }[];
      };
    }>('admin', COVERAGE, { id: topic.id, type: 'OCP', last: 3 });
    expect(res.errors).toBeUndefined();
    const expected = visible(h.emulator.store.components)
      .filter((c) => c.topic_id === topic.id && c.type === 'ocp')
      .sort((a, b) => b.released_at.localeCompare(a.released_at))
      .slice(0, 3);
    const rows = res.data!.topic.coverage;
    expect(rows.map((r) => r.component.id)).toEqual(expected.map((c) => c.id));
    for (const row of rows) {
      const used = new Set(
        h.emulator.store.jobComponents
          .filter((l) => l.component_id === row.component.id)
          .map((l) => l.job_id),
      );
      const byRci = new Map<string, JobRow>();
      for (const j of jobs().filter((x) => used.has(x.id))) {
        const seen = byRci.get(j.remoteci_id);
        if (!seen || seen.created_at < j.created_at) byRci.set(j.remoteci_id, j);
      }
      expect(new Set(row.remotecis.map((c) => c.job.id))).toEqual(
        new Set([...byRci.values()].map((j) => j.id)),
      );
      for (const cell of row.remotecis) {
        const results = [...h.emulator.store.results.values()].filter(
          (r) => r.job_id === cell.job.id,
        );
        expect(cell.testFailures).toBe(results.reduce((n, r) => n + r.failures + r.errors, 0));
      }
    }
    expect(rows.some((r) => r.remotecis.length > 0)).toBe(true);
  });

  it('takes four waves: the topic, its components, their details, then jobs and remote CIs batched', async () => {
    const topic = ocp();
    await h.query('admin', COVERAGE, { id: topic.id, type: 'ocp', last: 5 });
    h.emulator.log.clear();
    await timed(() => h.query('admin', COVERAGE, { id: topic.id, type: 'ocp', last: 5 }));
    const details = h.emulator.log.count((e) => e.route === '/components/:id');
    expect(details).toBe(5);
    expect(h.emulator.log.count((e) => e.route === '/topics/:id/components')).toBe(1);
    expect(h.emulator.log.count((e) => e.route === '/jobs')).toBe(1);
    expect(h.emulator.log.count((e) => e.route === '/remotecis')).toBe(1);
    expect({ requests: h.emulator.log.count(), waves: h.emulator.log.waves() }).toEqual({
      requests: 9,
      waves: 4,
    });
  });

  it('refuses a type DCI cannot filter on, and last out of range', async () => {
    const topic = ocp();
    const bad = await h.query('admin', COVERAGE, { id: topic.id, type: 'a,b', last: 2 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'componentType',
    });
    const zero = await h.query('admin', COVERAGE, { id: topic.id, type: 'ocp', last: 0 });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, NAIVE, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

const JOBS_WITH_RELATIONS = `{
  jobs(first: 50) { nodes {
    topic { name product { name } } remoteci { name } team { name }
    components { name topic { name } }
  } }
}`;

describe('batching', () => {
  it('answers a job list with its topics, products, remotecis, teams and components in 2 requests', async () => {
    const result = await h.query('admin', JOBS_WITH_RELATIONS);
    expect(result.errors).toBeUndefined();
    const jobs = (result.data as { jobs: { nodes: unknown[] } }).jobs.nodes;
    expect(jobs.length).toBeGreaterThan(1);
    // GET /jobs embeds topics, remotecis, teams and components (primed); products: one batch.
    expect(h.emulator.log.entries().map((e) => e.route)).toEqual(['/jobs', '/products']);
  });

  it('fetches an entity asked for in many places of one operation once', async () => {
    const first = await h.query<{ jobs: { nodes: { id: string; topic: { id: string } }[] } }>(
      'admin',
      '{ jobs(first: 1) { nodes { id topic { id } } } }',
    );
    const job = first.data!.jobs.nodes[0]!;
    h.emulator.log.clear();
    const result = await h.query(
      'admin',
      `{
      a: job(id: "${job.id}") { name topic { name } }
      b: job(id: "${job.id}") { status team { name } }
      c: topic(id: "${job.topic.id}") { name product { name } }
      d: topic(id: "${job.topic.id}") { id }
    }`,
    );
    expect(result.errors).toBeUndefined();
    // One by-id batch for the jobs, one for the topic (it embeds its product): the job's
    // embedded topic arrives too late to spare the root topic field its request.
    expect(
      h.emulator.log
        .entries()
        .map((e) => e.route)
        .sort(),
    ).toEqual(['/jobs', '/topics']);
  });

  it('answers topics -> components -> jobs in 3 sequential waves', async () => {
    h.emulator.setLatency(50);
    const query = `{ topics(first: 10) { nodes { product { name }
      components(first: 5) { nodes { name jobs(first: 3) { nodes { status } } } } } } }`;
    try {
      // A first run opens the pool's connections, so that connection set-up does not blur the
      // waves of the measured run.
      await h.query('admin', query);
      h.emulator.log.clear();
      const result = await h.query<{ topics: { nodes: { components: { nodes: unknown[] } }[] } }>(
        'admin',
        query,
      );
      expect(result.errors).toBeUndefined();
      const topics = result.data!.topics.nodes;
      const components = topics.flatMap((t) => t.components.nodes).length;
      expect(topics.length).toBeGreaterThan(3);
      expect(components).toBeGreaterThan(20);
      expect(h.emulator.log.waves()).toBe(3);
      // One topic list, one component page per topic, one component detail per component.
      expect(h.emulator.log.count()).toBe(1 + topics.length + components);
    } finally {
      h.emulator.setLatency(0);
    }
  });

  it('makes more requests in naive mode than batched for the same query', async () => {
    const batched = await h.query('admin', JOBS_WITH_RELATIONS);
    const batchedCount = h.emulator.log.count();
    h.emulator.log.clear();
    const naive = await h.query('admin', JOBS_WITH_RELATIONS, {}, h.gatewayWith(NAIVE));
    expect(naive.data).toEqual(batched.data);
    expect(h.emulator.log.count()).toBeGreaterThan(batchedCount * 5);
  });
});

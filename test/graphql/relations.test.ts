import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

type Conn = { totalCount: number; nodes: { id: string }[] };
const idsOf = (c: Conn) => c.nodes.map((n) => n.id).sort();
const sortedIds = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('relations', () => {
  it('answers the topics of every product from the products embed', async () => {
    const result = await h.query<{ products: { nodes: { id: string; topics: Conn }[] } }>(
      'admin',
      '{ products { nodes { id topics(first: 50) { totalCount nodes { id } } } } }',
    );
    const products = result.data!.products.nodes;
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) {
      const expected = visible(h.emulator.store.topics).filter((t) => t.product_id === p.id);
      expect(idsOf(p.topics)).toEqual(sortedIds(expected));
      expect(p.topics.totalCount).toBe(expected.length);
    }
    // The embed, filtered by the caller's topic scope (GET /identity, once per caller).
    expect(
      h.emulator.log
        .entries()
        .map((e) => e.route)
        .sort(),
    ).toEqual(['/identity', '/products']);
  });

  it('answers the remotecis of every team with one scoped request', async () => {
    const result = await h.query<{ teams: { nodes: { id: string; remotecis: Conn }[] } }>(
      'admin',
      '{ teams(first: 50) { nodes { id remotecis { totalCount nodes { id } } } } }',
    );
    for (const t of result.data!.teams.nodes) {
      const expected = visible(h.emulator.store.remotecis).filter((r) => r.team_id === t.id);
      expect(idsOf(t.remotecis)).toEqual(sortedIds(expected));
    }
    expect(h.emulator.log.entries().map((e) => e.route)).toEqual(['/teams', '/remotecis']);
  });

  it('follows pipelines to their team and jobs', async () => {
    const result = await h.query<{
      pipelines: { nodes: { id: string; team: { id: string }; jobs: Conn }[] };
    }>(
      'admin',
      '{ pipelines(first: 50) { nodes { id team { id } jobs(first: 50) { totalCount nodes { id } } } } }',
    );
    const pipelines = result.data!.pipelines.nodes;
    for (const p of pipelines) {
      expect(p.team.id).toBe(h.emulator.store.pipelines.get(p.id)!.team_id);
      const expected = visible(h.emulator.store.jobs).filter((j) => j.pipeline_id === p.id);
      expect(idsOf(p.jobs)).toEqual(sortedIds(expected));
    }
  });

  it('follows a job to its jobstates (oldest first, with files), files and previous job', async () => {
    const job =
      visible(h.emulator.store.jobs).find((j) => j.previous_job_id !== null) ??
      visible(h.emulator.store.jobs)[0]!;
    const result = await h.query<{
      job: {
        jobstates: {
          id: string;
          createdAt: string;
          job: { id: string };
          files: { id: string }[];
        }[];
        files: Conn;
        previousJob: { id: string } | null;
        product: { id: string };
        pipeline: { id: string } | null;
      };
    }>(
      'admin',
      `{ job(id: "${job.id}") { jobstates { id createdAt job { id } files { id } }
        files(first: 200) { totalCount nodes { id } } previousJob { id } product { id } pipeline { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    const got = result.data!.job;
    const states = [...h.emulator.store.jobstates.values()].filter((s) => s.job_id === job.id);
    expect(got.jobstates.map((s) => s.id).sort()).toEqual(sortedIds(states));
    const dates = got.jobstates.map((s) => s.createdAt);
    expect(dates).toEqual([...dates].sort());
    for (const s of got.jobstates) expect(s.job.id).toBe(job.id);
    const files = visible(h.emulator.store.files).filter((f) => f.job_id === job.id);
    expect(idsOf(got.files)).toEqual(sortedIds(files));
    expect(got.previousJob?.id ?? null).toBe(job.previous_job_id);
    expect(got.product.id).toBe(job.product_id);
    expect(got.pipeline?.id ?? null).toBe(job.pipeline_id);
  });

  it('follows a topic to its product and next topic, and a component to its topic and team', async () => {
    const topic =
      visible(h.emulator.store.topics).find((t) => t.next_topic_id) ??
      visible(h.emulator.store.topics)[0]!;
    const component = visible(h.emulator.store.components).find((c) => c.topic_id === topic.id);
    const result = await h.query<{
      topic: { product: { id: string }; nextTopic: { id: string } | null; components: Conn };
    }>(
      'admin',
      `{ topic(id: "${topic.id}") { product { id } nextTopic { id }
        components(first: 200) { totalCount nodes { id topic { id } team { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.topic.product.id).toBe(topic.product_id);
    expect(result.data!.topic.nextTopic?.id ?? null).toBe(topic.next_topic_id);
    if (component) expect(idsOf(result.data!.topic.components)).toContain(component.id);
  });
});

/**
 * Where the gateway computes an answer itself (a component's jobs: DCI embeds them unfiltered in
 * `GET /components/<id>`, so the gateway filters, sorts and pages them), the answer must be the
 * one DCI's SQL gives. The emulator's list route is the reference: for random filters and
 * orders, the gateway's in-memory page equals what `GET /jobs?query=…&sort=…` returns for the
 * same jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../src/dci/types.js';
import { mulberry32 } from '../../src/emulator/faults.js';
import { authOf, call } from '../emulator/helpers.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let componentId: string;
let componentJobIds: Set<string>;
let pipelines: string[];
let createdAts: string[];

const NAMES = ['Alpha', 'alpha', 'beta-2', 'Beta_10', 'gamma', 'GAMMA', 'a-1', 'a1', '10', '9'];
const COMMENTS = ['x', 'y', ''];
const gqlStatus = (s: string) => s.toUpperCase().replace('-', '_');

/** Creates varied jobs on one component through the gateway, as a remote CI would. */
async function seedJobs(): Promise<void> {
  const found = await h.query<{
    topics: { nodes: { id: string; components: { nodes: { id: string }[] } }[] };
    pipelines: { nodes: { id: string }[] };
  }>(
    'partnerRemoteci',
    '{ topics(first: 20) { nodes { id components(first: 1) { nodes { id } } } } pipelines(first: 2) { nodes { id } } }',
  );
  const topic = found.data!.topics.nodes.find((t) => t.components.nodes.length > 0)!;
  componentId = topic.components.nodes[0]!.id;
  pipelines = found.data!.pipelines.nodes.map((p) => p.id);
  expect(pipelines.length).toBeGreaterThan(0);
  const random = mulberry32(15);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  for (let i = 0; i < 24; i++) {
    const input = {
      topicId: topic.id,
      componentIds: [componentId],
      name: NAMES[i % NAMES.length],
      comment: pick(COMMENTS),
      tags: random() < 0.5 ? ['ci'] : [],
      // A third of the jobs have no pipeline: the NULLs SQL's three-valued logic is about.
      pipelineId: i % 3 === 0 ? null : pick(pipelines),
    };
    const created = await h.query<{ createJob: { job: { id: string } } }>(
      'partnerRemoteci',
      'mutation ($input: CreateJobInput!) { createJob(input: $input) { job { id } } }',
      { input },
    );
    expect(created.errors).toBeUndefined();
    const jobId = created.data!.createJob.job.id;
    const status = pick(JOB_STATUSES);
    if (status !== 'new') {
      const moved = await h.query(
        'partnerRemoteci',
        'mutation ($id: ID!, $status: JobStatus!) { addJobState(jobId: $id, status: $status) { job { id } } }',
        { id: jobId, status: gqlStatus(status) },
      );
      expect(moved.errors).toBeUndefined();
    }
  }
  const detail = await call(h.emulator, {
    path: `/components/${componentId}`,
    auth: authOf(h.emulator, 'admin'),
  });
  const jobs = detail.json.component.jobs as { id: string; state: string; created_at: string }[];
  componentJobIds = new Set(jobs.filter((j) => j.state !== 'archived').map((j) => j.id));
  createdAts = jobs.map((j) => j.created_at);
  expect(componentJobIds.size).toBeGreaterThanOrEqual(24);
}

beforeAll(async () => {
  h = await startHarness();
  await seedJobs();
}, 60_000);
afterAll(() => h.close());

/** A filter as GraphQL input and as the DCI query DSL that means the same. */
interface Generated {
  gql: Record<string, unknown>;
  dsl: string;
}

function generator(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const atoms: (() => Generated)[] = [
    () => {
      const s = pick(JOB_STATUSES);
      return { gql: { status: { eq: gqlStatus(s) } }, dsl: `eq(status,${s})` };
    },
    () => {
      const s = pick(JOB_STATUSES);
      return { gql: { status: { ne: gqlStatus(s) } }, dsl: `ne(status,${s})` };
    },
    () => {
      const [a, b] = [pick(JOB_STATUSES), pick(JOB_STATUSES)];
      return {
        gql: { status: { in: [gqlStatus(a), gqlStatus(b)] } },
        dsl: `or(eq(status,${a}),eq(status,${b}))`,
      };
    },
    () => {
      const p = pick(pipelines);
      return { gql: { pipelineId: { eq: p } }, dsl: `eq(pipeline_id,${p})` };
    },
    () => {
      const p = pick(pipelines);
      return { gql: { pipelineId: { ne: p } }, dsl: `ne(pipeline_id,${p})` };
    },
    () => {
      const n = pick(NAMES);
      return { gql: { name: { eq: n } }, dsl: `eq(name,${n})` };
    },
    () => {
      const pattern = pick(['a%', '%a', 'GAMMA', 'beta%', '_1', '%']);
      const op = pick(['like', 'ilike'] as const);
      return { gql: { name: { [op]: pattern } }, dsl: `${op}(name,${pattern})` };
    },
    () => {
      const c = pick(['x', 'y']);
      const op = pick(['eq', 'ne'] as const);
      return { gql: { comment: { [op]: c } }, dsl: `${op}(comment,${c})` };
    },
    () =>
      random() < 0.5
        ? { gql: { tags: { contains: 'ci' } }, dsl: 'contains(tags,ci)' }
        : { gql: { tags: { notContains: 'ci' } }, dsl: 'not(contains(tags,ci))' },
    () => {
      const at = pick(createdAts);
      const op = pick(['gt', 'lt', 'ge', 'le'] as const);
      return { gql: { createdAt: { [op]: `${at}Z` } }, dsl: `${op}(created_at,${at})` };
    },
  ];
  const filter = (depth: number): Generated => {
    const r = random();
    if (depth >= 2 || r < 0.45) return pick(atoms)();
    if (r < 0.65) {
      const inner = filter(depth + 1);
      return { gql: { not: inner.gql }, dsl: `not(${inner.dsl})` };
    }
    const op = r < 0.83 ? 'and' : 'or';
    const parts = [filter(depth + 1), filter(depth + 1)];
    return {
      gql: { [op]: parts.map((p) => p.gql) },
      dsl: `${op}(${parts.map((p) => p.dsl).join(',')})`,
    };
  };
  const FIELDS = {
    CREATED_AT: 'created_at',
    UPDATED_AT: 'updated_at',
    NAME: 'name',
    STATUS: 'status',
    DURATION: 'duration',
  } as const;
  const order = () => {
    const fields = [pick(Object.keys(FIELDS)), pick(Object.keys(FIELDS))].filter(
      (f, i, all) => all.indexOf(f) === i,
    ) as (keyof typeof FIELDS)[];
    const keys = fields.map((field) => ({ field, direction: pick(['ASC', 'DESC']) }));
    const sort = keys.map((k) => `${k.direction === 'DESC' ? '-' : ''}${FIELDS[k.field]}`);
    return { gql: keys, sort: [...sort, 'id'].join(',') };
  };
  return { filter: () => filter(0), order };
}

/** The gateway's page of the component's jobs, as ids in order. */
async function gatewayIds(filter: unknown, orderBy: unknown): Promise<string[]> {
  const result = await h.query<{
    component: { jobs: { totalCount: number; nodes: { id: string }[] } };
  }>(
    'admin',
    `query ($id: ID!, $filter: JobFilter, $orderBy: [JobOrder!]) {
      component(id: $id) { jobs(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { id } } } }`,
    { id: componentId, filter, orderBy },
  );
  expect(result.errors).toBeUndefined();
  const jobs = result.data!.component.jobs;
  expect(jobs.totalCount).toBe(jobs.nodes.length);
  return jobs.nodes.map((n) => n.id);
}

/** What DCI's own list answers for the same query and sort, restricted to the component's jobs. */
async function dciIds(query: string | null, sort: string): Promise<string[]> {
  const params: Record<string, string> = { limit: '200', offset: '0', sort };
  if (query) params.query = query;
  const answer = await call(h.emulator, {
    path: '/jobs',
    params,
    auth: authOf(h.emulator, 'admin'),
  });
  expect(answer.status).toBe(200);
  expect(answer.json._meta.count).toBeLessThanOrEqual(200);
  return (answer.json.jobs as { id: string }[])
    .map((j) => j.id)
    .filter((id) => componentJobIds.has(id));
}

describe("a component's jobs, filtered and sorted in the gateway", () => {
  it('orders by status in DCI enum order, like the root jobs list', async () => {
    const orderBy = [{ field: 'STATUS', direction: 'ASC' }];
    const ids = await gatewayIds(null, orderBy);
    expect(ids).toEqual(await dciIds(null, 'status,id'));
    const statuses = await h.query<{ component: { jobs: { nodes: { status: string }[] } } }>(
      'admin',
      `query ($id: ID!) { component(id: $id) { jobs(first: 100, orderBy: [{field: STATUS}]) { nodes { status } } } }`,
      { id: componentId },
    );
    const seen = statuses.data!.component.jobs.nodes.map((n) =>
      n.status.toLowerCase().replace('_', '-'),
    );
    const ranks = seen.map((s) => JOB_STATUSES.indexOf(s as (typeof JOB_STATUSES)[number]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Alphabetical order would put error first: the seeded data holds several statuses.
    expect(new Set(seen).size).toBeGreaterThan(2);
  });

  it('keeps jobs without a pipeline out of not(pipelineId eq P), as SQL does', async () => {
    const p = pipelines[0]!;
    const filter = { not: { pipelineId: { eq: p } } };
    const ids = await gatewayIds(filter, null);
    expect(ids).toEqual(await dciIds(`not(eq(pipeline_id,${p}))`, '-created_at,id'));
    const detail = await call(h.emulator, {
      path: `/components/${componentId}`,
      auth: authOf(h.emulator, 'admin'),
    });
    const withoutPipeline = (
      detail.json.component.jobs as { id: string; pipeline_id: string | null }[]
    )
      .filter((j) => j.pipeline_id === null)
      .map((j) => j.id);
    expect(withoutPipeline.length).toBeGreaterThan(0);
    for (const id of withoutPipeline) expect(ids).not.toContain(id);
  });

  it('orders names by DCI collation, like the root jobs list', async () => {
    const orderBy = [{ field: 'NAME', direction: 'ASC' }];
    expect(await gatewayIds(null, orderBy)).toEqual(await dciIds(null, 'name,id'));
  });

  it('agrees with DCI on 120 random filters and orders', async () => {
    const gen = generator(2026);
    for (let i = 0; i < 120; i++) {
      const filter = gen.filter();
      const order = gen.order();
      const expected = await dciIds(filter.dsl, order.sort);
      const actual = await gatewayIds(filter.gql, order.gql);
      expect({ case: i, filter: filter.dsl, sort: order.sort, ids: actual }).toEqual({
        case: i,
        filter: filter.dsl,
        sort: order.sort,
        ids: expected,
      });
    }
  }, 120_000);
});

describe('timestamps finer than a microsecond', () => {
  it.each([
    ['2024-11-12T00:39:59.0067529Z', '2024-11-12T00:39:59.006753'],
    ['2024-12-31T23:59:59.9999996Z', '2025-01-01T00:00:00.000000'],
  ])('sends %s to DCI rounded as PostgreSQL reads it: %s', async (input, sent) => {
    const before = h.emulator.log.count();
    const result = await h.query(
      'admin',
      'query ($t: DateTime!) { jobs(filter: {createdAt: {gt: $t}}) { totalCount } }',
      {
        t: input,
      },
    );
    expect(result.errors).toBeUndefined();
    const requests = h.emulator.log.entries().slice(before);
    expect(requests.map((r) => r.query.query)).toEqual([`gt(created_at,${sent})`]);
  });
});

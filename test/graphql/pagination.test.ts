import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphQLResult, type Harness, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

interface JobPage {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { id: string; createdAt: string } }[];
}

const PAGE = `query($first: Int, $after: String) { jobs(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id createdAt } } } }`;

describe('connections', () => {
  it('walks every job page by page with cursors', async () => {
    const total = visible(h.emulator.store.jobs).length;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResult<{ jobs: JobPage }> = await h.query('admin', PAGE, {
        first: 7,
        after,
      });
      const page: JobPage = result.data!.jobs;
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(total / 7));
    expect(new Set(seen).size).toBe(total);
  });

  it('orders newest first by default and follows orderBy', async () => {
    const byDefault = await h.query<{ jobs: JobPage }>('admin', PAGE, { first: 20 });
    const dates = byDefault.data!.jobs.edges.map((e) => e.node.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const byName = await h.query<{ jobs: { nodes: { name: string }[] } }>(
      'admin',
      '{ jobs(first: 50, orderBy: [{field: NAME, direction: ASC}, {field: CREATED_AT, direction: DESC}]) { nodes { name } } }',
    );
    const names = byName.data!.jobs.nodes.map((n) => n.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('refuses first above 200 before any request', async () => {
    const result = await h.query('admin', '{ jobs(first: 201) { totalCount } }');
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('refuses a malformed cursor before any request', async () => {
    const result = await h.query('admin', '{ jobs(after: "bm9wZQ==") { totalCount } }');
    // Arguments are checked for the whole operation before it runs: no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('pages a component jobs in the gateway with an exact totalCount', async () => {
    const { store } = h.emulator;
    const counts = new Map<string, number>();
    for (const link of store.jobComponents) {
      if (store.jobs.get(link.job_id)?.state !== 'archived') {
        counts.set(link.component_id, (counts.get(link.component_id) ?? 0) + 1);
      }
    }
    const [componentId, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const result = await h.query<{ component: { jobs: JobPage } }>(
      'admin',
      `{ component(id: "${componentId}") { jobs(first: 2) { totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id createdAt } } } } }`,
    );
    const jobs = result.data!.component.jobs;
    expect(jobs.totalCount).toBe(count);
    expect(jobs.pageInfo.hasNextPage).toBe(count > 2);
    const dates = jobs.edges.map((e) => e.node.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('objects by id', () => {
  it('answers null without an error for an unknown id', async () => {
    const result = await h.query(
      'admin',
      '{ job(id: "00000000-0000-4000-8000-000000000000") { id } topic(id: "00000000-0000-4000-8000-000000000001") { id } jobState(id: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expect(result).toEqual({ data: { job: null, topic: null, jobState: null } });
  });

  it.each([
    'job',
    'component',
    'topic',
    'product',
    'remoteci',
    'team',
    'pipeline',
    'jobState',
    'file',
  ])(
    'refuses a malformed id on %s(id:) with BAD_USER_INPUT before any DCI request',
    async (field) => {
      const before = h.emulator.log.count();
      const literal = await h.query('admin', `{ ${field}(id: "not-a-uuid") { id } }`);
      expect(literal.data ?? null).toBeNull();
      expect(literal.errors).toHaveLength(1);
      expect(literal.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(literal.errors![0]!.message).toContain('is not a UUID');
      // The same through a variable, and nested behind a valid field.
      const nested = await h.query(
        'admin',
        `query ($id: ID!) { identity { id } ${field}(id: $id) { id } }`,
        {
          id: '42',
        },
      );
      expect(nested.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(h.emulator.log.count()).toBe(before);
    },
  );

  it('exposes DCI timestamps as UTC ISO-8601 with Z', async () => {
    const job = visible(h.emulator.store.jobs)[0]!;
    const result = await h.query<{ job: { createdAt: string; updatedAt: string } }>(
      'admin',
      `{ job(id: "${job.id}") { createdAt updatedAt } }`,
    );
    expect(result.data!.job.createdAt).toBe(`${job.created_at}Z`);
    expect(new Date(result.data!.job.updatedAt).toISOString().slice(0, 19)).toBe(
      job.updated_at.slice(0, 19),
    );
  });

  it('fetches job data only when it is asked for', async () => {
    const job = visible(h.emulator.store.jobs)[0]!;
    await h.query('admin', `{ job(id: "${job.id}") { name } }`);
    expect(h.emulator.log.count((e) => e.route === '/jobs/:id')).toBe(0);
    const result = await h.query<{ job: { data: unknown } }>(
      'admin',
      `{ job(id: "${job.id}") { name data } }`,
    );
    expect(h.emulator.log.count((e) => e.route === '/jobs/:id')).toBe(1);
    expect(result.data!.job.data).toEqual(job.data ?? {});
  });

  it('maps job statuses to the enum and exposes the etag', async () => {
    const job =
      visible(h.emulator.store.jobs).find((j) => j.status.includes('-')) ??
      visible(h.emulator.store.jobs)[0]!;
    const result = await h.query<{ job: { status: string; etag: string } }>(
      'admin',
      `{ job(id: "${job.id}") { status etag } }`,
    );
    expect(result.data!.job).toEqual({
      status: job.status.toUpperCase().replace('-', '_'),
      etag: job.etag,
    });
  });
});

/**
 * Rows DCI (or a proxy in front of it) answers malformed: each is an UPSTREAM_ERROR at its own
 * path (the row, or the one field it cannot answer) while the rest of the page is answered; an
 * unknown enum value reads UNKNOWN; a list without its embeds still answers its relations,
 * batched; duplicate rows are dropped; a missing `_meta.count` fails totalCount alone. The
 * emulator's `rewrite` fault serves these answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCodes, type Harness, rewriteNext, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.log.clear();
  h.emulator.faults.clear();
});

type Body = Record<string, unknown>;
type Row = Record<string, unknown>;

const jobsOf = (body: Body) => body['jobs'] as (Row | null)[];
const routes = () => h.emulator.log.entries().map((e) => e.route);

interface JobNode {
  id: string;
  name: string;
  status: string;
  remoteci: { name: string } | null;
}
type Jobs = {
  jobs: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: (JobNode | null)[];
    edges: ({ cursor: string; node: { id: string } } | null)[];
  } | null;
};
const JOBS = `query($first: Int, $after: String, $orderBy: [JobOrder!]) {
  jobs(first: $first, after: $after, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name status remoteci { name } }
    edges { cursor node { id } } } }`;

const jobs = (variables: Record<string, unknown> = { first: 5 }) =>
  h.query<Jobs>('admin', JOBS, variables);

describe('malformed rows in a list', () => {
  it('reports a null row at its own path and answers the rest of the page', async () => {
    const clean = (await jobs()).data!.jobs!;
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[2] = null;
    });
    const r = await jobs();
    expect(errorCodes(r)).toEqual(
      expect.arrayContaining([
        ['jobs.nodes.2', 'UPSTREAM_ERROR'],
        ['jobs.edges.2', 'UPSTREAM_ERROR'],
      ]),
    );
    expect(r.errors).toHaveLength(2);
    const page = r.data!.jobs!;
    expect(page.nodes[2]).toBeNull();
    expect(page.edges[2]).toBeNull();
    expect(page.nodes.map((n) => n?.id ?? null)).toEqual(
      clean.nodes.map((n, i) => (i === 2 ? null : n!.id)),
    );
    expect(page.totalCount).toBe(clean.totalCount);
    expect(page.pageInfo).toEqual(clean.pageInfo);
  });

  it('reports a row without a column of a non-null field at the row', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      delete jobsOf(body)[1]!['name'];
      jobsOf(body)[3]!['duration'] = 'long';
    });
    const r = await jobs();
    expect(errorCodes(r)).toEqual(
      expect.arrayContaining([
        ['jobs.nodes.1', 'UPSTREAM_ERROR'],
        ['jobs.nodes.3', 'UPSTREAM_ERROR'],
      ]),
    );
    expect(r.errors!.find((e) => e.path?.join('.') === 'jobs.nodes.1')!.message).toMatch(
      /job without a valid name/,
    );
    const nodes = r.data!.jobs!.nodes;
    expect(nodes.filter((n) => n === null)).toHaveLength(2);
    expect(nodes[0]!.name).toEqual(expect.any(String));
  });

  it('reports a job without remoteci_id at its remoteci field, the rest of the job intact', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      const row = jobsOf(body)[1]!;
      delete row['remoteci_id'];
      delete row['remoteci'];
    });
    const r = await jobs();
    expect(errorCodes(r)).toEqual([['jobs.nodes.1.remoteci', 'UPSTREAM_ERROR']]);
    const row = r.data!.jobs!.nodes[1]!;
    expect(row.remoteci).toBeNull();
    expect(row.name).toEqual(expect.any(String));
    expect(r.data!.jobs!.nodes[0]!.remoteci).not.toBeNull();
  });

  it('reports malformed rows of other lists (components) at their path too', async () => {
    rewriteNext(h.emulator, '/components', (body) => {
      (body['components'] as unknown[])[0] = 'not a row';
    });
    const r = await h.query<{ components: { nodes: ({ id: string } | null)[] } }>(
      'admin',
      '{ components(first: 3) { nodes { id } } }',
    );
    expect(errorCodes(r)).toEqual([['components.nodes.0', 'UPSTREAM_ERROR']]);
    expect(r.data!.components.nodes.slice(1).every((n) => typeof n?.id === 'string')).toBe(true);
  });
});

describe('malformed embedded and grouped rows', () => {
  it('reports a malformed embedded component at its path, the job intact', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      const withTwo = jobsOf(body).find((j) => (j!['components'] as unknown[]).length >= 2)!;
      (withTwo['components'] as unknown[])[1] = null;
      withTwo['name'] = 'marked';
    });
    const r = await h.query<{ jobs: { nodes: { name: string; components: unknown }[] } }>(
      'admin',
      '{ jobs(first: 20) { nodes { name components { id } } } }',
    );
    const at = r.data!.jobs.nodes.findIndex((n) => n.name === 'marked');
    expect(errorCodes(r)).toEqual([[`jobs.nodes.${at}.components.1`, 'UPSTREAM_ERROR']]);
    expect(r.data!.jobs.nodes[at]!.components).toBeNull();
    expect(r.data!.jobs.nodes.filter((n) => n.components !== null).length).toBeGreaterThan(0);
  });

  it('reports a malformed jobstate at its path', async () => {
    const id = (await jobs()).data!.jobs!.nodes[0]!.id;
    rewriteNext(h.emulator, '/jobs/:id/jobstates', (body) => {
      (body['jobstates'] as unknown[])[0] = { id: 'x' };
    });
    const r = await h.query<{ job: { name: string; jobstates: unknown } }>(
      'admin',
      `{ job(id: "${id}") { name jobstates { status } } }`,
    );
    expect(errorCodes(r)).toEqual([['job.jobstates.0', 'UPSTREAM_ERROR']]);
    expect(r.data!.job.name).toEqual(expect.any(String));
  });

  it('fails a component’s jobs alone when the jobs its detail embeds hold a malformed one', async () => {
    const component = [...h.emulator.store.jobComponents][0]!.component_id;
    rewriteNext(h.emulator, '/components/:id', (body) => {
      ((body['component'] as Row)['jobs'] as unknown[]).push(null);
    });
    const r = await h.query<{ component: { name: string; jobs: unknown } }>(
      'admin',
      `{ component(id: "${component}") { name jobs { nodes { id } } } }`,
    );
    expect(errorCodes(r)).toEqual([['component.jobs', 'UPSTREAM_ERROR']]);
    expect(r.data!.component.name).toEqual(expect.any(String));
  });

  it('answers a product’s topics from DCI when its embed holds a malformed topic', async () => {
    const clean = await h.query(
      'admin',
      '{ products { nodes { name topics { nodes { name } } } } }',
    );
    h.emulator.log.clear();
    rewriteNext(h.emulator, '/products', (body) => {
      const products = body['products'] as Row[];
      (products[0]!['topics'] as unknown[]).push(null);
    });
    const r = await h.query('admin', '{ products { nodes { name topics { nodes { name } } } } }');
    expect(r).toEqual(clean);
    expect(routes()).toContain('/topics');
  });

  it('falls back to one page per parent when a grouped answer holds a row of no parent', async () => {
    const query = '{ teams { nodes { name remotecis { totalCount nodes { name } } } } }';
    const clean = await h.query<{ teams: { nodes: unknown[] } }>('admin', query);
    h.emulator.log.clear();
    rewriteNext(h.emulator, '/remotecis', (body) => {
      (body['remotecis'] as unknown[]).push(null);
    });
    const r = await h.query<{ teams: { nodes: unknown[] } }>('admin', query);
    expect(r).toEqual(clean);
    // The grouped request, then one per team: the row no team can be told from is not lost.
    const remotecis = routes().filter((route) => route === '/remotecis');
    expect(remotecis.length).toBe(1 + r.data!.teams.nodes.length);
  });
});

describe('unknown enum values', () => {
  it('answers an unknown job status and state as UNKNOWN in a list', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[1]!['status'] = 'exploded';
      jobsOf(body)[2]!['state'] = 'vaporized';
    });
    const r = await h.query<{ jobs: { nodes: { status: string; state: string }[] } }>(
      'admin',
      '{ jobs(first: 4) { nodes { status state } } }',
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.jobs.nodes;
    expect(nodes[1]!.status).toBe('UNKNOWN');
    expect(nodes[2]!.state).toBe('UNKNOWN');
    expect(nodes[0]!.status).not.toBe('UNKNOWN');
  });

  it('answers an unknown status as UNKNOWN in a by-id read and in its detail', async () => {
    const id = (await jobs()).data!.jobs!.nodes[0]!.id;
    h.emulator.log.clear();
    // job(id) without `data` reads the /jobs list by id; with `data`, GET /jobs/<id>.
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[0]!['status'] = 'exploded';
    });
    const byId = await h.query<{ job: { status: string } }>(
      'admin',
      `{ job(id: "${id}") { status } }`,
    );
    expect(routes()).toEqual(['/jobs']);
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.job.status).toBe('UNKNOWN');
    rewriteNext(h.emulator, '/jobs/:id', (body) => {
      (body['job'] as Row)['status'] = 'exploded';
    });
    const detail = await h.query<{ job: { status: string; data: unknown } }>(
      'admin',
      `{ job(id: "${id}") { status data } }`,
    );
    expect(detail.errors).toBeUndefined();
    expect(detail.data!.job.status).toBe('UNKNOWN');
  });

  it('answers an unknown jobstate status as UNKNOWN', async () => {
    const id = (await jobs()).data!.jobs!.nodes[0]!.id;
    rewriteNext(h.emulator, '/jobs/:id/jobstates', (body) => {
      const states = body['jobstates'] as Row[];
      expect(states.length).toBeGreaterThan(0);
      states[0]!['status'] = 'exploded';
    });
    const r = await h.query<{ job: { jobstates: { status: string }[] } }>(
      'admin',
      `{ job(id: "${id}") { jobstates { status } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.job.jobstates[0]!.status).toBe('UNKNOWN');
  });

  it.each([
    ['a filter literal', '{ jobs(filter: { status: { eq: UNKNOWN } }) { nodes { id } } }', {}],
    [
      'a filter variable',
      'query($s: [JobStatus!]) { jobs(filter: { status: { in: $s } }) { nodes { id } } }',
      { s: ['SUCCESS', 'UNKNOWN'] },
    ],
    ['a state filter', '{ topics(filter: { state: { ne: UNKNOWN } }) { nodes { id } } }', {}],
    [
      'a JobPatch state',
      'mutation($id: ID!) { updateJob(id: $id, etag: "e", patch: { state: UNKNOWN }) { job { id } } }',
      { id: '00000000-0000-4000-8000-000000000000' },
    ],
    [
      'addJobState',
      'mutation($id: ID!) { addJobState(jobId: $id, status: UNKNOWN) { job { id } } }',
      { id: '00000000-0000-4000-8000-000000000000' },
    ],
  ])('refuses UNKNOWN as input (%s) before any DCI request', async (_, query, variables) => {
    const r = await h.query('admin', query, variables);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.message).toMatch(/UNKNOWN stands for/);
    expect(r.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(h.emulator.log.entries()).toEqual([]);
  });
});

describe('a job list without its embeds', () => {
  it('answers components, topic, remoteci and team through batched loaders', async () => {
    const query = `{ jobs(first: 10) { nodes { id
      components { id name } topic { name } remoteci { name } team { name } } } }`;
    const clean = await h.query<{ jobs: { nodes: unknown[] } }>('admin', query);
    h.emulator.log.clear();
    rewriteNext(h.emulator, '/jobs', (body) => {
      for (const row of jobsOf(body)) {
        for (const key of ['components', 'topic', 'remoteci', 'team']) delete row![key];
      }
    });
    const r = await h.query<{ jobs: { nodes: unknown[] } }>('admin', query);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual(clean.data);
    expect(r.data!.jobs.nodes).toHaveLength(10);
    // The page, then one batch per relation (the jobs' components by id): never one per job.
    expect(routes().sort()).toEqual(['/jobs', '/jobs', '/remotecis', '/teams', '/topics']);
  });

  it('reports components as UPSTREAM_ERROR, not as none, when the by-id read lacks them too', async () => {
    const strip = (body: Body) => {
      for (const row of jobsOf(body)) delete row!['components'];
    };
    rewriteNext(h.emulator, '/jobs', strip);
    rewriteNext(h.emulator, '/jobs', strip);
    const r = await h.query<{ jobs: { nodes: { name: string; components: unknown }[] } }>(
      'admin',
      '{ jobs(first: 2) { nodes { name components { id } } } }',
    );
    expect(errorCodes(r)).toEqual([
      ['jobs.nodes.0.components', 'UPSTREAM_ERROR'],
      ['jobs.nodes.1.components', 'UPSTREAM_ERROR'],
    ]);
    expect(r.data!.jobs.nodes.map((n) => typeof n.name)).toEqual(['string', 'string']);
  });
});

describe('duplicate rows', () => {
  it('drops a row DCI answered twice; totalCount stays DCI’s and paging on skips nothing', async () => {
    const byName = { orderBy: [{ field: 'NAME', direction: 'ASC' }] };
    const clean = (await jobs({ first: 10, ...byName })).data!.jobs!;
    const ids = clean.nodes.map((n) => n!.id);
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[2] = jobsOf(body)[0]!;
    });
    const first = (await jobs({ first: 5, ...byName })).data!.jobs!;
    // Offset order: the copy at position 2 is dropped, the rows DCI sent keep their places.
    expect(first.nodes.map((n) => n!.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(first.totalCount).toBe(clean.totalCount);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await jobs({ first: 5, after: first.pageInfo.endCursor, ...byName })).data!.jobs!;
    expect(next.nodes.map((n) => n!.id)).toEqual(ids.slice(5, 10));
  });

  it('drops duplicates in a keyset-ordered page too', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[4] = jobsOf(body)[1]!;
    });
    const page = (await jobs({ first: 5 })).data!.jobs!;
    const ids = page.nodes.map((n) => n!.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(page.edges.map((e) => e!.node.id)).toEqual(ids);
  });
});

describe('a list without _meta.count', () => {
  it('fails totalCount alone, never the page length, and answers the nodes', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      delete body['_meta'];
    });
    const r = await jobs({ first: 3, orderBy: [{ field: 'NAME', direction: 'ASC' }] });
    expect(errorCodes(r)).toEqual([['jobs.totalCount', 'UPSTREAM_ERROR']]);
    const page = r.data!.jobs!;
    expect(page.totalCount).toBeNull();
    expect(page.nodes).toHaveLength(3);
    // Without a count, a full page may have more after it.
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('fails a keyset page’s totalCount the same way', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      delete body['_meta'];
    });
    const r = await jobs({ first: 3 });
    expect(errorCodes(r)).toEqual([['jobs.totalCount', 'UPSTREAM_ERROR']]);
    expect(r.data!.jobs!.nodes).toHaveLength(3);
  });
});

describe('malformed rows read by id', () => {
  it('reports a malformed row at the by-id field', async () => {
    const [a, b] = (await jobs()).data!.jobs!.nodes;
    rewriteNext(h.emulator, '/jobs', (body) => {
      const row = jobsOf(body).find((j) => j!['id'] === a!.id)!;
      delete row['etag'];
    });
    const r = await h.query<{ a: { id: string } | null; b: { id: string } | null }>(
      'admin',
      `{ a: job(id: "${a!.id}") { id } b: job(id: "${b!.id}") { id } }`,
    );
    expect(errorCodes(r)).toEqual([['a', 'UPSTREAM_ERROR']]);
    expect(r.data!.b!.id).toBe(b!.id);
  });

  it('fails the ids a batch did not answer when it holds a row without an id', async () => {
    const [a, b] = (await jobs()).data!.jobs!.nodes;
    rewriteNext(h.emulator, '/jobs', (body) => {
      const rows = jobsOf(body);
      const at = rows.findIndex((j) => j!['id'] === a!.id);
      rows[at] = null;
    });
    const r = await h.query<{ a: unknown; b: { id: string } | null }>(
      'admin',
      `{ a: job(id: "${a!.id}") { id } b: job(id: "${b!.id}") { id } }`,
    );
    expect(errorCodes(r)).toEqual([['a', 'UPSTREAM_ERROR']]);
    expect(r.data!.b!.id).toBe(b!.id);
  });
});

describe('malformed timestamps', () => {
  it('answers a timestamp that is no date as an UPSTREAM_ERROR at its field, not as a date', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      jobsOf(body)[1]!['created_at'] = 'not a date';
    });
    const r = await h.query<{ jobs: { nodes: ({ id: string; createdAt: string } | null)[] } }>(
      'admin',
      '{ jobs(first: 3) { nodes { id createdAt } } }',
    );
    expect(errorCodes(r)).toEqual([['jobs.nodes.1.createdAt', 'UPSTREAM_ERROR']]);
    const nodes = r.data!.jobs.nodes;
    expect(nodes[1]).toBeNull();
    expect(nodes[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    expect(nodes[2]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  });
});

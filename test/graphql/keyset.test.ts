/**
 * Keyset cursors: a list ordered by a timestamp pages on (sort key, id), asking DCI for the
 * rows strictly after the cursor's row through the query DSL, so jobs created or deleted in the
 * emulator between two page reads never make a row repeat or go missing, forwards (first/after)
 * and backwards (last/before). Jobs are created with the emulator's clock set to a cursor
 * row's own timestamp, so the id tie-breaker is exercised too.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { comparableNaive } from '../../src/filters/datetime.js';
import type { Gateway } from '../../src/server.js';
import { CREATE_JOB, DELETE_JOB, partnerTopic } from '../mutations/helpers.js';
import { type GraphQLResult, type Harness, startHarness, visible } from './harness.js';

let clock: Date | null = null;
const now = () => clock ?? new Date();

let h: Harness;
let gateway: Gateway;
beforeAll(async () => {
  h = await startHarness({ now });
  gateway = h.gatewayWith({ now });
});
afterAll(() => h.close());
beforeEach(() => {
  clock = null;
  h.emulator.log.clear();
});

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { id: string; createdAt: string } }[];
}

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  jobs(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id createdAt } } } }`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const r: GraphQLResult<{ jobs: Page }> = await h.query('admin', PAGE, variables, gateway);
  if (!r.data?.jobs) throw new Error(JSON.stringify(r.errors));
  return r.data.jobs;
}

/** DCI's naive timestamp of a job row (what the clock must say to create a tie). */
const rowTime = (id: string) => h.emulator.store.jobs.get(id)!.created_at;

async function createJobAt(at: string | null, name: string): Promise<string> {
  clock = at ? new Date(`${at}Z`) : null;
  const { topic, typeA, typeB } = partnerTopic(h.emulator);
  const r = await h.query<{ createJob: { job: { id: string } } }>(
    'partnerRemoteci',
    CREATE_JOB,
    { input: { topicId: topic.id, componentIds: [typeA[0]!.id, typeB[0]!.id], name } },
    gateway,
  );
  clock = null;
  if (!r.data?.createJob) throw new Error(JSON.stringify(r.errors));
  return r.data.createJob.job.id;
}

async function deleteJob(id: string): Promise<void> {
  const etag = h.emulator.store.jobs.get(id)!.etag;
  const r = await h.query<{ deleteJob: { deletedId: string } }>(
    'admin',
    DELETE_JOB,
    { id, etag },
    gateway,
  );
  if (!r.data?.deleteJob) throw new Error(JSON.stringify(r.errors));
}

/** Newest first, ties by id: the default order of `jobs`. */
function expectedOrder(ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => {
    const ta = comparableNaive(rowTime(a));
    const tb = comparableNaive(rowTime(b));
    return ta !== tb ? (ta < tb ? 1 : -1) : a < b ? -1 : 1;
  });
}

describe('keyset paging with jobs created and deleted between page reads', () => {
  it('forwards: no row repeated or skipped', async () => {
    const before = new Set(visible(h.emulator.store.jobs).map((j) => j.id));
    const seen: string[] = [];
    const deleted = new Set<string>();
    const created: string[] = [];
    let after: string | null = null;
    let round = 0;
    for (;;) {
      const p = await page({ first: 6, after });
      seen.push(...p.edges.map((e) => e.node.id));
      expect(p.totalCount).toBe(visible(h.emulator.store.jobs).length);
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      const last = p.edges.at(-1)!.node.id;
      // Between the reads, alternately: a new newest job and two at the cursor row's very
      // timestamp (ties broken by id), which would shift offsets forwards (rows repeated); or
      // the deletion of a row already read, which would shift them back (a row skipped).
      if (round % 2 === 0) {
        created.push(await createJobAt(null, `top-${round}`));
        created.push(await createJobAt(rowTime(last), `tie-a-${round}`));
        created.push(await createJobAt(rowTime(last), `tie-b-${round}`));
      } else {
        const read = seen[round]!;
        await deleteJob(read);
        deleted.add(read);
      }
      round += 1;
    }
    expect(round).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length); // nothing repeated
    for (const id of before) expect(seen, id).toContain(id); // nothing skipped
    // Created rows show up exactly when they sort after the cursor they were created behind.
    expect(seen).toEqual(expectedOrder(seen));
    expect(deleted.size).toBe(Math.floor(round / 2));
  });

  it('backwards: no row repeated or skipped', async () => {
    const before = new Set(visible(h.emulator.store.jobs).map((j) => j.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    for (;;) {
      const p = await page({ last: 6, before: cursor });
      // Each page comes in list order; pages arrive from the end towards the start.
      seen.unshift(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.hasNextPage).toBe(cursor !== null);
      if (!p.pageInfo.hasPreviousPage) break;
      cursor = p.pageInfo.startCursor;
      const first = p.edges[0]!.node.id;
      if (round % 2 === 0) {
        await createJobAt(rowTime(first), `back-tie-${round}`);
        await createJobAt(null, `back-top-${round}`);
      } else {
        await deleteJob(p.edges.at(-1)!.node.id);
      }
      round += 1;
    }
    expect(round).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen, id).toContain(id);
    expect(seen).toEqual(expectedOrder(seen));
  });

  it('asks DCI for the rows after the cursor in the query DSL, with the total on demand', async () => {
    const first = await page({ first: 3 });
    h.emulator.log.clear();
    const next = await page({ first: 3, after: first.pageInfo.endCursor });
    const last = first.edges.at(-1)!.node;
    const lists = h.emulator.log.entries().map((e) => e.query);
    const naive = rowTime(last.id);
    expect(lists[0]).toMatchObject({
      query: `or(lt(created_at,${naive}),and(eq(created_at,${naive}),gt(id,${last.id})))`,
      offset: '0',
      limit: '3',
      sort: '-created_at,id',
    });
    expect(next.totalCount).toBe(visible(h.emulator.store.jobs).length);
    // totalCount of a keyset page is one more request, without the cursor's condition.
    expect(lists[1]).toEqual({ limit: '1', offset: '0', sort: '-created_at,id' });
    expect(lists).toHaveLength(2);
  });
});

describe('cursor rules', () => {
  it('keeps old offset cursors working', async () => {
    const all = await page({ first: 10 });
    const legacy = Buffer.from('cursor:v1:4').toString('base64');
    const p = await page({ first: 3, after: legacy });
    expect(p.edges.map((e) => e.node.id)).toEqual(all.edges.slice(5, 8).map((e) => e.node.id));
    const back = await page({ last: 2, before: legacy });
    expect(back.edges.map((e) => e.node.id)).toEqual(all.edges.slice(2, 4).map((e) => e.node.id));
  });

  it('refuses a keyset cursor of another order, and mixed directions, before any request', async () => {
    const p = await page({ first: 2 });
    h.emulator.log.clear();
    const other = await h.query(
      'admin',
      'query($after: String) { jobs(first: 2, after: $after, orderBy: [{field: UPDATED_AT, direction: DESC}]) { totalCount } }',
      { after: p.pageInfo.endCursor },
    );
    expect(other.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const mixed = await h.query('admin', '{ jobs(first: 2, last: 2) { totalCount } }');
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const forged = Buffer.from('cursor:v2:created_at:2026-01-01T00:00:00),eq(id:x').toString(
      'base64',
    );
    const bad = await h.query('admin', `{ jobs(after: "${forged}") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('pages other orders with offset cursors, backwards too', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      jobs(first: $first, after: $after, last: $last, before: $before,
           orderBy: [{field: NAME, direction: ASC}]) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id } } } }`;
    const run = async (v: Record<string, unknown>) =>
      ((await h.query<{ jobs: Page }>('admin', q, v)).data as { jobs: Page }).jobs;
    const all = await run({ first: 200 });
    const tail = await run({ last: 4 });
    expect(tail.edges.map((e) => e.node.id)).toEqual(all.edges.slice(-4).map((e) => e.node.id));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const prev = await run({ last: 4, before: tail.pageInfo.startCursor });
    expect(prev.edges.map((e) => e.node.id)).toEqual(all.edges.slice(-8, -4).map((e) => e.node.id));
  });

  it('pages a component jobs (computed in the gateway) with the same keyset cursors', async () => {
    const q = `query($id: ID!, $first: Int, $after: String) { component(id: $id) {
      jobs(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    type R = {
      component: {
        jobs: { totalCount: number; pageInfo: Page['pageInfo']; nodes: { id: string }[] };
      };
    };
    const { typeA } = partnerTopic(h.emulator);
    const id = typeA[0]!.id;
    const all = (await h.query<R>('admin', q, { id, first: 200 })).data!.component.jobs;
    expect(all.totalCount).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: R['component']['jobs'] = (await h.query<R>('admin', q, { id, first: 2, after }))
        .data!.component.jobs;
      seen.push(...p.nodes.map((n) => n.id));
      expect(p.totalCount).toBe(all.totalCount);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n) => n.id));
  });
});

describe('the request line', () => {
  it('refuses a cursor page whose DCI request would pass 4 KB, before any request', async () => {
    const p = await page({ first: 2 });
    h.emulator.log.clear();
    // 50 names of 59 characters: 40 of them fit, all 50 with the cursor's condition do not.
    const names = Array.from(
      { length: 50 },
      (_, i) => `${'n'.repeat(56)}-${String(i).padStart(2, '0')}`,
    );
    const q = `query($after: String, $names: [String!]) {
      jobs(first: 2, after: $after, filter: { name: { in: $names } }) { totalCount } }`;
    const alone = await h.query('admin', q, { names: names.slice(0, 40) });
    expect(alone.errors).toBeUndefined();
    const r = await h.query('admin', q, { after: p.pageInfo.endCursor, names });
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(h.emulator.log.entries().every((e) => e.status < 400)).toBe(true);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

type Ids = { nodes: { id: string }[]; totalCount: number };
const ids = (c: Ids) => c.nodes.map((n) => n.id).sort();
const sorted = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('filters against the emulator data', () => {
  const likeToRegExp = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/%/g, '.*')}$`, 'i');
  const topicPatterns = () => {
    const name = visible(h.emulator.store.topics)[0]!.name.toLowerCase();
    return ['rhel-8%', `${name.slice(0, 4)}%`, name, `%${name.slice(-3)}`];
  };

  it('matches topic names case-insensitively with ilike', async () => {
    let matched = 0;
    for (const pattern of topicPatterns()) {
      const expected = visible(h.emulator.store.topics).filter((t) =>
        likeToRegExp(pattern).test(t.name),
      );
      matched += expected.length;
      const result = await h.query<{ topics: Ids }>(
        'admin',
        'query($p: String!) { topics(first: 200, filter: {name: {ilike: $p}}) { totalCount nodes { id } } }',
        { p: pattern },
      );
      expect(result.errors).toBeUndefined();
      expect(ids(result.data!.topics)).toEqual(sorted(expected));
      expect(result.data!.topics.totalCount).toBe(expected.length);
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('selects jobs whose status is in a list', async () => {
    const expected = visible(h.emulator.store.jobs).filter((j) =>
      ['failure', 'error'].includes(j.status),
    );
    const result = await h.query<{ jobs: Ids }>(
      'admin',
      '{ jobs(first: 200, filter: {status: {in: [FAILURE, ERROR]}}) { totalCount nodes { id } } }',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(result.data!.jobs)).toEqual(sorted(expected));
  });

  it('selects jobs by tag, and by the absence of a tag', async () => {
    const jobs = visible(h.emulator.store.jobs);
    const tag = jobs.flatMap((j) => j.tags)[0]!;
    const result = await h.query<{ with: Ids; without: Ids }>(
      'admin',
      `query($tag: String!) {
        with: jobs(first: 200, filter: {tags: {contains: $tag}}) { totalCount nodes { id } }
        without: jobs(first: 200, filter: {tags: {notContains: $tag}}) { totalCount nodes { id } }
      }`,
      { tag },
    );
    expect(ids(result.data!.with)).toEqual(sorted(jobs.filter((j) => j.tags.includes(tag))));
    expect(ids(result.data!.without)).toEqual(sorted(jobs.filter((j) => !j.tags.includes(tag))));
  });

  it('selects jobs created in a date range', async () => {
    const jobs = visible(h.emulator.store.jobs).sort((a, b) =>
      a.created_at.localeCompare(b.created_at),
    );
    const from = jobs[Math.floor(jobs.length / 4)]!.created_at;
    const to = jobs[Math.floor((jobs.length * 3) / 4)]!.created_at;
    const expected = jobs.filter((j) => j.created_at >= from && j.created_at < to);
    const result = await h.query<{ jobs: Ids }>(
      'admin',
      `query($from: DateTime!, $to: DateTime!) {
        jobs(first: 200, filter: {createdAt: {ge: $from, lt: $to}}) { totalCount nodes { id } } }`,
      { from: `${from}Z`, to: `${to}Z` },
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(result.data!.jobs)).toEqual(sorted(expected));
  });

  it('combines a relation scope with a filter (a topic jobs by status)', async () => {
    const job = visible(h.emulator.store.jobs)[0]!;
    const expected = visible(h.emulator.store.jobs).filter(
      (j) => j.topic_id === job.topic_id && j.status === job.status,
    );
    const result = await h.query<{ topic: { jobs: Ids } }>(
      'admin',
      `query($id: ID!, $status: JobStatus!) { topic(id: $id) {
        jobs(first: 200, filter: {status: {eq: $status}}) { totalCount nodes { id } } } }`,
      { id: job.topic_id, status: job.status.toUpperCase().replace('-', '_') },
    );
    expect(ids(result.data!.topic.jobs)).toEqual(sorted(expected));
  });

  it.each([
    ['name: {eq: "a,b"}', 'filter.name.eq'],
    ['name: {ilike: "rhel*"}', 'filter.name.ilike'],
    ['tags: {contains: "é"}', 'filter.tags.contains'],
    ['or: [{name: {eq: "x"}}, {comment: {like: "(x)"}}]', 'filter.or[1].comment.like'],
  ])('refuses %s before any request', async (filter, field) => {
    const result = await h.query('admin', `{ jobs(filter: {${filter}}) { totalCount } }`);
    // Arguments are checked for the whole operation before it runs: no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(h.emulator.log.count()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { authOf, call, getAs, send, startTiny } from './helpers.js';

let emu: Emulator;
const R = 'partnerRemoteci';
const A = 'admin';
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  emu = await startTiny();
});
afterAll(() => emu.close());

const anyJob = () => [...emu.store.jobs.values()].find((j) => j.state !== 'archived')!;

describe('§9.1 envelopes and error shapes', () => {
  it('list envelope with _meta.count ignoring pagination; single envelope', async () => {
    const all = await getAs(emu, A, '/jobs', { limit: '200', offset: '0' });
    const page = await getAs(emu, A, '/jobs', { limit: '1', offset: '0' });
    expect(Object.keys(page).sort()).toEqual(['_meta', 'jobs']);
    expect(page.jobs).toHaveLength(1);
    expect(page._meta.count).toBe(all._meta.count);
    const one = await getAs(emu, A, `/jobs/${page.jobs[0].id}`);
    expect(Object.keys(one)).toEqual(['job']);
  });
  it('JSON errors are {message, payload, status_code}', async () => {
    const res = await call(emu, { path: `/jobs/${crypto.randomUUID()}`, auth: authOf(emu, A) });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ message: 'job not found', payload: {}, status_code: 404 });
  });
  it.each([
    ['unknown route', 'GET', '/api/v1/nope', 404],
    ['non-UUID id', 'GET', '/api/v1/jobs/not-a-uuid', 404],
    ['outside /api/v1', 'GET', '/elsewhere', 404],
    ['wrong method', 'POST', `/api/v1/jobs/${crypto.randomUUID()}`, 405],
  ])('%s -> HTML %s', async (_n, method, path, status) => {
    const origin = new URL(emu.url);
    const res = await send(origin, method, path, { Host: origin.host });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.json).toBeUndefined();
  });
  it('a crash (not_contains in the DSL) -> HTML 500', async () => {
    const res = await call(emu, {
      path: '/jobs',
      params: { query: 'not_contains(tags,x)' },
      auth: authOf(emu, A),
    });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
  it('invalid JSON body -> HTML 400; non-JSON content type -> 400 Request malformed', async () => {
    const job = anyJob();
    const bad = await call(emu, {
      method: 'POST',
      path: '/jobstates',
      body: '{"job_id":',
      auth: authOf(emu, A),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    const plain = await call(emu, {
      method: 'POST',
      path: '/jobstates',
      body: JSON.stringify({ job_id: job.id, status: 'running' }),
      headers: { 'Content-Type': 'text/plain' },
      auth: authOf(emu, A),
    });
    expect(plain.status).toBe(400);
    expect(plain.json.message).toBe('Request malformed');
  });
  it('trailing slash accepted; CORS header on every answer', async () => {
    const res = await call(emu, { path: '/jobs/', auth: authOf(emu, A) });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('§9.2 timestamps, UUIDs, etag fields', () => {
  it('naive UTC timestamps, lower-case UUIDs, etag on etagged rows', async () => {
    const { jobs } = await getAs(emu, A, '/jobs');
    for (const j of jobs) {
      expect(j.created_at).toMatch(TS);
      expect(j.updated_at).toMatch(TS);
      expect(j.id).toMatch(UUID);
      expect(typeof j.etag).toBe('string');
    }
  });
  it('an upper-case id in the path is accepted and answered lower-case', async () => {
    const job = anyJob();
    const res = await getAs(emu, A, `/jobs/${job.id.toUpperCase()}`);
    expect(res.job.id).toBe(job.id);
  });
});

describe('§9.3-9.5 list parameters on validated routes', () => {
  it('default 20, silent cap at 200, limit without offset 400, limit=0 400, unknown 400', async () => {
    const def = await getAs(emu, A, '/jobs');
    expect(def.jobs.length).toBe(Math.min(20, def._meta.count));
    const capped = await getAs(emu, A, '/jobs', { limit: '5000', offset: '0' });
    expect(capped.jobs.length).toBe(Math.min(200, capped._meta.count));
    const alone = await call(emu, { path: '/jobs', params: { limit: '10' }, auth: authOf(emu, A) });
    expect(alone.status).toBe(400);
    expect(alone.json.payload.errors).toContain("'offset' is a required property");
    const zero = await call(emu, {
      path: '/jobs',
      params: { limit: '0', offset: '0' },
      auth: authOf(emu, A),
    });
    expect(zero.status).toBe(400);
    const foo = await call(emu, { path: '/topics', params: { foo: '1' }, auth: authOf(emu, A) });
    expect(foo.status).toBe(400);
    expect(foo.json.payload.error).toBe(
      "Additional properties are not allowed ('foo' was unexpected)",
    );
  });
  it('default sort -created_at; components -released_at', async () => {
    const { jobs } = await getAs(emu, A, '/jobs', { limit: '200', offset: '0' });
    const t = jobs.map((j: { created_at: string }) => j.created_at);
    expect([...t].sort().reverse()).toEqual(t);
    const topic = [...emu.store.topics.values()].find((x) => x.state === 'active')!;
    const { components } = await getAs(emu, A, `/topics/${topic.id}/components`, {
      limit: '200',
      offset: '0',
    });
    const r = components.map((c: { released_at: string }) => c.released_at);
    expect([...r].sort().reverse()).toEqual(r);
  });
  it('where: case-insensitive, invalid key 400 with valid keys, forbidden key 400', async () => {
    const job = anyJob();
    const res = await getAs(emu, A, '/jobs', {
      where: `status:${job.status.toUpperCase()}`,
      limit: '200',
      offset: '0',
    });
    expect(res.jobs.every((j: { status: string }) => j.status === job.status)).toBe(true);
    const bad = await call(emu, {
      path: '/jobs',
      params: { where: 'nope:1' },
      auth: authOf(emu, A),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('Invalid where key: "nope:1"');
    expect(bad.json.payload['Valid where keys']).toContain('status');
    const data = await call(emu, {
      path: '/remotecis',
      params: { where: 'api_secret:x' },
      auth: authOf(emu, A),
    });
    expect(data.status).toBe(400);
  });
  it('query: OR batching by id; where overrides query; parse error 400; embed ignored', async () => {
    const ids = [...emu.store.jobs.values()]
      .filter((j) => j.state !== 'archived')
      .slice(0, 3)
      .map((j) => j.id);
    const q = `or(${ids.map((id) => `eq(id,${id})`).join(',')})`;
    const res = await getAs(emu, A, '/jobs', {
      query: q,
      limit: '200',
      offset: '0',
      embed: 'topic',
    });
    expect(res._meta.count).toBe(ids.length);
    const both = await getAs(emu, A, '/jobs', {
      query: q,
      where: `id:${ids[0]}`,
      limit: '200',
      offset: '0',
    });
    expect(both._meta.count).toBe(1);
    const parse = await call(emu, {
      path: '/jobs',
      params: { query: 'eq(id' },
      auth: authOf(emu, A),
    });
    expect(parse.status).toBe(400);
    expect(parse.json.message).toMatch(/^error while parsing the query/);
  });
  it('routes without validation ignore parameters', async () => {
    const job = anyJob();
    const res = await call(emu, {
      path: `/jobs/${job.id}/components`,
      params: { foo: 'x', limit: '1' },
      auth: authOf(emu, A),
    });
    expect(res.status).toBe(200);
  });
});

describe('§9.6 fixed embeds', () => {
  it('GET /jobs: components, topic, remoteci with api_secret, team, pipeline, results, keys_values; no data', async () => {
    const { jobs } = await getAs(emu, A, '/jobs');
    const j = jobs[0];
    for (const k of [
      'components',
      'topic',
      'remoteci',
      'team',
      'pipeline',
      'results',
      'keys_values',
    ]) {
      expect(j).toHaveProperty(k);
    }
    expect(j).not.toHaveProperty('data');
    expect(j).not.toHaveProperty('jobstates');
    expect(j.remoteci).toHaveProperty('api_secret');
  });
  it('GET /jobs/<id>: data, ascending jobstates without files, job-level files', async () => {
    const j = (await getAs(emu, A, `/jobs/${anyJob().id}`)).job;
    expect(j).toHaveProperty('data');
    expect(j).toHaveProperty('jobstates');
    expect(j.files.every((f: { jobstate_id: string | null }) => f.jobstate_id === null)).toBe(true);
  });
  it('topics embed product and next_topic; products embed all topics', async () => {
    const { topics } = await getAs(emu, A, '/topics');
    expect(topics[0]).toHaveProperty('product');
    expect(topics[0]).toHaveProperty('next_topic');
    const { products } = await getAs(emu, A, '/products');
    expect(products[0].topics).toBeInstanceOf(Array);
  });
  it('GET /components/<id> embeds files and jobs; lists have columns only', async () => {
    const { components } = await getAs(emu, A, '/components');
    if (components.length) expect(components[0]).not.toHaveProperty('jobs');
    const c = [...emu.store.components.values()].find((x) => x.state === 'active')!;
    const one = await call(emu, { path: `/components/${c.id}`, auth: authOf(emu, A) });
    expect(one.status).toBe(200);
    expect(one.json.component.files).toBeInstanceOf(Array);
    expect(one.json.component.jobs).toBeInstanceOf(Array);
  });
  it('remotecis embed team and users; teams embed remotecis; pipelines embed team', async () => {
    const { remotecis } = await getAs(emu, A, '/remotecis');
    expect(remotecis[0]).toHaveProperty('team');
    expect(remotecis[0]).toHaveProperty('users');
    const { teams } = await getAs(emu, A, '/teams');
    expect(teams[0].remotecis).toBeInstanceOf(Array);
    const { pipelines } = await getAs(emu, A, '/pipelines');
    if (pipelines.length) {
      expect(pipelines[0]).toHaveProperty('team');
      const pj = await getAs(emu, A, `/pipelines/${pipelines[0].id}/jobs`);
      const t = pj.jobs.map((j: { created_at: string }) => j.created_at);
      expect([...t].sort()).toEqual(t);
    }
  });
});

describe('§9.7 ETag headers per §1.3', () => {
  it('raw ETag on GET-one of job, topic, product, component, remoteci, team; none on pipeline, jobstate, file; none on lists', async () => {
    const s = emu.store;
    const first = <T extends { state?: string }>(m: Map<string, T>) =>
      [...m.values()].find((x) => x.state !== 'archived');
    const withEtag: [string, { id: string; etag: string } | undefined][] = [
      ['jobs', first(s.jobs)],
      ['topics', first(s.topics)],
      ['products', first(s.products)],
      ['components', first(s.components)],
      ['remotecis', first(s.remotecis)],
      ['teams', first(s.teams)],
    ];
    for (const [res, row] of withEtag) {
      if (!row) continue;
      const r = await call(emu, { path: `/${res}/${row.id}`, auth: authOf(emu, A) });
      expect(r.status, res).toBe(200);
      expect(r.headers.etag, res).toBe(row.etag);
    }
    const p = first(s.pipelines);
    if (p)
      expect(
        (await call(emu, { path: `/pipelines/${p.id}`, auth: authOf(emu, A) })).headers.etag,
      ).toBeUndefined();
    const js = [...s.jobstates.values()][0];
    if (js)
      expect(
        (await call(emu, { path: `/jobstates/${js.id}`, auth: authOf(emu, A) })).headers.etag,
      ).toBeUndefined();
    const f = first(s.files);
    if (f)
      expect(
        (await call(emu, { path: `/files/${f.id}`, auth: authOf(emu, A) })).headers.etag,
      ).toBeUndefined();
    expect((await call(emu, { path: '/jobs', auth: authOf(emu, A) })).headers.etag).toBeUndefined();
  });
});

describe('identity', () => {
  it('remoteci identity has ETag None and null user fields', async () => {
    const r = await call(emu, { path: '/identity', auth: authOf(emu, R) });
    expect(r.headers.etag).toBe('None');
    expect(r.json.identity.fullname).toBeNull();
  });
});

describe('§9.4-9.5 where and query details through the routes', () => {
  const all = { limit: '200', offset: '0' };
  it('trailing * is a case-insensitive substring; tags membership is case-sensitive; empty value is IS NULL', async () => {
    const jobs = [...emu.store.jobs.values()].filter((j) => j.state !== 'archived');
    const name = jobs[0]!.name;
    const mid = name.slice(1, -1).toUpperCase();
    const sub = await getAs(emu, A, '/jobs', { ...all, where: `name:${mid}*` });
    expect(sub._meta.count).toBe(jobs.filter((j) => j.name.toUpperCase().includes(mid)).length);
    const tagged = jobs.find((j) => j.tags.length > 0);
    if (tagged) {
      const tag = tagged.tags[0]!;
      const res = await getAs(emu, A, '/jobs', { ...all, where: `tags:${tag}` });
      expect(res._meta.count).toBe(jobs.filter((j) => j.tags.includes(tag)).length);
      if (tag.toUpperCase() !== tag) {
        const upper = await getAs(emu, A, '/jobs', { ...all, where: `tags:${tag.toUpperCase()}` });
        expect(upper._meta.count).toBe(
          jobs.filter((j) => j.tags.includes(tag.toUpperCase())).length,
        );
      }
    }
    const nulls = await getAs(emu, A, '/jobs', { ...all, where: 'pipeline_id:' });
    expect(nulls._meta.count).toBe(jobs.filter((j) => j.pipeline_id === null).length);
  });
  it('only the first element of a top-level query list applies; created_after formats', async () => {
    const jobs = [...emu.store.jobs.values()].filter((j) => j.state !== 'archived');
    const [a, b] = jobs;
    const res = await getAs(emu, A, '/jobs', { ...all, query: `eq(id,${a!.id}),eq(id,${b!.id})` });
    expect(res.jobs.map((j: { id: string }) => j.id)).toEqual([a!.id]);
    const ignored = await getAs(emu, A, '/jobs', { ...all, created_after: '2099-01-01' });
    expect(ignored._meta.count).toBe(jobs.length);
    const future = await getAs(emu, A, '/jobs', {
      ...all,
      created_after: '2099-01-01T00:00:00.000000',
    });
    expect(future._meta.count).toBe(0);
  });
});

describe('§9.7 team etag mismatch is 409', () => {
  it('PUT /teams/<id>: missing If-Match 412, stale 409, good 200 with a new ETag', async () => {
    const team = [...emu.store.teams.values()].find((t) => t.name !== 'admin')!;
    const auth = authOf(emu, A);
    const miss = await call(emu, { method: 'PUT', path: `/teams/${team.id}`, body: {}, auth });
    expect(miss.status).toBe(412);
    const stale = await call(emu, {
      method: 'PUT',
      path: `/teams/${team.id}`,
      body: { country: 'FR' },
      headers: { 'If-Match': 'x' },
      auth,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toBe('update failed, either team not found or etag not matched');
    const good = await call(emu, {
      method: 'PUT',
      path: `/teams/${team.id}`,
      body: { country: 'FR' },
      headers: { 'If-Match': team.etag },
      auth,
    });
    expect(good.status).toBe(200);
    expect(good.headers.etag).toBe(good.json.team.etag);
  });
});

describe('HEAD and OPTIONS (Flask defaults)', () => {
  it('HEAD runs the GET view without a body; OPTIONS answers 200 with Allow', async () => {
    const origin = new URL(emu.url);
    const head = await send(origin, 'HEAD', '/api/v1/', { Host: origin.host });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const options = await send(origin, 'OPTIONS', '/api/v1/jobs', { Host: origin.host });
    expect(options.status).toBe(200);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
  });
});

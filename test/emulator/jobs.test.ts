import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { addComponent, authOf, call, getAs, startTiny } from './helpers.js';

let emu: Emulator;
let topicId: string;
const R = 'partnerRemoteci';

beforeAll(async () => {
  emu = await startTiny();
  const { topics } = await getAs(emu, R, '/topics', { limit: '200', offset: '0' });
  const topic = topics.find((t: { state: string }) => t.state === 'active');
  if (!topic) throw new Error('the tiny dataset has no active topic visible to partnerRemoteci');
  topicId = topic.id;
});
afterAll(() => emu.close());

const post = (path: string, body: unknown, who = R) =>
  call(emu, { method: 'POST', path, body, auth: authOf(emu, who) });
const put = (path: string, body: unknown, etag?: string, who = R) =>
  call(emu, {
    method: 'PUT',
    path,
    body,
    auth: authOf(emu, who),
    ...(etag !== undefined ? { headers: { 'If-Match': etag } } : {}),
  });

async function newJob(extra: Record<string, unknown> = {}) {
  const res = await post('/jobs', { topic_id: topicId, components: [], ...extra });
  expect(res.status).toBe(201);
  return res.json.job as { id: string; etag: string };
}

describe('job creation (§4.4, §7.2)', () => {
  it('POST /jobs: 201, ETag, echo of the input (not the GET shape), status new', async () => {
    const res = await post('/jobs', { topic_id: topicId, components: [], name: 'n1' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe(res.json.job.etag);
    expect(res.json.job).toMatchObject({ name: 'n1', status: 'new', topic_id: topicId });
    expect(res.json.job).not.toHaveProperty('components');
    expect(res.json.job).not.toHaveProperty('topic');
    const got = await getAs(emu, R, `/jobs/${res.json.job.id}`);
    expect(got.job.jobstates).toEqual([]);
    expect(got.job.team_id).toBe(emu.fixtures.identities.partnerRemoteci.teamId);
  });
  it('a user -> 400 Only remoteci can create job', async () => {
    const res = await post('/jobs', { topic_id: topicId, components: [] }, 'partnerUser');
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('Only remoteci can create job');
  });
  it('an inactive remoteci -> 412', async () => {
    const id = emu.fixtures.identities.inactiveRemoteci.id;
    const res = await post('/jobs', { topic_id: topicId, components: [] }, 'inactiveRemoteci');
    expect(res.status).toBe(412);
    expect(res.json.message).toBe(`RemoteCI "${id}" is disabled.`);
  });
  it('unknown or missing topic -> 404, inactive topic -> 412', async () => {
    const unknown = await post('/jobs', { topic_id: crypto.randomUUID(), components: [] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBe('topic not found');
    const missing = await post('/jobs', { components: [] });
    expect(missing.json.message).toBe('topic not found');
    const topic = emu.store.topics.get(topicId)!;
    topic.state = 'inactive';
    try {
      const res = await post('/jobs', { topic_id: topicId, components: [] });
      expect(res.status).toBe(412);
      expect(res.json.message).toBe(`Topic ${topicId}:${topic.name} not active.`);
    } finally {
      topic.state = 'active';
    }
  });
  it('no access to the topic -> 401', async () => {
    const hidden = [...emu.store.topics.values()].find(
      (t) => !t.export_control && t.state === 'active',
    );
    if (!hidden) return;
    const res = await post('/jobs', { topic_id: hidden.id, components: [] }, 'otherRemoteci');
    expect(res.status).toBe(401);
  });
  it('unknown previous_job_id -> 404 job not found; unknown field -> 400', async () => {
    const res = await post('/jobs', {
      topic_id: topicId,
      components: [],
      previous_job_id: crypto.randomUUID(),
    });
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('job not found');
    const extra = await post('/jobs', { topic_id: topicId, components: [], foo: 1 });
    expect(extra.status).toBe(400);
    expect(extra.json.payload.error).toBe(
      "Additional properties are not allowed ('foo' was unexpected)",
    );
  });
  it('POST /jobs inserts the job before checking components and leaves it behind', async () => {
    const before = emu.store.jobs.size;
    const res = await post('/jobs', {
      topic_id: topicId,
      components: [crypto.randomUUID()],
      name: 'left-behind',
    });
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('component not found');
    expect(emu.store.jobs.size).toBe(before + 1);
    const left = [...emu.store.jobs.values()].find((j) => j.name === 'left-behind')!;
    const got = await getAs(emu, R, `/jobs/${left.id}`);
    expect(got.job.components).toEqual([]);
  });
});

describe('POST /jobs/schedule component choice (§7.2)', () => {
  it('picks the newest active team-less component per type, with 412/404 errors', async () => {
    const topic = emu.store.topics.get(topicId)!;
    const saved = topic.component_types;
    topic.component_types = ['emu-a', 'emu-b'];
    try {
      addComponent(emu, topicId, 'emu-a', { createdAt: '2030-01-01T00:00:00.000000' });
      const newestA = addComponent(emu, topicId, 'emu-a', {
        createdAt: '2030-02-01T00:00:00.000000',
      });
      addComponent(emu, topicId, 'emu-a', {
        createdAt: '2030-03-01T00:00:00.000000',
        teamId: emu.fixtures.identities.partnerRemoteci.teamId,
      });
      addComponent(emu, topicId, 'emu-a', {
        createdAt: '2030-04-01T00:00:00.000000',
        state: 'inactive',
      });
      const b = addComponent(emu, topicId, 'emu-b');
      const res = await post('/jobs/schedule', { topic_id: topicId });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe(res.json.job.etag);
      expect(res.json.job.comment).toBeNull();
      const got = await getAs(emu, R, `/jobs/${res.json.job.id}/components`);
      expect(got.components.map((c: { id: string }) => c.id).sort()).toEqual([newestA, b].sort());
      expect(emu.store.jobs.get(res.json.job.id)!.comment).toBe('');

      const count = await post('/jobs/schedule', { topic_id: topicId, components_ids: [b] });
      expect(count.status).toBe(412);
      expect(count.json.message).toBe(
        "The number of component ids does not match the number of component types ['emu-a', 'emu-b']",
      );
      const unknown = crypto.randomUUID();
      const missing = await post('/jobs/schedule', {
        topic_id: topicId,
        components_ids: [b, unknown],
      });
      expect(missing.status).toBe(404);
      expect(missing.json.message).toBe(`component id ${unknown} not found or not exported`);
      const b2 = addComponent(emu, topicId, 'emu-b');
      const dup = await post('/jobs/schedule', { topic_id: topicId, components_ids: [b, b2] });
      expect(dup.status).toBe(412);
      expect(dup.json.message).toBe('Component types malformed: type emu-b duplicated.');
      topic.component_types = ['emu-a', 'emu-none'];
      const none = await post('/jobs/schedule', { topic_id: topicId });
      expect(none.status).toBe(412);
      expect(none.json.message).toBe('Component of type "emu-none" not found or not exported.');
    } finally {
      topic.component_types = saved;
    }
  });
  it('an empty url is rejected on schedule', async () => {
    const res = await post('/jobs/schedule', { topic_id: topicId, url: '' });
    expect(res.status).toBe(400);
  });
});

describe('PUT /jobs/<id> and etags (§6)', () => {
  it('missing If-Match -> 412 with the exact body', async () => {
    const job = await newJob();
    const res = await put(`/jobs/${job.id}`, { name: 'x' });
    expect(res.status).toBe(412);
    expect(res.json).toEqual({
      message: "'If-match' header must be provided",
      payload: {},
      status_code: 412,
    });
  });
  it('a stale etag -> 404 job not found; a quoted etag does not match', async () => {
    const job = await newJob();
    const stale = await put(`/jobs/${job.id}`, { name: 'x' }, 'deadbeef'.repeat(4));
    expect(stale.status).toBe(404);
    expect(stale.json.message).toBe('job not found');
    const quoted = await put(`/jobs/${job.id}`, { name: 'x' }, `"${job.etag}"`);
    expect(quoted.status).toBe(404);
  });
  it('a good etag -> 200, columns only, new ETag; unknown fields dropped; status -> jobstate', async () => {
    const job = await newJob();
    const res = await put(
      `/jobs/${job.id}`,
      { status: 'running', topic_id: crypto.randomUUID(), foo: 1 },
      job.etag,
    );
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(res.json.job.etag);
    expect(res.json.job.etag).not.toBe(job.etag);
    expect(res.json.job.topic_id).toBe(topicId);
    expect(res.json.job).not.toHaveProperty('components');
    const got = await getAs(emu, R, `/jobs/${job.id}`);
    expect(
      got.job.jobstates.map((s: { status: string; comment: null }) => [s.status, s.comment]),
    ).toEqual([['running', null]]);
    const empty = await put(`/jobs/${job.id}`, {}, res.json.job.etag);
    expect(empty.json.job.etag).not.toBe(res.json.job.etag);
    const bogus = await put(`/jobs/${job.id}`, { status: 'bogus' }, empty.json.job.etag);
    expect(bogus.status).toBe(400);
  });
  it('If-None-Match is ignored: 200 with the full body, never 304', async () => {
    const job = await newJob();
    const res = await call(emu, {
      path: `/jobs/${job.id}`,
      auth: authOf(emu, R),
      headers: { 'If-None-Match': job.etag },
    });
    expect(res.status).toBe(200);
    expect(res.json.job.id).toBe(job.id);
  });
  it('every job write changes the etag except component attach/detach', async () => {
    const job = await newJob();
    const etag = () => emu.store.jobs.get(job.id)!.etag;
    let last = etag();
    const changed = () => {
      const now = etag();
      const c = now !== last;
      last = now;
      return c;
    };
    await post('/jobstates', { job_id: job.id, status: 'running' });
    expect(changed()).toBe(true);
    await post(`/jobs/${job.id}/kv`, { key: 'k', value: 1.5 });
    expect(changed()).toBe(true);
    await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job.id}/kv`,
      body: { key: 'k' },
      auth: authOf(emu, R),
    });
    expect(changed()).toBe(true);
    const c = addComponent(emu, topicId, 'emu-x');
    await post(`/jobs/${job.id}/components`, { id: c });
    expect(changed()).toBe(false);
  });
});

describe('jobstates, components, kv, delete (§4.4, §4.5, §8)', () => {
  it('failure while new is stored as error; the job takes failure; no permission check', async () => {
    const job = await newJob();
    const res = await post(
      '/jobstates',
      { job_id: job.id, status: 'failure', comment: 'c' },
      'otherRemoteci',
    );
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBeUndefined();
    expect(res.json.jobstate).toMatchObject({ status: 'error', comment: 'c', job_id: job.id });
    expect(emu.store.jobs.get(job.id)!.status).toBe('failure');
    const later = await post('/jobstates', { job_id: job.id, status: 'new' });
    expect(later.json.jobstate.status).toBe('new');
    const bad = await post('/jobstates', { job_id: job.id, status: 'bogus' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(
      'We are unable to create this resource. Please contact a DCI administrator.',
    );
  });
  it('/jobs/<id>/jobstates: paginated, default 20, -created_at, files embedded', async () => {
    const job = await newJob();
    for (let i = 0; i < 23; i++)
      await post('/jobstates', { job_id: job.id, status: 'running', comment: String(i) });
    const page = await getAs(emu, R, `/jobs/${job.id}/jobstates`);
    expect(page._meta.count).toBe(23);
    expect(page.jobstates).toHaveLength(20);
    expect(page.jobstates[0]).toHaveProperty('files');
    const times = page.jobstates.map((s: { created_at: string }) => s.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    const full = await getAs(emu, R, `/jobs/${job.id}`);
    const asc = full.job.jobstates.map((s: { created_at: string }) => s.created_at);
    expect([...asc].sort()).toEqual(asc);
    expect(full.job.jobstates[0]).not.toHaveProperty('files');
  });
  it('component add and remove answer 201 with an empty body', async () => {
    const job = await newJob();
    const c = addComponent(emu, topicId, 'emu-y');
    const add = await post(`/jobs/${job.id}/components`, { id: c });
    expect(add.status).toBe(201);
    expect(add.text).toBe('');
    const del = await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job.id}/components/${c}`,
      auth: authOf(emu, R),
    });
    expect(del.status).toBe(201);
    expect(del.text).toBe('');
  });
  it('kv: 201 {"kv"}, duplicate key 409, DELETE with a JSON body 204', async () => {
    const job = await newJob();
    const res = await post(`/jobs/${job.id}/kv`, { key: 'score', value: 3 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ kv: { job_id: job.id, key: 'score', value: 3 } });
    expect((await post(`/jobs/${job.id}/kv`, { key: 'score', value: 4 })).status).toBe(409);
    const del = await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job.id}/kv`,
      body: { key: 'score' },
      auth: authOf(emu, R),
    });
    expect(del.status).toBe(204);
    const got = await getAs(emu, R, `/jobs/${job.id}`);
    expect(got.job.keys_values).toEqual([]);
  });
  it('DELETE is a soft delete: 204 empty, then 404 and absent from lists', async () => {
    const job = await newJob();
    const miss = await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job.id}`,
      auth: authOf(emu, R),
    });
    expect(miss.status).toBe(412);
    const res = await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job.id}`,
      auth: authOf(emu, R),
      headers: { 'If-Match': emu.store.jobs.get(job.id)!.etag },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBe('application/json');
    expect(emu.store.jobs.get(job.id)!.state).toBe('archived');
    const get = await call(emu, { path: `/jobs/${job.id}`, auth: authOf(emu, R) });
    expect(get.status).toBe(404);
    const list = await getAs(emu, R, '/jobs', { where: `id:${job.id}` });
    expect(list._meta.count).toBe(0);
  });
});

describe('files change the job etag (§4.6, §6)', () => {
  it('POST /files (raw body, DCI-* headers) and DELETE /files/<id>', async () => {
    const job = await newJob();
    const before = emu.store.jobs.get(job.id)!.etag;
    const up = await call(emu, {
      method: 'POST',
      path: '/files',
      body: 'hello log',
      headers: { 'Content-Type': 'text/plain', 'DCI-JOB-ID': job.id, 'DCI-NAME': 'run.log' },
      auth: authOf(emu, R),
    });
    expect(up.status).toBe(201);
    expect(up.json.file).toMatchObject({ name: 'run.log', job_id: job.id, size: 9, md5: null });
    const mid = emu.store.jobs.get(job.id)!.etag;
    expect(mid).not.toBe(before);
    const got = await getAs(emu, R, `/jobs/${job.id}`);
    expect(got.job.files.map((f: { id: string }) => f.id)).toContain(up.json.file.id);
    const del = await call(emu, {
      method: 'DELETE',
      path: `/files/${up.json.file.id}`,
      auth: authOf(emu, R),
    });
    expect(del.status).toBe(204);
    expect(emu.store.jobs.get(job.id)!.etag).not.toBe(mid);
    const after = await getAs(emu, R, `/jobs/${job.id}/files`);
    expect(after._meta.count).toBe(0);
  });
});

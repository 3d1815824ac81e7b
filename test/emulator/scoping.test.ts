import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { authOf, call, getAs, startTiny } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTiny();
});
afterAll(() => emu.close());

const ids = () => emu.fixtures.identities;
const liveJobs = () => [...emu.store.jobs.values()].filter((j) => j.state !== 'archived');
const otherTeamJob = () => liveJobs().find((j) => j.team_id === ids().otherRemoteci.teamId);

describe('§9.9 jobs are team-scoped', () => {
  it('a remoteci sees only its team jobs', async () => {
    const team = ids().partnerRemoteci.teamId;
    const res = await getAs(emu, 'partnerRemoteci', '/jobs', { limit: '200', offset: '0' });
    expect(res._meta.count).toBe(liveJobs().filter((j) => j.team_id === team).length);
    expect(res.jobs.every((j: { team_id: string }) => j.team_id === team)).toBe(true);
    expect(res._meta.count).toBeLessThan(liveJobs().length);
  });
  it('privileged identities (admin, Red Hat, EPM) see every job', async () => {
    for (const who of ['admin', 'redhat', 'epm']) {
      const res = await getAs(emu, who, '/jobs', { limit: '1', offset: '0' });
      expect(res._meta.count, who).toBe(liveJobs().length);
    }
  });
  it("reading another team's job -> 404, writing it -> 401", async () => {
    const job = otherTeamJob();
    expect(job).toBeDefined();
    const auth = authOf(emu, 'partnerRemoteci');
    const read = await call(emu, { path: `/jobs/${job!.id}`, auth });
    expect(read.status).toBe(404);
    expect(read.json.message).toBe('job not found');
    expect((await call(emu, { path: `/jobs/${job!.id}/components`, auth })).status).toBe(404);
    expect((await call(emu, { path: `/jobs/${job!.id}/jobstates`, auth })).status).toBe(401);
    const write = await call(emu, {
      method: 'PUT',
      path: `/jobs/${job!.id}`,
      body: { name: 'x' },
      headers: { 'If-Match': job!.etag },
      auth,
    });
    expect(write.status).toBe(401);
    expect(write.json.message).toBe('Operation not authorized.');
    const del = await call(emu, {
      method: 'DELETE',
      path: `/jobs/${job!.id}`,
      headers: { 'If-Match': job!.etag },
      auth,
    });
    expect(del.status).toBe(401);
  });
});

describe("§9.9 another team's resources -> 401", () => {
  it('remoteci, team, pipeline', async () => {
    const auth = authOf(emu, 'partnerRemoteci');
    const other = ids().otherRemoteci;
    expect((await call(emu, { path: `/remotecis/${other.id}`, auth })).status).toBe(401);
    expect((await call(emu, { path: `/teams/${other.teamId}`, auth })).status).toBe(401);
    expect((await call(emu, { path: `/teams/${other.teamId}/remotecis`, auth })).status).toBe(401);
    const pipeline = [...emu.store.pipelines.values()].find((p) => p.team_id === other.teamId);
    if (pipeline) {
      expect((await call(emu, { path: `/pipelines/${pipeline.id}`, auth })).status).toBe(401);
    }
    const own = ids().partnerRemoteci;
    expect((await call(emu, { path: `/remotecis/${own.id}`, auth })).status).toBe(200);
  });
  it("a topic outside the caller's products or pre-release access -> 401", async () => {
    const { topics: mine } = await getAs(emu, 'partnerRemoteci', '/topics', {
      limit: '200',
      offset: '0',
    });
    const { topics: theirs } = await getAs(emu, 'otherRemoteci', '/topics', {
      limit: '200',
      offset: '0',
    });
    const theirIds = new Set(theirs.map((t: { id: string }) => t.id));
    // Partner B has no pre-release access: it never sees a topic without export control.
    expect(theirs.every((t: { export_control: boolean }) => t.export_control)).toBe(true);
    const hidden = mine.find((t: { id: string }) => !theirIds.has(t.id));
    if (hidden) {
      const res = await call(emu, {
        path: `/topics/${hidden.id}`,
        auth: authOf(emu, 'otherRemoteci'),
      });
      expect(res.status).toBe(401);
      const comps = await call(emu, {
        path: `/topics/${hidden.id}/components`,
        auth: authOf(emu, 'otherRemoteci'),
      });
      expect(comps.status).toBe(401);
    }
    const all = await getAs(emu, 'admin', '/topics', { limit: '200', offset: '0' });
    expect(all._meta.count).toBe(
      [...emu.store.topics.values()].filter((t) => t.state !== 'archived').length,
    );
  });
  it("another team's private component -> 401", async () => {
    const { topics } = await getAs(emu, 'partnerRemoteci', '/topics', {
      limit: '200',
      offset: '0',
    });
    const topic = topics[0];
    const id = crypto.randomUUID();
    const at = '2030-01-01T00:00:00.000000';
    emu.store.components.set(id, {
      id,
      created_at: at,
      updated_at: at,
      released_at: at,
      etag: 'a'.repeat(32),
      name: 'private',
      display_name: 'private',
      version: '',
      uid: '',
      type: 'private',
      canonical_project_name: null,
      title: null,
      message: null,
      url: null,
      data: {},
      topic_id: topic.id,
      team_id: ids().otherRemoteci.teamId,
      state: 'active',
      tags: [],
    });
    const res = await call(emu, {
      path: `/components/${id}`,
      auth: authOf(emu, 'partnerRemoteci'),
    });
    expect(res.status).toBe(401);
    const list = await getAs(emu, 'partnerRemoteci', `/topics/${topic.id}/components`, {
      where: 'type:private',
    });
    expect(list._meta.count).toBe(0);
  });
});

describe('§9.9 soft-deleted rows are invisible; embeds are not filtered', () => {
  it('an archived topic disappears from GETs but stays in product.topics', async () => {
    const topic = [...emu.store.topics.values()].find((t) => t.state === 'active' && t.product_id)!;
    topic.state = 'archived';
    try {
      const res = await call(emu, { path: `/topics/${topic.id}`, auth: authOf(emu, 'admin') });
      expect(res.status).toBe(404);
      expect(res.json.message).toBe('topic not found');
      const list = await getAs(emu, 'admin', '/topics', { where: 'state:archived' });
      expect(list._meta.count).toBe(0);
      const product = await getAs(emu, 'admin', `/products/${topic.product_id}`);
      expect(product.product.topics.map((t: { id: string }) => t.id)).toContain(topic.id);
    } finally {
      topic.state = 'active';
    }
  });
});

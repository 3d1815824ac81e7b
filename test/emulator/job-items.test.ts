/**
 * `GET /jobs` serialises each item once and keeps it while the tables it is built from keep
 * their versions (views.ts `jobListJson`): after every kind of write that changes an item or
 * one of its embeds, each caller's page must be what a fresh serialisation gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { sortedJson } from '../../src/emulator/json.js';
import { jobListView, productView, topicView } from '../../src/emulator/views.js';
import { authOf, call, type Json, startTiny } from './helpers.js';

describe('job list items, kept while nothing they show changes', () => {
  let emu: Emulator;
  let teamA: string;
  beforeAll(async () => {
    emu = await startTiny();
    teamA = emu.fixtures.identities.partnerUser.teamId;
  });
  afterAll(() => emu.close());

  const page = async (who: string) => {
    const params = { limit: '100', offset: '0', sort: '-created_at,id' };
    const r = await call(emu, { path: '/jobs', params, auth: authOf(emu, who) });
    expect(r.status).toBe(200);
    return r.json.jobs as Json[];
  };
  /** Both callers, interleaved: every item is the fresh serialisation of its job. */
  const checkBoth = async () => {
    for (const who of ['admin', 'partnerUser', 'admin', 'partnerUser']) {
      const items = await page(who);
      expect(items.length).toBeGreaterThan(0);
      if (who === 'partnerUser') expect(items.every((j) => j.team_id === teamA)).toBe(true);
      for (const item of items) {
        const job = emu.store.jobs.get(item.id)!;
        expect(item, `${who} ${item.id}`).toEqual(
          JSON.parse(sortedJson(jobListView(emu.store, job))),
        );
      }
    }
  };
  const write = async (method: string, path: string, body?: unknown, headers = {}) => {
    const r = await call(emu, { method, path, body, headers, auth: authOf(emu, 'admin') });
    expect(r.status, r.text).toBeLessThan(300);
  };
  const jobOfA = () =>
    [...emu.store.jobs.values()].find((j) => j.team_id === teamA && j.state !== 'archived')!;
  const itemOf = async (who: string, id: string) => (await page(who)).find((j) => j.id === id);

  it('answers fresh items read after read, for each caller', async () => {
    await checkBoth();
  });

  it('sees the job, its key/values, its jobstates and its components change', async () => {
    const job = jobOfA();
    await write('PUT', `/jobs/${job.id}`, { comment: 'changed' }, { 'If-Match': job.etag });
    await checkBoth();
    expect((await itemOf('partnerUser', job.id)).comment).toBe('changed');
    await write('POST', `/jobs/${job.id}/kv`, { key: 'seen', value: 7 });
    await checkBoth();
    await write('DELETE', `/jobs/${job.id}/kv`, { key: 'seen' });
    await checkBoth();
    await write('POST', '/jobstates', { job_id: job.id, status: 'killed' });
    await checkBoth();
    expect((await itemOf('partnerUser', job.id)).status).toBe('killed');
    const component = emu.store.components.get(
      emu.store.jobComponents.find((l) => l.job_id === job.id)!.component_id,
    )!;
    await write('DELETE', `/jobs/${job.id}/components/${component.id}`);
    await checkBoth();
    await write('POST', `/jobs/${job.id}/components`, { id: component.id });
    await checkBoth();
  });

  it('sees a job changed in place, even untouched', async () => {
    await checkBoth();
    const job = jobOfA();
    job.comment = 'changed in place';
    await checkBoth();
    expect((await itemOf('partnerUser', job.id)).comment).toBe('changed in place');
  });

  it('sees an embedded component and team change', async () => {
    const job = jobOfA();
    const link = emu.store.jobComponents.find((l) => l.job_id === job.id)!;
    const c = emu.store.components.get(link.component_id)!;
    await write('PUT', `/components/${c.id}`, { name: 'renamed' }, { 'If-Match': c.etag });
    await checkBoth();
    const names = (await itemOf('partnerUser', job.id)).components.map((x: Json) => x.name);
    expect(names).toContain('renamed');
    const team = emu.store.teams.get(teamA)!;
    await write('PUT', `/teams/${teamA}`, { country: 'JP' }, { 'If-Match': team.etag });
    await checkBoth();
    expect((await itemOf('partnerUser', job.id)).team.country).toBe('JP');
  });
});

describe('product and topic list items, kept while nothing they show changes', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTiny();
  });
  afterAll(() => emu.close());

  const list = async (who: string, path: string, key: string) => {
    const params = { limit: '100', offset: '0', sort: 'name' };
    const r = await call(emu, { path, params, auth: authOf(emu, who) });
    expect(r.status).toBe(200);
    return r.json[key] as Json[];
  };
  /** Both callers, interleaved: every item is the fresh serialisation of its row. */
  const checkBoth = async () => {
    for (const who of ['admin', 'partnerUser', 'admin', 'partnerUser']) {
      const products = await list(who, '/products', 'products');
      for (const item of products) {
        const p = emu.store.products.get(item.id)!;
        expect(item).toEqual(JSON.parse(sortedJson(productView(emu.store, p))));
      }
      const topics = await list(who, '/topics', 'topics');
      for (const item of topics) {
        const t = emu.store.topics.get(item.id)!;
        expect(item).toEqual(JSON.parse(sortedJson(topicView(emu.store, t))));
      }
      if (who === 'partnerUser') {
        expect(products.length).toBeLessThan(emu.store.products.size);
      }
    }
  };

  it('sees a topic and a product changed and touched, and a product changed in place', async () => {
    await checkBoth();
    const topic = [...emu.store.topics.values()][0]!;
    topic.name = 'renamed topic';
    (emu.store.topics as unknown as { touch(id: string): void }).touch(topic.id);
    await checkBoth();
    const product = emu.store.products.get(topic.product_id as string)!;
    product.description = 'changed in place';
    // Its own item sees it untouched; the topics embedding it, once it is touched.
    const products = await list('admin', '/products', 'products');
    const seen = products.find((p) => p.id === product.id);
    expect(seen.description).toBe('changed in place');
    expect(seen.topics.map((t: Json) => t.name)).toContain('renamed topic');
    (emu.store.products as unknown as { touch(id: string): void }).touch(product.id);
    await checkBoth();
  });
});

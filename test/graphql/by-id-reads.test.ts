/**
 * Reads by id (issue: no field triggers the same GET twice within one operation): a detail
 * GET also answers the by-id loader, and the by-id loader's GETs answer the detail.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DciClient } from '../../src/dci/client.js';
import { type Harness, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

const paths = () => h.emulator.log.entries().map((e) => e.path.replace(/^\/api\/v1/, ''));

describe('the emulator scopes the /components list like DCI', () => {
  it('lists no component to an admin whose team is linked to no product', async () => {
    const { admin, partnerUser } = h.emulator.fixtures.identities;
    const list = (auth: typeof admin.auth) =>
      new DciClient({ baseUrl: h.emulator.url, auth }).list('/components', {
        limit: 1,
        offset: 0,
      });
    expect(visible(h.emulator.store.components).length).toBeGreaterThan(0);
    expect((await list(admin.auth)).count).toBe(0);
    expect((await list(partnerUser.auth)).count).toBeGreaterThan(0);
  });
});

describe('reads by id', () => {
  it("answers a component's columns, files and jobs with one GET, even for an admin", async () => {
    const component = visible(h.emulator.store.components)[0]!;
    const result = await h.query<{ component: { name: string; files: unknown[] } }>(
      'admin',
      `{ component(id: "${component.id}") { name files { name } jobs(first: 2) { totalCount } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.component.name).toBe(component.name);
    expect(paths()).toEqual([`/components/${component.id}`]);
  });

  it('sends one GET for a component asked for in several places', async () => {
    const component = visible(h.emulator.store.components)[0]!;
    const result = await h.query(
      'admin',
      `{ a: component(id: "${component.id}") { name }
         b: component(id: "${component.id.toUpperCase()}") { files { name } }
         c: component(id: "${component.id}") { jobs { totalCount } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(paths()).toEqual([`/components/${component.id}`]);
  });

  it("reads each job's components' details once, however many jobs share them", async () => {
    const result = await h.query<{ jobs: { nodes: { components: { id: string }[] }[] } }>(
      'admin',
      '{ jobs(first: 6) { nodes { components { id files { name } } } } }',
    );
    expect(result.errors?.[0]?.message).toBeUndefined();
    const ids = result.data!.jobs.nodes.flatMap((j) => j.components.map((c) => c.id));
    expect(new Set(ids).size).toBeLessThan(ids.length);
    const details = paths().filter((p) => p.startsWith('/components/'));
    expect(details.sort()).toEqual([...new Set(ids)].map((id) => `/components/${id}`).sort());
  });

  it('reads a job with its data once, and that read answers the job elsewhere too', async () => {
    const job = visible(h.emulator.store.jobs)[0]!;
    const result = await h.query(
      'admin',
      `{ job(id: "${job.id}") { data name topic { name } components { name }
         jobstates { job { name } } } }`,
    );
    expect(result.errors).toBeUndefined();
    // The jobstates' job is the same job: primed by the detail, not read again.
    expect(paths().sort()).toEqual([`/jobs/${job.id}`, `/jobs/${job.id}/jobstates`]);
  });
});

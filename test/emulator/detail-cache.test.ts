/**
 * `GET /components/<id>` is kept serialised per component and caller's visibility scope
 * (answer-cache.ts): whatever the callers and the writes in between, every answer must be what
 * a fresh serialisation gives that caller, and each caller must see only its own jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { sortedJson } from '../../src/emulator/json.js';
import {
  type ComponentRow,
  type JobRow,
  jobIdsOfComponent,
} from '../../src/emulator/store-access.js';
import { columns } from '../../src/emulator/views.js';
import { authOf, call, type Json, startTiny } from './helpers.js';

describe("a component's detail, kept per caller's scope while nothing it shows changes", () => {
  let emu: Emulator;
  let component: ComponentRow;
  let teamA: string;
  beforeAll(async () => {
    emu = await startTiny();
    teamA = emu.fixtures.identities.partnerUser.teamId;
    // A component whose jobs belong to Partner A (two at least) and to other teams.
    const teamsOf = (c: ComponentRow) =>
      [...jobIdsOfComponent(emu.store, c.id)].map((id) => emu.store.jobs.get(id)!.team_id);
    component = [...emu.store.components.values()].find((c) => {
      const teams = teamsOf(c);
      return (
        teams.filter((t) => t === teamA).length >= 2 &&
        teams.some((t) => t !== teamA) &&
        c.team_id === null
      );
    })!;
    expect(component).toBeDefined();
  });
  afterAll(() => emu.close());

  /** What the route answers, as a fresh serialisation for a caller seeing `teams` (all: null). */
  const fresh = (teams: string[] | null) => {
    const c = emu.store.components.get(component.id)!;
    const ids = jobIdsOfComponent(emu.store, c.id);
    const jobs = [...emu.store.jobs.values()].filter(
      (j) =>
        ids.has(j.id) && j.state !== 'archived' && (teams === null || teams.includes(j.team_id)),
    );
    const files = [...emu.store.componentFiles.values()].filter((f) => f.component_id === c.id);
    const body = {
      component: { ...columns(c), files: files.map(columns), jobs: jobs.map(columns) },
    };
    return JSON.parse(sortedJson(body)) as Json;
  };
  const read = async (who: string) => {
    const r = await call(emu, { path: `/components/${component.id}`, auth: authOf(emu, who) });
    expect(r.status).toBe(200);
    expect(r.headers.etag).toBe(emu.store.components.get(component.id)!.etag);
    return r.json as Json;
  };
  /** Both callers, interleaved, each twice: every answer is the fresh one for that caller. */
  const checkBoth = async () => {
    for (const who of ['admin', 'partnerUser', 'partnerUser', 'admin', 'partnerRemoteci']) {
      expect(await read(who), who).toEqual(fresh(who === 'admin' ? null : [teamA]));
    }
    const all = (await read('admin')).component.jobs as Json[];
    const mine = (await read('partnerUser')).component.jobs as Json[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    expect(mine.every((j) => j.team_id === teamA)).toBe(true);
  };
  const write = async (method: string, path: string, body?: unknown, headers = {}) => {
    const r = await call(emu, { method, path, body, headers, auth: authOf(emu, 'admin') });
    expect(r.status, r.text).toBeLessThan(300);
    return r.json as Json;
  };
  const jobOfA = () =>
    [...jobIdsOfComponent(emu.store, component.id)]
      .map((id) => emu.store.jobs.get(id)!)
      .find((j) => j.team_id === teamA && j.state !== 'archived')!;

  it('answers each caller its own jobs, read after read', async () => {
    await checkBoth();
  });

  it('sees a job changed through the API', async () => {
    await checkBoth();
    const job = jobOfA();
    await write('PUT', `/jobs/${job.id}`, { comment: 'seen by both' }, { 'If-Match': job.etag });
    await checkBoth();
    const mine = (await read('partnerUser')).component.jobs as Json[];
    expect(mine.find((j) => j.id === job.id).comment).toBe('seen by both');
  });

  it('sees a job attached, then detached', async () => {
    await checkBoth();
    const other = [...emu.store.jobs.values()].find(
      (j) =>
        j.team_id === teamA &&
        j.state !== 'archived' &&
        !jobIdsOfComponent(emu.store, component.id).has(j.id),
    )!;
    await write('POST', `/jobs/${other.id}/components`, { id: component.id });
    await checkBoth();
    const ids = async () => ((await read('partnerUser')).component.jobs as Json[]).map((j) => j.id);
    expect(await ids()).toContain(other.id);
    await write('DELETE', `/jobs/${other.id}/components/${component.id}`);
    await checkBoth();
    expect(await ids()).not.toContain(other.id);
  });

  it('sees the component changed, a job deleted and a job created', async () => {
    await checkBoth();
    const c = emu.store.components.get(component.id)!;
    await write('PUT', `/components/${c.id}`, { name: 'renamed' }, { 'If-Match': c.etag });
    await checkBoth();
    expect((await read('partnerUser')).component.name).toBe('renamed');

    const gone = jobOfA();
    await write('DELETE', `/jobs/${gone.id}`, undefined, { 'If-Match': gone.etag });
    await checkBoth();

    const created = await call(emu, {
      method: 'POST',
      path: '/jobs',
      body: { topic_id: c.topic_id, components: [c.id] },
      auth: authOf(emu, 'partnerRemoteci'),
      signedAt: new Date(),
    });
    expect(created.status, created.text).toBe(201);
    await checkBoth();
    const mine = (await read('partnerUser')).component.jobs as Json[];
    expect(mine.map((j) => j.id)).toContain(created.json.job.id);
  });

  it('sees a job changed in place once it is touched, and a job replaced', async () => {
    await checkBoth();
    const job = jobOfA();
    job.comment = 'changed in place';
    emu.store.jobs.set(job.id, job);
    await checkBoth();
    const replacement: JobRow = { ...job, comment: 'a new object' };
    emu.store.jobs.set(job.id, replacement);
    await checkBoth();
    const mine = (await read('partnerUser')).component.jobs as Json[];
    expect(mine.find((j) => j.id === job.id).comment).toBe('a new object');
  });
});

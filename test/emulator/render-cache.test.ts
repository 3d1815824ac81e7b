/**
 * A component's detail embeds every job using it, each job's columns serialised once and kept
 * while the job is unchanged (views.ts `columnsJson`). The answer must always be what a fresh
 * serialisation gives: after the job is changed through the API, changed in place (and
 * touched, as the indexes and the kept details require), or replaced by another object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { RawJson, sortedJson } from '../../src/emulator/json.js';
import { type JobRow, jobIdsOfComponent } from '../../src/emulator/store-access.js';
import { columns } from '../../src/emulator/views.js';
import { authOf, call, type Json, startTiny } from './helpers.js';

describe("a component's jobs, serialised once per unchanged job", () => {
  let emu: Emulator;
  let componentId: string;
  let job: JobRow;

  beforeAll(async () => {
    emu = await startTiny();
    // A component with jobs, one of them ours to change.
    const c = [...emu.store.components.values()].find(
      (x) => jobIdsOfComponent(emu.store, x.id).size >= 2,
    )!;
    componentId = c.id;
    job = emu.store.jobs.get([...jobIdsOfComponent(emu.store, c.id)][0]!)!;
  });
  afterAll(() => emu.close());

  const detail = async () => {
    const r = await call(emu, { path: `/components/${componentId}`, auth: authOf(emu, 'admin') });
    expect(r.status).toBe(200);
    return r.json.component.jobs as Json[];
  };
  const ours = (jobs: Json[]) => jobs.find((j) => j.id === job.id);
  /** The job's columns as a fresh serialisation writes them. */
  const fresh = (row: object) => JSON.parse(sortedJson(columns(row)));

  it('answers each job as a fresh serialisation would, twice in a row', async () => {
    const first = await detail();
    const second = await detail();
    expect(second).toEqual(first);
    expect(ours(second)).toEqual(fresh(emu.store.jobs.get(job.id)!));
  });

  it('sees a job changed through the API', async () => {
    await detail();
    const put = await call(emu, {
      method: 'PUT',
      path: `/jobs/${job.id}`,
      auth: authOf(emu, 'admin'),
      headers: { 'If-Match': job.etag, 'Content-Type': 'application/json' },
      body: { comment: 'changed through the API' },
    });
    expect(put.status).toBe(200);
    const seen = ours(await detail());
    expect(seen.comment).toBe('changed through the API');
    expect(seen.etag).toBe(emu.store.jobs.get(job.id)!.etag);
  });

  it('sees a job changed in place and touched (as every index needs), a column added, the row replaced', async () => {
    await detail();
    // A change in place is seen once the row is touched: the detail itself is kept per
    // version of the tables (answer-cache.ts), the job's columns per unchanged value.
    const touch = () => (emu.store.jobs as unknown as { touch(id: string): void }).touch(job.id);
    job.comment = 'changed in place';
    touch();
    expect(ours(await detail()).comment).toBe('changed in place');
    job.tags = ['replaced'];
    touch();
    expect(ours(await detail()).tags).toEqual(['replaced']);
    (job as JobRow & { extra?: string }).extra = 'a new column';
    touch();
    expect(ours(await detail()).extra).toBe('a new column');
    const replacement = { ...job, comment: 'a new object' };
    emu.store.jobs.set(job.id, replacement);
    expect(ours(await detail())).toEqual(fresh(replacement));
  });

  it('writes kept fragments in place of the objects they stand for', () => {
    const value = { b: [new RawJson('{"a":1,"b":[2]}'), new RawJson('"x"')], a: '\u0001 0' };
    expect(JSON.parse(sortedJson(value))).toEqual({ a: '\u0001 0', b: [{ a: 1, b: [2] }, 'x'] });
  });
});

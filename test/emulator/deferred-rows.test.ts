/**
 * A seeded job's jobstates, files and results are built on its first read (DeferredTable):
 * they must be exactly the rows eager generation sets, and the emulator must answer exactly
 * as it does with every row built at start, whatever order jobs are read or written in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Emulator } from '../../src/emulator/index.js';
import type { EmulatorStore } from '../../src/emulator/store.js';
import { DeferredTable } from '../../src/emulator/table.js';
import { authOf, call, startTiny } from './helpers.js';

const NOW = () => new Date('2024-06-01T12:00:00Z');
const dump = (s: EmulatorStore) =>
  JSON.stringify(s, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
/** Rows a table holds now (Map's own count: a deferred table's built rows only). */
const built = (table: Map<string, unknown>) =>
  Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!.call(table) as number;

describe('deferred job rows', () => {
  it.each([
    ['tiny', 'tiny' as const],
    ['demo', 'demo' as const],
    ['300 jobs of every status', { jobs: 300 }],
  ])('are the rows eager generation sets, in the same order (%s)', (_name, size) => {
    const eager = generateDataset({ seed: 7, size, now: NOW, deferJobRows: false }).store;
    const deferred = generateDataset({ seed: 7, size, now: NOW }).store;
    expect(deferred.jobstates).toBeInstanceOf(DeferredTable);
    expect(built(deferred.jobstates)).toBe(0);
    // Counted before they are built.
    for (const table of ['jobstates', 'files', 'results'] as const) {
      expect(deferred[table].size).toBe(eager[table].size);
    }
    const statuses = new Set([...eager.jobs.values()].map((j) => j.status));
    expect(statuses.size).toBe(6);
    expect(dump(deferred)).toBe(dump(eager));
  });

  it('builds only the rows of the job read, the same as eager ones', () => {
    const eager = generateDataset({ seed: 3, size: 'demo', now: NOW, deferJobRows: false }).store;
    const { store } = generateDataset({ seed: 3, size: 'demo', now: NOW });
    const jobs = [...store.jobs.keys()];
    // Read out of generation order.
    for (const jobId of [jobs[250]!, jobs[3]!, jobs[399]!]) {
      const table = store.jobstates as unknown as DeferredTable<string, { job_id: string }>;
      const before = built(store.jobstates);
      const rows = table.hashIndex('job_id').get(jobId);
      const expected = [...eager.jobstates.values()].filter((s) => s.job_id === jobId);
      expect(rows).toEqual(expected);
      expect(built(store.jobstates)).toBe(before + expected.length);
      const files = [...eager.files.values()].filter((f) => f.job_id === jobId);
      for (const f of files) expect(store.files.get(f.id)).toEqual(f);
    }
    expect(built(store.files)).toBeLessThan(eager.files.size);
    // An id not built yet is found (every row is built for it).
    const unread = [...eager.results.values()].find((r) => r.job_id === jobs[100])!;
    expect(built(store.results)).toBeLessThan(eager.results.size);
    expect(store.results.get(unread.id)).toEqual(unread);
    expect(built(store.results)).toBe(eager.results.size);
  });
});

describe('an emulator with deferred job rows', () => {
  let deferred: Emulator;
  let eager: Emulator;
  beforeAll(async () => {
    deferred = await startTiny({ now: NOW });
    eager = await startTiny({ now: NOW, deferJobRows: false });
  });
  afterAll(async () => {
    await deferred.close();
    await eager.close();
  });
  const get = (emu: Emulator, path: string, params?: Record<string, string>) =>
    call(emu, { path, auth: authOf(emu, 'admin'), ...(params ? { params } : {}) });

  it('answers every read of a job and its rows as with every row built at start', async () => {
    const jobs = [...eager.store.jobs.values()];
    const ids = [jobs[30]!.id, jobs[1]!.id, jobs[17]!.id, jobs[38]!.id];
    const paths = (jobId: string) => {
      const states = [...eager.store.jobstates.values()].filter((s) => s.job_id === jobId);
      const files = [...eager.store.files.values()].filter((f) => f.job_id === jobId);
      return [
        `/jobs/${jobId}`,
        `/jobs/${jobId}/jobstates`,
        `/jobs/${jobId}/files`,
        `/jobs/${jobId}/results`,
        ...states.map((s) => `/jobstates/${s.id}`),
        ...files.flatMap((f) => [`/files/${f.id}`, `/files/${f.id}/content`]),
      ];
    };
    // The deferred emulator reads the jobs in another order.
    const answers = new Map<string, string>();
    for (const path of [...ids].reverse().flatMap(paths)) {
      const res = await get(deferred, path);
      answers.set(path, `${res.status} ${res.text}`);
    }
    expect(built(deferred.store.files)).toBeLessThan(eager.store.files.size);
    // A file read by id before its job (which builds every row).
    const unread = [...eager.store.files.values()].find((f) => f.job_id === jobs[20]!.id)!;
    for (const path of [`/files/${unread.id}`, `/files/${unread.id}/content`]) {
      const res = await get(deferred, path);
      answers.set(path, `${res.status} ${res.text}`);
    }
    for (const path of [...answers.keys()].sort()) {
      const res = await get(eager, path);
      expect(answers.get(path), path).toBe(`${res.status} ${res.text}`);
    }
    const list = { limit: '40', offset: '0', sort: 'created_at' };
    expect((await get(deferred, '/jobs', list)).text).toBe((await get(eager, '/jobs', list)).text);
  });

  it("keeps a job's seeded jobstates ahead of those written later", async () => {
    const fresh = await startTiny({ now: NOW });
    const [freshJob, eagerJob] = [fresh, eager].map((emu) => [...emu.store.jobs.values()][5]!);
    expect(built(fresh.store.jobstates)).toBe(0);
    const order: string[][] = [];
    for (const [emu, job] of [
      [fresh, freshJob!],
      [eager, eagerJob!],
    ] as const) {
      const res = await call(emu, {
        method: 'POST',
        path: '/jobstates',
        body: { job_id: job.id, status: 'running', comment: 'later' },
        auth: authOf(emu, 'admin'),
      });
      expect(res.status, res.text).toBe(201);
      // Sorted by a column they share: table order.
      const page = await get(emu, `/jobs/${job.id}/jobstates`, { sort: 'job_id' });
      order.push(page.json.jobstates.map((s: { comment: string | null }) => s.comment ?? '-'));
    }
    await fresh.close();
    expect(order[0]).toEqual(order[1]);
    expect(order[0]!.at(-1)).toBe('later');
    expect(order[0]!.length).toBeGreaterThan(1);
  });

  it("archives a job's files it never built when the job is deleted", async () => {
    const fresh = await startTiny({ now: NOW });
    try {
      const job = [...fresh.store.jobs.values()].find((j) => j.status === 'success')!;
      const file = [...eager.store.files.values()].find((f) => f.job_id === job.id)!;
      expect(built(fresh.store.files)).toBe(0);
      const res = await call(fresh, {
        method: 'DELETE',
        path: `/jobs/${job.id}`,
        headers: { 'If-Match': job.etag },
        auth: authOf(fresh, 'admin'),
      });
      expect(res.status).toBe(204);
      expect(built(fresh.store.files)).toBeGreaterThan(0);
      expect(built(fresh.store.files)).toBeLessThan(eager.store.files.size);
      expect((await get(fresh, `/files/${file.id}`)).status).toBe(404);
      expect((await get(eager, `/files/${file.id}`)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

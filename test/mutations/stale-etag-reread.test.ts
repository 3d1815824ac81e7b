/**
 * The read that tells a stale etag from a missing job can fail too. DCI answers both with 404,
 * so when that read gets no usable answer the job may well exist: the gateway answers
 * DCI_UNAVAILABLE (nothing was written), never NOT_FOUND.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { DELETE_JOB, extensionsOf, newJob, UPDATE_JOB } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.emulator.faults.clear());
afterAll(() => h.close());

/** Faults of the re-read only: the write itself is a PUT or a DELETE. */
const REREAD_FAULTS: [string, FaultRule][] = [
  ['a 500', { method: 'GET', route: '/jobs/:id', kind: '5xx', status: 500 }],
  ['a 503', { method: 'GET', route: '/jobs/:id', kind: '5xx', status: 503 }],
  ['a truncated body', { method: 'GET', route: '/jobs/:id', kind: 'truncated' }],
  ['a reset connection', { method: 'GET', route: '/jobs/:id', kind: 'reset' }],
];

describe('a 404 on an etag-guarded write whose re-read fails', () => {
  it.each(REREAD_FAULTS)('updateJob answers DCI_UNAVAILABLE after %s', async (_, fault) => {
    const job = await newJob(h);
    // Make the etag stale: the job exists, DCI will answer the PUT with 404.
    const stored = h.emulator.store.jobs.get(job.id)!;
    stored.etag = 'f'.repeat(32);
    h.emulator.faults.add(fault);
    const r = await h.query('partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: job.etag,
      patch: { comment: 'never written' },
    });
    expect(r.data?.['updateJob']).toBeNull();
    expect(extensionsOf(r)).toMatchObject({ code: 'DCI_UNAVAILABLE', id: job.id, written: false });
    expect(r.errors![0]!.message).not.toMatch(/does not exist/);
    expect(h.emulator.store.jobs.get(job.id)!.comment).not.toBe('never written');
    // The re-read was made (and failed): the answer is not the write's 404 alone.
    expect(
      h.emulator.log.count((e) => e.method === 'GET' && e.route === '/jobs/:id'),
    ).toBeGreaterThan(0);
  });

  it.each(REREAD_FAULTS)('deleteJob answers DCI_UNAVAILABLE after %s', async (_, fault) => {
    const job = await newJob(h);
    h.emulator.faults.add(fault);
    const r = await h.query('partnerRemoteci', DELETE_JOB, { id: job.id, etag: 'e'.repeat(32) });
    expect(r.data?.['deleteJob']).toBeNull();
    expect(extensionsOf(r)).toMatchObject({ code: 'DCI_UNAVAILABLE', id: job.id });
    expect(h.emulator.store.jobs.get(job.id)!.state).not.toBe('archived');
  });

  it('still answers NOT_FOUND when the re-read says the job is gone', async () => {
    const job = await newJob(h);
    h.emulator.store.jobs.get(job.id)!.state = 'archived';
    const r = await h.query('partnerRemoteci', DELETE_JOB, { id: job.id, etag: job.etag });
    expect(extensionsOf(r)).toMatchObject({ code: 'NOT_FOUND', id: job.id });
  });
});

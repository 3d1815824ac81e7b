/**
 * Etag concurrency through the gateway: a stale etag is ETAG_MISMATCH with the current etag,
 * a missing job NOT_FOUND, and every write that changes the job's etag (updates, jobstates)
 * makes the old one stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../graphql/harness.js';
import {
  ADD_JOB_STATE,
  DELETE_JOB,
  extensionsOf,
  type JobView,
  newJob,
  partnerJob,
  partnerTopic,
  UPDATE_JOB,
} from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Update = { updateJob: { job: JobView } | null };

describe('updateJob', () => {
  it('lets exactly one of two concurrent updates with the same etag through', async () => {
    const job = await newJob(h);
    const [a, b] = await Promise.all(
      ['first', 'second'].map((name) =>
        h.query<Update>('partnerRemoteci', UPDATE_JOB, {
          id: job.id,
          etag: job.etag,
          patch: { name },
        }),
      ),
    );
    const results = [a!, b!];
    const winners = results.filter((r) => r.data?.updateJob);
    const losers = results.filter((r) => !r.data?.updateJob);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0]!.data!.updateJob!.job;
    expect(winner.etag).not.toBe(job.etag);
    expect(extensionsOf(losers[0]!)).toMatchObject({
      code: 'ETAG_MISMATCH',
      id: job.id,
      currentEtag: winner.etag,
    });
    expect(h.emulator.store.jobs.get(job.id)!.name).toBe(winner.name);

    // Retrying with the current etag succeeds.
    const retry = await h.query<Update>('partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: extensionsOf(losers[0]!)['currentEtag'],
      patch: { name: 'third' },
    });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.updateJob?.job.name).toBe('third');
    expect(retry.data?.updateJob?.job.etag).toBe(h.emulator.store.jobs.get(job.id)!.etag);
  });

  it('answers the second of two updates in one operation with ETAG_MISMATCH, keeping the first', async () => {
    const job = await newJob(h);
    const r = await h.query<{ a: Update['updateJob']; b: Update['updateJob'] }>(
      'partnerRemoteci',
      `mutation($id: ID!, $etag: String!) {
        a: updateJob(id: $id, etag: $etag, patch: {comment: "a"}) { job { etag comment } }
        b: updateJob(id: $id, etag: $etag, patch: {comment: "b"}) { job { etag comment } }
      }`,
      { id: job.id, etag: job.etag },
    );
    expect(r.data?.a?.job.comment).toBe('a');
    expect(r.data?.b).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.path).toEqual(['b']);
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'ETAG_MISMATCH',
      currentEtag: r.data?.a?.job.etag,
    });
  });

  it('sends the etag raw, so a quoted etag copied from a header still matches', async () => {
    const job = await newJob(h);
    h.emulator.log.clear();
    const r = await h.query<Update>('partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: `"${job.etag}"`,
      patch: { url: 'https://ci.example.org/1', tags: ['nightly', ''] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.updateJob?.job).toMatchObject({
      url: 'https://ci.example.org/1',
      tags: ['nightly'],
    });
    expect(h.emulator.log.entries().map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([
      'PUT /jobs/:id 200',
      'GET /jobs/:id 200',
    ]);
  });

  it('records a jobstate when the patch changes the status', async () => {
    const job = await newJob(h);
    const r = await h.query<{ updateJob: { job: JobView } }>(
      'partnerRemoteci',
      `mutation($id: ID!, $etag: String!) {
        updateJob(id: $id, etag: $etag, patch: {status: RUNNING}) { job { status jobstates { status comment } } }
      }`,
      { id: job.id, etag: job.etag },
    );
    expect(r.data?.updateJob.job.status).toBe('RUNNING');
    expect(r.data?.updateJob.job.jobstates).toEqual([{ status: 'RUNNING', comment: null }]);
  });

  it('answers NOT_FOUND for a job that does not exist', async () => {
    const r = await h.query('partnerRemoteci', UPDATE_JOB, {
      id: '00000000-0000-4000-8000-000000000000',
      etag: 'a'.repeat(32),
      patch: { name: 'x' },
    });
    expect(extensionsOf(r)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("refuses another team's job with FORBIDDEN", async () => {
    const job = partnerJob(h.emulator);
    const r = await h.query('otherRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: job.etag,
      patch: { name: 'hijack' },
    });
    expect(extensionsOf(r)).toMatchObject({ code: 'FORBIDDEN' });
    expect(h.emulator.store.jobs.get(job.id)!.name).not.toBe('hijack');
  });

  it.each([
    [{}, 'patch'],
    [{ state: 'ARCHIVED' }, 'patch.state'],
    [{ url: 'ftp://example.org' }, 'patch.url'],
  ])('refuses the patch %j before any request', async (patch, field) => {
    const job = await newJob(h);
    h.emulator.log.clear();
    const r = await h.query('partnerRemoteci', UPDATE_JOB, { id: job.id, etag: job.etag, patch });
    expect(extensionsOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(h.emulator.log.count()).toBe(0);
  });
});

describe('addJobState', () => {
  it("changes the job's status and etag; an update with the old etag is refused", async () => {
    const job = await newJob(h);
    const r = await h.query<{ addJobState: { job: JobView; jobState: JobView } }>(
      'partnerRemoteci',
      ADD_JOB_STATE,
      { jobId: job.id, status: 'PRE_RUN', comment: 'provisioning' },
    );
    expect(r.errors).toBeUndefined();
    const after = r.data!.addJobState;
    expect(after.job.status).toBe('PRE_RUN');
    expect(after.job.etag).not.toBe(job.etag);
    expect(after.jobState).toMatchObject({ status: 'PRE_RUN', comment: 'provisioning' });
    expect(after.job.jobstates).toEqual([after.jobState]);

    const stale = await h.query('partnerRemoteci', UPDATE_JOB, {
      id: job.id,
      etag: job.etag,
      patch: { comment: 'late' },
    });
    expect(extensionsOf(stale)).toMatchObject({
      code: 'ETAG_MISMATCH',
      currentEtag: after.job.etag,
    });
  });

  it('shows the jobstate DCI stored: FAILURE on a NEW job is recorded as ERROR', async () => {
    const job = await newJob(h);
    const r = await h.query<{ addJobState: { job: JobView; jobState: JobView } }>(
      'partnerRemoteci',
      ADD_JOB_STATE,
      { jobId: job.id, status: 'FAILURE' },
    );
    expect(r.data?.addJobState.job.status).toBe('FAILURE');
    expect(r.data?.addJobState.jobState).toMatchObject({ status: 'ERROR', comment: null });
  });

  it('posts nothing on a job the caller cannot see', async () => {
    const job = partnerJob(h.emulator);
    const before = h.emulator.store.jobstates.size;
    const r = await h.query('otherRemoteci', ADD_JOB_STATE, { jobId: job.id, status: 'SUCCESS' });
    expect(extensionsOf(r)).toMatchObject({ code: 'NOT_FOUND', id: job.id });
    expect(h.emulator.store.jobstates.size).toBe(before);
  });
});

describe('deleteJob', () => {
  it('deletes; job(id) is then null in the same operation; deleting again is NOT_FOUND', async () => {
    const job = await newJob(h);
    const other = partnerTopic(h.emulator).typeA[1]!.id;
    // Attaching a component keeps the etag (§6), so one operation can read the job (caching
    // it), delete it with the same etag, and read it again.
    const r = await h.query<{
      attach: { query: { job: { id: string } } };
      deleteJob: { deletedId: string; query: { job: null } };
    }>(
      'partnerRemoteci',
      `mutation($id: ID!, $etag: String!, $c: ID!) {
        attach: addComponentToJob(jobId: $id, componentId: $c) { query { job(id: $id) { id } } }
        deleteJob(id: $id, etag: $etag) { deletedId query { job(id: $id) { id } } }
      }`,
      { id: job.id, etag: job.etag, c: other },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.attach.query.job).toEqual({ id: job.id });
    expect(r.data?.deleteJob).toEqual({ deletedId: job.id, query: { job: null } });
    expect(h.emulator.store.jobs.get(job.id)!.state).toBe('archived');

    const read = await h.query<{ job: null }>(
      'partnerRemoteci',
      'query($id: ID!) { job(id: $id) { id } }',
      { id: job.id },
    );
    expect(read.data?.job).toBeNull();

    const again = await h.query('partnerRemoteci', DELETE_JOB, { id: job.id, etag: job.etag });
    expect(extensionsOf(again)).toMatchObject({ code: 'NOT_FOUND', id: job.id });
  });

  it('refuses a stale etag with ETAG_MISMATCH and deletes nothing', async () => {
    const job = await newJob(h);
    await h.query('partnerRemoteci', ADD_JOB_STATE, { jobId: job.id, status: 'RUNNING' });
    const r = await h.query('partnerRemoteci', DELETE_JOB, { id: job.id, etag: job.etag });
    expect(extensionsOf(r)).toMatchObject({
      code: 'ETAG_MISMATCH',
      currentEtag: h.emulator.store.jobs.get(job.id)!.etag,
    });
    expect(h.emulator.store.jobs.get(job.id)!.state).toBe('active');
  });
});

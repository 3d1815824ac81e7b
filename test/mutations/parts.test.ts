/**
 * Components and key/values of a job through the gateway, and what one operation sees after
 * its own writes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../graphql/harness.js';
import { extensionsOf, JOB_FIELDS, type JobView, newJob, partnerTopic } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

const ADD = `mutation($jobId: ID!, $c: ID!) {
  addComponentToJob(jobId: $jobId, componentId: $c) { job { ${JOB_FIELDS} } }
}`;
const REMOVE = `mutation($jobId: ID!, $c: ID!) {
  removeComponentFromJob(jobId: $jobId, componentId: $c) { job { ${JOB_FIELDS} } }
}`;
const SET = `mutation($jobId: ID!, $key: String!, $value: Float!, $replace: Boolean) {
  setJobKeyValue(jobId: $jobId, key: $key, value: $value, replace: $replace) {
    job { ${JOB_FIELDS} } keyValue { key value } replaced
  }
}`;
const UNSET = `mutation($jobId: ID!, $key: String!) {
  deleteJobKeyValue(jobId: $jobId, key: $key) { job { ${JOB_FIELDS} } }
}`;
const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

type Payload = Record<
  string,
  { job: JobView; keyValue?: { key: string; value: number }; replaced?: boolean } | null
>;
const ids = (job: JobView) => job.components.map((c) => c.id).sort();

describe('addComponentToJob and removeComponentFromJob', () => {
  it("attach and detach a component, leaving the job's etag alone", async () => {
    const job = await newJob(h);
    const extra = partnerTopic(h.emulator).typeA[1]!.id;
    const added = await h.query<Payload>('partnerRemoteci', ADD, { jobId: job.id, c: extra });
    expect(added.errors).toBeUndefined();
    const withExtra = added.data!['addComponentToJob']!.job;
    expect(ids(withExtra)).toEqual([...ids(job), extra].sort());
    expect(withExtra.etag).toBe(job.etag);

    const removed = await h.query<Payload>('partnerRemoteci', REMOVE, { jobId: job.id, c: extra });
    expect(removed.errors).toBeUndefined();
    expect(ids(removed.data!['removeComponentFromJob']!.job)).toEqual(ids(job));
  });

  it('names an unknown component and attaches nothing', async () => {
    const job = await newJob(h);
    const r = await h.query('partnerRemoteci', ADD, { jobId: job.id, c: UNKNOWN });
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { componentId: [UNKNOWN] },
    });
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const c = partnerTopic(h.emulator).typeA[0]!.id;
    const r = await h.query('partnerRemoteci', REMOVE, { jobId: UNKNOWN, c });
    expect(extensionsOf(r)).toMatchObject({ code: 'NOT_FOUND', id: UNKNOWN });
  });

  it('refuses malformed ids with zero upstream requests', async () => {
    const r = await h.query('partnerRemoteci', ADD, { jobId: 'job-1', c: 'component-1' });
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { jobId: ['job-1'], componentId: ['component-1'] },
    });
    expect(h.emulator.log.count()).toBe(0);
  });
});

describe('setJobKeyValue and deleteJobKeyValue', () => {
  it('records a value and changes the etag', async () => {
    const job = await newJob(h);
    const r = await h.query<Payload>('partnerRemoteci', SET, {
      jobId: job.id,
      key: 'tests_run',
      value: 128,
    });
    expect(r.errors).toBeUndefined();
    const set = r.data!['setJobKeyValue']!;
    expect(set.keyValue).toEqual({ key: 'tests_run', value: 128 });
    expect(set.replaced).toBe(false);
    expect(set.job.keyValues).toEqual([{ key: 'tests_run', value: 128 }]);
    expect(set.job.etag).not.toBe(job.etag);
  });

  it('answers an existing key with CONFLICT and the current value, writing nothing', async () => {
    const job = await newJob(h);
    await h.query('partnerRemoteci', SET, { jobId: job.id, key: 'score', value: 1 });
    const etag = h.emulator.store.jobs.get(job.id)!.etag;
    const r = await h.query('partnerRemoteci', SET, { jobId: job.id, key: 'score', value: 2 });
    expect(extensionsOf(r)).toMatchObject({ code: 'CONFLICT', key: 'score', currentValue: 1 });
    expect(h.emulator.store.jobs.get(job.id)!.etag).toBe(etag);
  });

  it('replaces an existing value when asked to', async () => {
    const job = await newJob(h);
    await h.query('partnerRemoteci', SET, { jobId: job.id, key: 'score', value: 1 });
    const r = await h.query<Payload>('partnerRemoteci', SET, {
      jobId: job.id,
      key: 'score',
      value: 2.5,
      replace: true,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!['setJobKeyValue']).toMatchObject({
      keyValue: { key: 'score', value: 2.5 },
      replaced: true,
      job: { keyValues: [{ key: 'score', value: 2.5 }] },
    });
  });

  it('deletes a value', async () => {
    const job = await newJob(h);
    await h.query('partnerRemoteci', SET, { jobId: job.id, key: 'score', value: 1 });
    const r = await h.query<Payload>('partnerRemoteci', UNSET, { jobId: job.id, key: 'score' });
    expect(r.errors).toBeUndefined();
    expect(r.data!['deleteJobKeyValue']!.job.keyValues).toEqual([]);
  });

  it('refuses a blank key before any request', async () => {
    const r = await h.query('partnerRemoteci', SET, { jobId: UNKNOWN, key: ' ', value: 1 });
    expect(extensionsOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    expect(h.emulator.log.count()).toBe(0);
  });
});

describe('reads after writes in one operation', () => {
  it('shows each mutation the state the previous ones left', async () => {
    const job = await newJob(h);
    const extra = partnerTopic(h.emulator).typeB[2]!.id;
    type Read = { query: { job: JobView & { jobstates: { status: string }[] } } };
    const r = await h.query<Record<string, Read>>(
      'partnerRemoteci',
      `mutation($id: ID!, $c: ID!) {
        attach: addComponentToJob(jobId: $id, componentId: $c) {
          query { job(id: $id) { etag status components { id } keyValues { key } jobstates { status } } }
        }
        state: addJobState(jobId: $id, status: RUNNING) {
          query { job(id: $id) { etag status components { id } keyValues { key } jobstates { status } } }
        }
        kv: setJobKeyValue(jobId: $id, key: "k", value: 1) {
          query { job(id: $id) { etag status components { id } keyValues { key } jobstates { status } } }
        }
        detach: removeComponentFromJob(jobId: $id, componentId: $c) {
          query { job(id: $id) { etag status components { id } keyValues { key } jobstates { status } } }
        }
      }`,
      { id: job.id, c: extra },
    );
    expect(r.errors).toBeUndefined();
    const seen = (alias: string) => r.data![alias]!.query.job;
    expect(ids(seen('attach'))).toContain(extra);
    expect(seen('attach').jobstates).toEqual([]);
    expect(seen('state')).toMatchObject({ status: 'RUNNING', jobstates: [{ status: 'RUNNING' }] });
    expect(seen('state').etag).not.toBe(seen('attach').etag);
    expect(seen('kv').keyValues).toEqual([{ key: 'k' }]);
    expect(seen('kv').etag).not.toBe(seen('state').etag);
    expect(ids(seen('detach'))).not.toContain(extra);
    expect(seen('detach').etag).toBe(h.emulator.store.jobs.get(job.id)!.etag);
  });

  it('refreshes job lists read earlier in the operation', async () => {
    const job = await newJob(h, 'listed');
    const extra = partnerTopic(h.emulator).typeB[2]!.id;
    type Listed = { query: { jobs: { totalCount: number; nodes: { status: string }[] } } };
    const r = await h.query<{ attach: Listed; deleteJob: Listed }>(
      'partnerRemoteci',
      `mutation($id: ID!, $etag: String!, $c: ID!) {
        attach: addComponentToJob(jobId: $id, componentId: $c) {
          query { jobs(filter: {id: {eq: $id}}) { totalCount nodes { status } } }
        }
        deleteJob(id: $id, etag: $etag) {
          query { jobs(filter: {id: {eq: $id}}) { totalCount nodes { status } } }
        }
      }`,
      { id: job.id, etag: job.etag, c: extra },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.attach.query.jobs.totalCount).toBe(1);
    expect(r.data?.deleteJob.query.jobs).toEqual({ totalCount: 0, nodes: [] });
  });
});

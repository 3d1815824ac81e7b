/**
 * A createJob whose answer is lost after DCI inserted the job: the gateway finds the job by
 * the unique marker tag it sent and answers with it, so the caller knows its job and a retry
 * never doubles it. When DCI failed before inserting, nothing exists and the error says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { CREATE_MARKER_PREFIX } from '../../src/mutations/create-marker.js';
import { type Harness, startHarness, visible } from '../graphql/harness.js';
import { CREATE_JOB, extensionsOf, type JobView, partnerTopic } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.emulator.faults.clear());
afterAll(() => h.close());

type Created = { createJob: { job: JobView } | null };

/** The stored jobs with this name. */
const named = (name: string) => visible(h.emulator.store.jobs).filter((j) => j.name === name);

function create(name: string) {
  const { topic, typeA, typeB } = partnerTopic(h.emulator);
  return h.query<Created>('partnerRemoteci', CREATE_JOB, {
    input: { topicId: topic.id, componentIds: [typeA[0]!.id, typeB[0]!.id], name, tags: ['x'] },
  });
}

const LOST_ANSWERS: [string, FaultRule][] = [
  ['cut halfway', { method: 'POST', route: '/jobs', kind: 'truncated', times: 1 }],
  [
    'dropped with the connection',
    { method: 'POST', route: '/jobs', kind: 'reset-after', times: 1 },
  ],
];

describe('createJob when the answer is lost after the insert', () => {
  it.each(LOST_ANSWERS)('answers with the job DCI created (answer %s)', async (label, fault) => {
    const name = `lost-${label.split(' ')[0]}`;
    h.emulator.faults.add(fault);
    const r = await create(name);
    expect(r.errors).toBeUndefined();
    const job = r.data!.createJob!.job;
    // Exactly one job, the one answered, with the caller's tags only.
    expect(named(name).map((j) => j.id)).toEqual([job.id]);
    expect(job.tags).toEqual(['x']);
    expect(h.emulator.store.jobs.get(job.id)!.tags).toEqual([
      'x',
      expect.stringMatching(new RegExp(`^${CREATE_MARKER_PREFIX}[0-9a-f-]{36}$`)),
    ]);
  });

  it('answers DCI_UNAVAILABLE and creates nothing when DCI failed before inserting', async () => {
    h.emulator.faults.add({ method: 'POST', route: '/jobs', kind: '5xx', status: 503 });
    const r = await create('never-created');
    expect(r.data?.createJob).toBeNull();
    expect(extensionsOf(r)).toMatchObject({ code: 'DCI_UNAVAILABLE' });
    expect(named('never-created')).toHaveLength(0);
  });

  it('names the marker when whether the job exists cannot be checked', async () => {
    h.emulator.faults.add({ method: 'POST', route: '/jobs', kind: 'reset-after', times: 1 });
    h.emulator.faults.add({ method: 'GET', route: '/jobs', kind: '5xx', status: 500 });
    const r = await create('unknown-fate');
    expect(r.data?.createJob).toBeNull();
    const ext = extensionsOf(r);
    expect(ext).toMatchObject({ code: 'DCI_UNAVAILABLE', written: 'unknown' });
    const [job] = named('unknown-fate');
    expect(job!.tags).toContain(ext['marker']);
  });
});

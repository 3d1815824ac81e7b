/**
 * createJob and scheduleJob through the gateway: nothing is half-written (a bad id leaves no
 * job behind), only remote CIs create jobs, DCI's preconditions come back with their reason,
 * and malformed input costs no upstream request.
 */
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialHeaders, type Harness, startHarness, visible } from '../graphql/harness.js';
import {
  CREATE_JOB,
  extensionsOf,
  type JobView,
  jobCount,
  partnerJob,
  partnerTopic,
} from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

type Created = { createJob: { job: JobView & { data: unknown; topic: { id: string } } } | null };
const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

/** Jobs the admin sees through the gateway. */
async function adminJobCount(): Promise<number> {
  const r = await h.query<{ jobs: { totalCount: number } }>('admin', '{ jobs { totalCount } }');
  return r.data!.jobs.totalCount;
}

describe('createJob', () => {
  it('creates the job and answers with it as stored, etag included', async () => {
    const { topic, typeA, typeB } = partnerTopic(h.emulator);
    const r = await h.query<Created>('partnerRemoteci', CREATE_JOB, {
      input: {
        topicId: topic.id.toUpperCase(),
        componentIds: [typeA[0]!.id, typeB[0]!.id],
        name: 'nightly',
        comment: 'from the gateway',
        url: 'https://ci.example.org/42',
        tags: ['daily', ' '],
        data: { build: 42 },
      },
    });
    expect(r.errors).toBeUndefined();
    const job = r.data!.createJob!.job;
    const row = h.emulator.store.jobs.get(job.id)!;
    expect(job).toMatchObject({
      status: 'NEW',
      name: 'nightly',
      comment: 'from the gateway',
      url: 'https://ci.example.org/42',
      tags: ['daily'],
      data: { build: 42 },
      topic: { id: topic.id },
      etag: row.etag,
    });
    expect(job.components.map((c) => c.id).sort()).toEqual([typeA[0]!.id, typeB[0]!.id].sort());
    expect(h.emulator.log.entries().map((e) => `${e.method} ${e.route}`)).toEqual(
      expect.arrayContaining(['GET /topics/:id', 'GET /components', 'POST /jobs', 'GET /jobs/:id']),
    );
  });

  it('leaves no job behind when one component id is unknown', async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const stored = h.emulator.store.jobs.size;
    const listed = await adminJobCount();
    h.emulator.log.clear();
    const r = await h.query<Created>('partnerRemoteci', CREATE_JOB, {
      input: { topicId: topic.id, componentIds: [typeA[0]!.id, UNKNOWN] },
    });
    expect(r.data?.createJob).toBeNull();
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { componentIds: [UNKNOWN] },
    });
    expect(r.errors![0]!.message).toContain(UNKNOWN);
    expect(h.emulator.log.count((e) => e.method === 'POST')).toBe(0);
    expect(h.emulator.store.jobs.size).toBe(stored);
    expect(await adminJobCount()).toBe(listed);
  });

  it('names every unknown id, by field', async () => {
    const r = await h.query('partnerRemoteci', CREATE_JOB, {
      input: { topicId: UNKNOWN, componentIds: [UNKNOWN], previousJobId: UNKNOWN },
    });
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { topicId: [UNKNOWN], componentIds: [UNKNOWN], previousJobId: [UNKNOWN] },
    });
  });

  it('checks components in batches of 50 ids per list request', async () => {
    const { topic, components } = partnerTopic(h.emulator);
    const template = components[0]!;
    const ids = Array.from({ length: 120 }, (_, i) => {
      const id = `00000000-0000-4000-8000-${String(9000 + i).padStart(12, '0')}`;
      h.emulator.store.components.set(id, {
        ...template,
        id,
        name: `bulk-${i}`,
        // Old, so that scheduleJob's "newest of each type" never picks them.
        created_at: '2000-01-01T00:00:00.000000',
      });
      return id;
    });
    const r = await h.query<Created>('partnerRemoteci', CREATE_JOB, {
      input: { topicId: topic.id, componentIds: ids },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createJob?.job.components).toHaveLength(120);
    const lists = h.emulator.log.entries((e) => e.method === 'GET' && e.route === '/components');
    expect(lists).toHaveLength(3);
    for (const e of lists) expect(e.query).toMatchObject({ limit: '200', offset: '0' });
    expect(h.emulator.log.count((e) => e.route === '/components/:id')).toBe(0);
  });

  it.each([
    ['partnerUser', "a user's"],
    ['admin', "a user's"],
    ['feeder', "a feeder's"],
  ] as const)(
    'refuses %s with FORBIDDEN before any request, creating nothing',
    async (who, kind) => {
      const { topic, typeA } = partnerTopic(h.emulator);
      const stored = h.emulator.store.jobs.size;
      const auth = h.emulator.fixtures.identities[who].auth;
      const r = await h.query(credentialHeaders(auth), CREATE_JOB, {
        input: { topicId: topic.id, componentIds: [typeA[0]!.id] },
      });
      expect(extensionsOf(r)).toMatchObject({ code: 'FORBIDDEN' });
      expect(r.errors![0]!.message).toContain(
        `Only remote CIs can create jobs, and these credentials are ${kind}`,
      );
      expect(h.emulator.log.count()).toBe(0);
      expect(h.emulator.store.jobs.size).toBe(stored);
    },
  );

  it("answers an inactive remoteci with PRECONDITION_FAILED and DCI's reason", async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const inactive = h.emulator.fixtures.identities.inactiveRemoteci;
    const stored = h.emulator.store.jobs.size;
    const r = await h.query(credentialHeaders(inactive.auth), CREATE_JOB, {
      input: { topicId: topic.id, componentIds: [typeA[0]!.id] },
    });
    expect(extensionsOf(r)).toMatchObject({ code: 'PRECONDITION_FAILED', upstreamStatus: 412 });
    expect(r.errors![0]!.message).toContain(`RemoteCI "${inactive.id}" is disabled.`);
    expect(h.emulator.store.jobs.size).toBe(stored);
  });

  it('answers an inactive topic with PRECONDITION_FAILED', async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const row = h.emulator.store.topics.get(topic.id)!;
    row.state = 'inactive';
    try {
      const r = await h.query('partnerRemoteci', CREATE_JOB, {
        input: { topicId: topic.id, componentIds: [typeA[0]!.id] },
      });
      expect(extensionsOf(r)).toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect(r.errors![0]!.message).toContain('not active');
    } finally {
      row.state = 'active';
    }
  });

  it.each([
    [
      'a malformed topic id',
      { topicId: 'not-a-uuid' },
      { invalidIds: { topicId: ['not-a-uuid'] } },
    ],
    [
      'a malformed component id',
      { componentIds: ['42'] },
      { invalidIds: { componentIds: ['42'] } },
    ],
    ['a duplicate component id', { componentIds: [UNKNOWN, UNKNOWN] }, { duplicateIds: [UNKNOWN] }],
    ['an ftp url', { url: 'ftp://example.org/x' }, { field: 'url' }],
    ['data that is not an object', { data: [1, 2] }, { field: 'data' }],
  ])('refuses %s with zero upstream requests', async (_, change, extensions) => {
    const { topic } = partnerTopic(h.emulator);
    const r = await h.query('partnerRemoteci', CREATE_JOB, {
      input: { topicId: topic.id, componentIds: [], ...change },
    });
    expect(extensionsOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', ...extensions });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('deletes the empty job DCI leaves behind when a component vanishes mid-create', async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const victim = typeA[2]!;
    // A component deleted between the gateway's check and POST /jobs: DCI inserts the job,
    // then answers 404 "component not found" (§4.4).
    class DeleteBeforeCreate extends Agent {
      override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
        if (opts.method === 'POST' && String(opts.path).endsWith('/api/v1/jobs')) {
          h.emulator.store.components.delete(victim.id);
        }
        return super.dispatch(opts, handler);
      }
    }
    const dispatcher = new DeleteBeforeCreate();
    const visibleBefore = visible(h.emulator.store.jobs).length;
    try {
      const r = await h.query(
        'partnerRemoteci',
        CREATE_JOB,
        { input: { topicId: topic.id, componentIds: [victim.id], name: 'race' } },
        h.gatewayWith({ dispatcher }),
      );
      expect(extensionsOf(r)).toMatchObject({
        code: 'BAD_USER_INPUT',
        orphanDeleted: true,
        invalidIds: { componentIds: [victim.id] },
      });
      const orphanId = extensionsOf(r)['orphanJobId'] as string;
      expect(h.emulator.store.jobs.get(orphanId)?.state).toBe('archived');
      expect(jobCount(h.emulator)).toBe(visibleBefore);
    } finally {
      h.emulator.store.components.set(victim.id, victim);
      await dispatcher.close();
    }
  });
});

describe('scheduleJob', () => {
  const SCHEDULE = `mutation($input: ScheduleJobInput!) {
    scheduleJob(input: $input) { job { id name comment url status components { id type } } }
  }`;
  type Scheduled = {
    scheduleJob: {
      job: {
        id: string;
        name: string;
        comment: string;
        url: string;
        components: { id: string; type: string }[];
      };
    } | null;
  };

  it('picks the newest public component of each type of the topic', async () => {
    const { topic, components } = partnerTopic(h.emulator);
    const newest = (type: string) =>
      components
        .filter((c) => c.type === type && c.state === 'active')
        .sort((a, b) => b.created_at.localeCompare(a.created_at))[0]!.id;
    const r = await h.query<Scheduled>('partnerRemoteci', SCHEDULE, {
      input: { topicId: topic.id, name: 'scheduled', url: '' },
    });
    expect(r.errors).toBeUndefined();
    const job = r.data!.scheduleJob!.job;
    expect(job).toMatchObject({ name: 'scheduled', comment: '', url: '' });
    expect(job.components.map((c) => c.id).sort()).toEqual(
      topic.component_types.map(newest).sort(),
    );
    expect(h.emulator.store.jobs.get(job.id)!.comment).toBe('');
  });

  it('takes explicit components, one per type', async () => {
    const { topic, typeA, typeB } = partnerTopic(h.emulator);
    const r = await h.query<Scheduled>('partnerRemoteci', SCHEDULE, {
      input: { topicId: topic.id, componentIds: [typeA[1]!.id, typeB[1]!.id] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.scheduleJob!.job.components.map((c) => c.id).sort()).toEqual(
      [typeA[1]!.id, typeB[1]!.id].sort(),
    );
  });

  it("answers DCI's component rules with PRECONDITION_FAILED and creates nothing", async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const stored = h.emulator.store.jobs.size;
    const r = await h.query<Scheduled>('partnerRemoteci', SCHEDULE, {
      input: { topicId: topic.id, componentIds: [typeA[0]!.id] },
    });
    expect(extensionsOf(r)).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(r.errors![0]!.message).toContain('does not match the number of component types');
    expect(h.emulator.store.jobs.size).toBe(stored);
  });

  it('names a component of another topic', async () => {
    const { topic, typeA, typeB } = partnerTopic(h.emulator);
    const foreign = visible(h.emulator.store.components).find(
      (c) => c.topic_id !== topic.id && c.type === typeA[0]!.type,
    )!;
    const r = await h.query<Scheduled>('partnerRemoteci', SCHEDULE, {
      input: { topicId: topic.id, componentIds: [foreign.id, typeB[0]!.id] },
    });
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { componentIds: [foreign.id] },
    });
  });

  it('is refused to users with FORBIDDEN, with no request', async () => {
    const { topic } = partnerTopic(h.emulator);
    const r = await h.query('admin', SCHEDULE, { input: { topicId: topic.id } });
    expect(extensionsOf(r)).toMatchObject({ code: 'FORBIDDEN' });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('refuses an unknown previous job before writing', async () => {
    const { topic } = partnerTopic(h.emulator);
    const stored = h.emulator.store.jobs.size;
    const r = await h.query('partnerRemoteci', SCHEDULE, {
      input: { topicId: topic.id, previousJobId: UNKNOWN },
    });
    expect(extensionsOf(r)).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidIds: { previousJobId: [UNKNOWN] },
    });
    expect(h.emulator.store.jobs.size).toBe(stored);
    expect(partnerJob(h.emulator)).toBeDefined();
  });
});

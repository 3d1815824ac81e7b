/**
 * The pure parts of the mutations: input checks and mapping to DCI bodies, the stale-etag
 * rule, the orphan match, and the request budget reserved before writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DciHttpError } from '../../src/dci/errors.js';
import type { DciJob } from '../../src/dci/types.js';
import { mayBeStaleEtag } from '../../src/mutations/concurrency.js';
import { createJobRequest, scheduleJobRequest } from '../../src/mutations/create-job.js';
import { isOrphanOf } from '../../src/mutations/orphans.js';
import { jobPatchBody } from '../../src/mutations/update-job.js';
import { checkIds, checkUrl, cleanTags, normalizeEtag } from '../../src/mutations/validation.js';
import { type Harness, startHarness } from '../graphql/harness.js';
import { CREATE_JOB, extensionsOf, partnerTopic } from './helpers.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

/** Runs `fn` and returns the GraphQL extensions of what it threw. */
function thrown(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('did not throw');
}

describe('checkIds', () => {
  it('lower-cases ids and keeps absent ones', () => {
    expect(checkIds({ id: A.toUpperCase(), list: [B], none: null })).toEqual({
      id: A,
      list: [B],
      none: null,
    });
  });

  it('reports every malformed id by field', () => {
    expect(thrown(() => checkIds({ id: 'x', list: [A, 'y', 'z'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      invalidIds: { id: ['x'], list: ['y', 'z'] },
    });
  });
});

describe('normalizeEtag', () => {
  it.each([
    ['abc123', 'abc123'],
    ['"abc123"', 'abc123'],
    ['W/"abc123"', 'abc123'],
    [' abc123 ', 'abc123'],
  ])('sends %s as %s', (input, raw) => {
    expect(normalizeEtag(input)).toBe(raw);
  });

  it.each(['', '""', 'a b', 'é'])('refuses %j', (etag) => {
    expect(thrown(() => normalizeEtag(etag))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('checkUrl', () => {
  it.each(['http://x.example', 'https://ci.example.org/job/1?x=1'])('accepts %s', (url) => {
    expect(() => checkUrl(url, false)).not.toThrow();
  });

  it.each(['ftp://x', 'http://', 'https:// x', 'example.org', 'javascript:alert(1)'])(
    'refuses %s',
    (url) => {
      expect(thrown(() => checkUrl(url, true))).toMatchObject({ code: 'BAD_USER_INPUT' });
    },
  );

  it('accepts an empty string only where DCI does', () => {
    expect(() => checkUrl('', true)).not.toThrow();
    expect(thrown(() => checkUrl('', false))).toMatchObject({ field: 'url' });
  });
});

describe('request bodies', () => {
  it('maps createJob input to POST /jobs, dropping blank tags', () => {
    const { body, refs } = createJobRequest({
      topicId: A,
      componentIds: [B],
      name: 'n',
      comment: null,
      tags: ['a', '', '  '],
      data: { x: 1 },
      pipelineId: null,
      previousJobId: A,
    });
    expect(body).toEqual({
      topic_id: A,
      components: [B],
      name: 'n',
      tags: ['a'],
      data: { x: 1 },
      previous_job_id: A,
    });
    expect(refs).toMatchObject({ topicId: A, componentIds: [B], previousJobId: A });
  });

  it('maps scheduleJob input to POST /jobs/schedule, leaving out an empty url and no ids', () => {
    expect(scheduleJobRequest({ topicId: A, url: '', componentIds: [] })).toEqual({
      topic_id: A,
    });
    expect(scheduleJobRequest({ topicId: A, componentIds: [B] })).toEqual({
      topic_id: A,
      components_ids: [B],
    });
  });

  it('maps a patch to PUT /jobs/<id> with DCI names', () => {
    expect(
      jobPatchBody({ statusReason: 'r', status: 'post-run', state: 'inactive', name: null }),
    ).toEqual({ status_reason: 'r', status: 'post-run', state: 'inactive' });
  });

  it('keeps tags as DCI stores them', () => {
    expect(cleanTags(['x', ' ', 'y'])).toEqual(['x', 'y']);
  });
});

describe('mayBeStaleEtag', () => {
  const error = (status: number, message: string) =>
    new DciHttpError({
      status,
      method: 'PUT',
      route: '/jobs/:id',
      dciMessage: message,
      bodyKind: 'json',
      detail: message,
    });

  it.each([
    [404, 'job not found', true],
    [409, 'update failed, either team not found or etag not matched', true],
    [412, 'etag mismatch', true],
    [412, "'If-match' header must be provided", false],
    [409, 'A similar resource already exists.', false],
    [401, 'Operation not authorized.', false],
  ])('%i %s -> %s', (status, message, stale) => {
    expect(mayBeStaleEtag(error(status, message))).toBe(stale);
  });
});

describe('isOrphanOf', () => {
  const job = {
    status: 'new',
    components: [],
    name: 'n',
    comment: '',
    configuration: '',
    url: '',
  } as unknown as DciJob;

  it('matches the empty job a failed create left', () => {
    expect(isOrphanOf(job, { name: 'n', topic_id: A })).toBe(true);
  });

  it('does not match a job with other fields, components or a status', () => {
    expect(isOrphanOf(job, { name: 'other' })).toBe(false);
    expect(isOrphanOf({ ...job, status: 'running' }, { name: 'n' })).toBe(false);
    expect(isOrphanOf({ ...job, components: [{}] } as unknown as DciJob, { name: 'n' })).toBe(
      false,
    );
  });
});

describe('the request budget', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is reserved before writing, so a too-small budget refuses without writing', async () => {
    const { topic, typeA } = partnerTopic(h.emulator);
    const stored = h.emulator.store.jobs.size;
    h.emulator.log.clear();
    const r = await h.query(
      'partnerRemoteci',
      CREATE_JOB,
      { input: { topicId: topic.id, componentIds: [typeA[0]!.id] } },
      h.gatewayWith({ maxUpstreamRequests: 3 }),
    );
    expect(extensionsOf(r)).toMatchObject({ code: 'UPSTREAM_BUDGET_EXCEEDED' });
    expect(h.emulator.log.count((e) => e.method !== 'GET')).toBe(0);
    expect(h.emulator.store.jobs.size).toBe(stored);
  });
});

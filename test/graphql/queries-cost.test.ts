/**
 * The example operations of the README's "Queries" section and their cost against the tiny emulator dataset
 * (upstream requests, sequential waves). When a number here changes, update the document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/server.js';
import { type Harness, NAIVE, startHarness, visible } from './harness.js';

let h: Harness;
let naiveGateway: Gateway;
beforeAll(async () => {
  h = await startHarness({ latencyMs: 50 });
  naiveGateway = h.gatewayWith(NAIVE);
  // Warm the connection pool so that connection set-up does not blur the waves.
  await h.query('admin', '{ a: topics(first: 1) { totalCount } b: jobs(first: 1) { totalCount } }');
});
afterAll(() => h.close());

const EXAMPLES: [
  name: string,
  query: (h: Harness) => string,
  cost: { requests: number; waves: number; naive: number },
][] = [
  [
    '1. who am I',
    () => '{ identity { name isSuperAdmin teams { name hasPreReleaseAccess } } }',
    { requests: 1, waves: 1, naive: 1 },
  ],
  [
    '2. failed jobs',
    () => `{ jobs(first: 20, filter: {status: {in: [FAILURE, ERROR]}}, orderBy: [{field: CREATED_AT, direction: DESC}]) {
      totalCount nodes { name status createdAt remoteci { name } team { name } } } }`,
    { requests: 1, waves: 1, naive: 17 },
  ],
  [
    '3. jobs with their relations',
    () => `{ jobs(first: 50) { nodes { topic { name product { name } } remoteci { name } team { name }
      components { name topic { name } } } } }`,
    { requests: 2, waves: 2, naive: 210 },
  ],
  [
    '4. one job in depth',
    (h) => `{ job(id: "${visible(h.emulator.store.jobs)[0]!.id}") { name status data
      jobstates { status createdAt files { name } } files(first: 10) { totalCount nodes { name } }
      results { name total failures } } }`,
    { requests: 3, waves: 1, naive: 3 },
  ],
  [
    '5. topics -> components -> jobs',
    () => `{ topics(first: 10) { nodes { name product { name }
      components(first: 5) { nodes { name jobs(first: 3) { nodes { status } } } } } } }`,
    { requests: 37, waves: 3, naive: 43 },
  ],
  [
    '6. test results and logs of a failed job',
    (h) => `{ job(id: "${failedJob(h)}") { name results { name failures errors
      testCases(status: [FAILURE, ERROR], first: 10) { totalCount nodes { name classname status message } } }
      failedTests(first: 5) { name message }
      files(first: 5) { nodes { name mime content(maxBytes: 2048) { text truncated } } } } }`,
    { requests: 6, waves: 2, naive: 7 },
  ],
  [
    '7. coverage of the latest components',
    (h) => `{ topic(id: "${topicNamed(h, 'OCP-4.15')}") { coverage(componentType: "ocp", last: 5) {
      component { name } remotecis { remoteci { name } status createdAt testFailures } } } }`,
    { requests: 9, waves: 4, naive: 11 },
  ],
  [
    '8. job statistics of a topic this month, and DCI statistics',
    (h) => `{ topic(id: "${topicNamed(h, 'OCP-4.15')}") {
      jobStats(since: "${monthAgo(h)}") { total byStatus { status count } }
      latestJobsByRemoteci { remoteciName teamName status createdAt } } }`,
    { requests: 11, waves: 2, naive: 11 },
  ],
];

/** A job whose JUnit result has failing and erroring cases. */
function failedJob(h: Harness): string {
  const result = [...h.emulator.store.results.values()].find(
    (r) =>
      r.failures > 1 && r.errors > 0 && h.emulator.store.jobs.get(r.job_id)?.state === 'active',
  )!;
  return result.job_id;
}
function topicNamed(h: Harness, name: string): string {
  return visible(h.emulator.store.topics).find((t) => t.name === name)!.id;
}
/** 30 days before the newest job, as an ISO date-time. */
function monthAgo(h: Harness): string {
  const newest = visible(h.emulator.store.jobs)
    .map((j) => j.created_at)
    .sort()
    .at(-1)!;
  return new Date(Date.parse(`${newest.slice(0, 19)}Z`) - 30 * 86_400_000).toISOString();
}

describe('cost of the documented example operations', () => {
  it.each(EXAMPLES)('%s', async (_, query, expected) => {
    h.emulator.log.clear();
    const result = await h.query('admin', query(h));
    expect(result.errors).toBeUndefined();
    const cost = { requests: h.emulator.log.count(), waves: h.emulator.log.waves() };
    h.emulator.log.clear();
    const naive = await h.query('admin', query(h), {}, naiveGateway);
    expect(naive.data).toEqual(result.data);
    expect({ ...cost, naive: h.emulator.log.count() }).toEqual(expected);
  });
});

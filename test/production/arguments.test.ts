/**
 * Every field's arguments are checked for the whole operation before it runs: a bad nested
 * argument is refused before its parent reaches DCI, and so is a filter too long for DCI's
 * request line.
 */
import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { findArgumentError, worstRequestLine } from '../../src/plugins/arguments.js';
import type { WalkStats } from '../../src/plugins/expansion.js';
import { loadTypeDefs } from '../../src/server.js';
import { buildGateway, fanOut, hmacHeaders, type TestGateway, tinyEmulator } from './helpers.js';

let emulator: Emulator;
let gw: TestGateway;
let partner: Record<string, string>;
let jobId: string;

beforeAll(async () => {
  emulator = await tinyEmulator();
  partner = hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth);
  gw = buildGateway({ dciUrl: emulator.url }, { production: true });
  const res = await gw.query('{ jobs(first: 1) { nodes { id } } }', { headers: partner });
  jobId = (res.body.data!['jobs'] as { nodes: { id: string }[] }).nodes[0]!.id;
});
afterAll(async () => {
  await emulator.close();
});

/** `n` distinct values of `length` letters each. */
const longValues = (n: number, length: number) =>
  Array.from({ length: n }, (_, i) => `v${i}`.padEnd(length, 'x'));

describe('nested arguments are checked before anything runs', () => {
  const cases: [string, () => string, Record<string, unknown> | undefined, string][] = [
    [
      'a negative first on a job’s files',
      () => `{ job(id: "${jobId}") { id files(first: -5) { nodes { id } } } }`,
      undefined,
      'Job.files',
    ],
    [
      'a negative first given as a variable',
      () => `query ($n: Int) { job(id: "${jobId}") { id files(first: $n) { nodes { id } } } }`,
      { n: -5 },
      'Job.files',
    ],
    [
      'a bad filter value on a component’s jobs',
      () =>
        '{ components(first: 2) { nodes { id jobs(filter: { name: { eq: "a,b" } }) { totalCount } } } }',
      undefined,
      'Component.jobs',
    ],
    [
      'a bad filter value given as a variable',
      () =>
        'query ($f: JobFilter) { components(first: 2) { nodes { id jobs(filter: $f) { totalCount } } } }',
      { f: { or: [{ comment: { eq: "it's" } }] } },
      'Component.jobs',
    ],
    [
      'a malformed cursor on a topic’s components',
      () => '{ topics(first: 1) { nodes { id components(after: "nope") { totalCount } } } }',
      undefined,
      'Topic.components',
    ],
    [
      'first and last together on a topic’s jobs',
      () => '{ topics(first: 1) { nodes { jobs(first: 1, last: 1) { totalCount } } } }',
      undefined,
      'Topic.jobs',
    ],
    [
      'a bad argument inside a fragment',
      () =>
        `query { job(id: "${jobId}") { ...J } } fragment J on Job { id files(first: -1) { totalCount } }`,
      undefined,
      'Job.files',
    ],
    [
      'an unknown filter field in a variable',
      () =>
        'query ($f: TopicFilter) { products(first: 1) { nodes { topics(filter: $f) { totalCount } } } }',
      { f: { not: { nope: { eq: 'x' } } } },
      'Product.topics',
    ],
    [
      'a filter longer than DCI’s request line',
      () =>
        'query ($f: JobFilter) { topics(first: 1) { nodes { jobs(filter: $f) { totalCount } } } }',
      { f: { name: { in: longValues(50, 70) } } },
      'Topic.jobs',
    ],
  ];

  it.each(cases)(
    'refuses %s with BAD_USER_INPUT and no DCI request',
    async (_name, build, variables, coordinate) => {
      emulator.log.clear();
      const res = await gw.query(build(), {
        headers: partner,
        ...(variables ? { variables } : {}),
      });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', coordinate });
      expect(emulator.log.count()).toBe(0);
    },
  );

  it('serves valid nested arguments, with a long filter that still fits', async () => {
    const res = await gw.query(
      'query ($f: JobFilter) { topics(first: 1) { nodes { jobs(first: 2, filter: $f) { totalCount } } } }',
      { headers: partner, variables: { f: { not: { name: { in: longValues(20, 60) } } } } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });
});

describe('findArgumentError', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));

  it('visits each written selection once, whatever the fragments expand to', () => {
    for (const levels of [20, 40]) {
      const stats: WalkStats = { visits: 0 };
      const doc = parse(
        fanOut(levels, 'jobs(first: 1) { nodes { files(first: 1) { totalCount } } }'),
      );
      expect(findArgumentError(schema, doc, { maxFirst: 200, stats })).toBeNull();
      // The operation's spread, then per fragment two spreads; the leaf's four fields once.
      expect(stats.visits).toBe(1 + 2 * levels + 4);
    }
  });

  it('sizes the worst request line a filter can travel in', () => {
    expect(worstRequestLine(null)).toBeLessThan(300);
  });
});

/**
 * Fragments cannot be used to multiply the gateway's pre-execution work or to inflate the
 * depth count: every walk is linear in the document, and depth counts fields.
 */
import { buildSchema, Kind, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expandedFieldCount, type WalkStats } from '../../src/plugins/expansion.js';
import {
  estimateUpstreamRequests,
  findOversizedFirst,
} from '../../src/plugins/upstream-estimate.js';
import { loadTypeDefs } from '../../src/server.js';
import { fanOut, useTinyGateway } from './helpers.js';

/** The number of selections written in a document (fields, spreads, inline fragments). */
function selectionCount(query: string): number {
  let n = 0;
  visit(parse(query), {
    enter(node) {
      if (
        node.kind === Kind.FIELD ||
        node.kind === Kind.FRAGMENT_SPREAD ||
        node.kind === Kind.INLINE_FRAGMENT
      )
        n += 1;
    },
  });
  return n;
}

const schema = buildSchema(loadTypeDefs().join('\n'));

/** The pre-execution walks, each with its own visit counter. */
const walks: [string, (query: string, stats: WalkStats) => unknown][] = [
  ['the expanded-size count', (q, stats) => expandedFieldCount(parse(q), { stats })],
  ['the `first` check', (q, stats) => findOversizedFirst(parse(q), 200, { stats })],
  ['the upstream estimate', (q, stats) => estimateUpstreamRequests(schema, parse(q), { stats })],
];

describe('pre-execution walks over a fragment fan-out', () => {
  it.each(walks)('%s visits each written selection a bounded number of times', (_n, walk) => {
    for (const leaf of ['version', 'topics(first: 1) { nodes { id product { id } } }']) {
      const visits = [20, 40].map((levels) => {
        const query = fanOut(levels, leaf);
        const stats: WalkStats = { visits: 0 };
        walk(query, stats);
        // Linear: never more than the selections written (a naive walk makes 2^levels visits).
        expect(stats.visits).toBeLessThanOrEqual(selectionCount(query));
        return stats.visits;
      });
      // Twice the levels, about twice the work (not 2^20 times as much).
      expect(visits[1]!).toBeLessThanOrEqual(2 * visits[0]! + 10);
    }
  });

  it('counts the expanded size exactly without expanding', () => {
    expect(expandedFieldCount(parse(fanOut(20)))).toBe(2 ** 20);
    expect(expandedFieldCount(parse(fanOut(3, 'topics { totalCount }')))).toBe(2 * 2 ** 3);
  });

  it('keeps the estimate and the `first` check exact through memoised fragments', () => {
    // 2^4 copies of one root list, each asking one by-id product page: 16 lists + 16 lookups.
    const query = fanOut(4, 'topics(first: 3) { nodes { product { id } } }');
    expect(estimateUpstreamRequests(schema, parse(query))).toBe(32);
    const big = fanOut(4, 'topics(first: 1) { nodes { jobs(first: 500) { totalCount } } }');
    expect(findOversizedFirst(parse(big), 200)).toEqual({
      path: 'topics.nodes.jobs',
      value: 500,
    });
  });
});

describe('fragment fan-out over HTTP', () => {
  const tiny = useTinyGateway({}, { production: true });

  it.each([20, 40])('refuses a %i-level fan-out as too costly, sending nothing', async (levels) => {
    const leaves: [string, number][] = [
      ['version', 1],
      ['topics(first: 1) { nodes { id } }', 3],
    ];
    for (const [leaf, fields] of leaves) {
      tiny.emulator.log.clear();
      const res = await tiny.gw.query(fanOut(levels, leaf), { headers: tiny.partner });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.extensions).toMatchObject({
        code: 'COST_LIMIT_EXCEEDED',
        expandedFields: fields * 2 ** levels,
      });
      expect(tiny.emulator.log.count()).toBe(0);
    }
  });

  it('still serves a small fan-out', async () => {
    const res = await tiny.gw.query(fanOut(3), { headers: tiny.partner });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toHaveProperty('version');
  });
});

describe('depth counts fields, not fragments', () => {
  const tiny = useTinyGateway({}, { limits: { maxDepth: 6 } });

  // topics(1) nodes(2) product(3) topics(4) nodes(5) name(6), through four nested fragments
  // and an inline one; `extra` adds field levels below.
  const nested = (extra: string) => `
    query Nested { ...A }
    fragment A on Query { topics(first: 1) { nodes { ...B } } }
    fragment B on Topic { ... on Topic { product { ...C } } }
    fragment C on Product { topics(first: 1) { ...D } }
    fragment D on TopicConnection { nodes { ${extra} } }`;

  it('accepts a query of real depth 6 written with four nested fragments', async () => {
    const res = await tiny.gw.query(nested('name'), { headers: tiny.partner });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toHaveProperty('topics');
  });

  it('refuses real depth above the limit, through fragments too', async () => {
    tiny.emulator.log.clear();
    const res = await tiny.gw.query(nested('product { name }'), { headers: tiny.partner });
    expect(res.body.errors![0]!.extensions!['code']).toBe('MAX_DEPTH_EXCEEDED');
    expect(res.body.errors![0]!.message).toContain('found 7');
    expect(tiny.emulator.log.count()).toBe(0);
  });

  it('refuses inline depth above the limit', async () => {
    const res = await tiny.gw.query(
      '{ topics(first: 1) { nodes { product { topics(first: 1) { nodes { product { name } } } } } } }',
      { headers: tiny.partner },
    );
    expect(res.body.errors![0]!.extensions!['code']).toBe('MAX_DEPTH_EXCEEDED');
  });
});

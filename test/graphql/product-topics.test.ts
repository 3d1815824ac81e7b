/**
 * A product's topics come from the topics `GET /products` embeds, which ignore visibility
 * (REST-REFERENCE §4.1): the gateway keeps exactly those the caller may see, decided from the
 * caller's identity, and remembers that decision per credentials only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { topicScopeOf } from '../../src/loaders/topic-scope.js';
import { type Harness, type IdentityName, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Partner B (no pre-release access) sees the products linked to its team; give one of them
  // a topic without export control, and an archived one: both are in the embed.
  const { store, fixtures } = h.emulator;
  const linked = store.productTeams.find(
    (l) => l.team_id === fixtures.identities.otherRemoteci.teamId,
  )!;
  const model = visible(store.topics).find((t) => t.product_id === linked.product_id)!;
  for (const [name, extra] of [
    ['pre-release-only', { export_control: false }],
    ['archived-one', { export_control: true, state: 'archived' as const }],
  ] as const) {
    const id = randomUUID();
    store.topics.set(id, { ...model, ...extra, id, name, next_topic_id: null });
  }
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

type Products = {
  products: { nodes: { id: string; topics: { totalCount: number; nodes: { id: string }[] } }[] };
};
const PRODUCT_TOPICS =
  '{ products(first: 50) { nodes { id topics(first: 50) { totalCount nodes { id } } } } }';

/** What DCI's own scoped `GET /topics` lists for the caller, by product. */
async function dciTopics(as: IdentityName): Promise<Map<string, string[]>> {
  const result = await h.query<{ topics: { nodes: { id: string }[] } }>(
    as,
    '{ topics(first: 200) { nodes { id } } }',
  );
  const byProduct = new Map<string, string[]>();
  for (const { id } of result.data!.topics.nodes) {
    const productId = h.emulator.store.topics.get(id)!.product_id!;
    byProduct.set(productId, [...(byProduct.get(productId) ?? []), id].sort());
  }
  return byProduct;
}

async function productTopics(as: IdentityName): Promise<Map<string, string[]>> {
  const result = await h.query<Products>(as, PRODUCT_TOPICS);
  expect(result.errors).toBeUndefined();
  return new Map(
    result.data!.products.nodes.map((p) => {
      expect(p.topics.totalCount).toBe(p.topics.nodes.length);
      return [p.id, p.topics.nodes.map((t) => t.id).sort()];
    }),
  );
}

function expectSame(embed: Map<string, string[]>, dci: Map<string, string[]>) {
  for (const [productId, ids] of embed) expect(ids).toEqual(dci.get(productId) ?? []);
  for (const [productId, ids] of dci) expect(embed.get(productId)).toEqual(ids);
}

const IDENTITIES: IdentityName[] = [
  'admin',
  'redhat',
  'epm',
  'partnerRemoteci',
  'partnerUser',
  'otherRemoteci',
];

describe('product topics', () => {
  it.each(IDENTITIES)(
    'gives %s exactly the topics DCI lists for it, from the embed',
    async (as) => {
      const dci = await dciTopics(as);
      h.emulator.log.clear();
      expectSame(await productTopics(as), dci);
      expect(h.emulator.log.entries().map((e) => e.route)).not.toContain('/topics');
    },
  );

  it('never shows a restricted partner a topic the embed holds but it cannot see', async () => {
    const other = h.emulator.fixtures.identities.otherRemoteci;
    const team = h.emulator.store.teams.get(other.teamId)!;
    expect(team.has_pre_release_access).toBe(false);
    const seen = await productTopics('otherRemoteci');
    // The products it sees embed topics without export control: the test can fail.
    const hidden = visible(h.emulator.store.topics).filter(
      (t) => seen.has(t.product_id!) && !t.export_control,
    );
    expect(hidden.length).toBeGreaterThan(0);
    const shown = new Set([...seen.values()].flat());
    for (const t of hidden) expect(shown.has(t.id)).toBe(false);
    // Nor an archived one.
    for (const id of shown) expect(h.emulator.store.topics.get(id)!.state).not.toBe('archived');
  });

  it('keeps each caller its own scope when callers interleave on one gateway', async () => {
    const gateway = h.gatewayWith({});
    const expected = {
      admin: await dciTopics('admin'),
      otherRemoteci: await dciTopics('otherRemoteci'),
    };
    for (let round = 0; round < 2; round++) {
      for (const as of ['otherRemoteci', 'admin'] as const) {
        h.emulator.log.clear();
        const result = await h.query<Products>(as, PRODUCT_TOPICS, {}, gateway);
        const got = new Map(
          result.data!.products.nodes.map((p) => [p.id, p.topics.nodes.map((t) => t.id).sort()]),
        );
        expectSame(got, expected[as]);
        // The first round reads each caller's identity; the second remembers it.
        const routes = h.emulator.log.entries().map((e) => e.route);
        expect(routes.sort()).toEqual(round === 0 ? ['/identity', '/products'] : ['/products']);
      }
    }
  });

  it('asks DCI for pages the embed cannot cut exactly', async () => {
    for (const args of [
      'filter: {name: {eq: "x"}}',
      'orderBy: [{field: NAME}]',
      'after: "Y3Vyc29yOnYxOjA="',
      'last: 1',
    ]) {
      h.emulator.log.clear();
      const result = await h.query(
        'admin',
        `{ products { nodes { topics(${args}) { totalCount } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(h.emulator.log.entries().map((e) => e.route)).toContain('/topics');
    }
  });
});

describe('topicScopeOf', () => {
  const identity = (teams: { id: string; name: string; pre: boolean }[]) => ({
    id: 'u',
    etag: null,
    name: 'u',
    fullname: null,
    email: null,
    timezone: null,
    teams: Object.fromEntries(
      teams.map((t) => [t.id, { id: t.id, name: t.name, has_pre_release_access: t.pre }]),
    ),
  });
  const adminAndPartner = identity([
    { id: 'a', name: 'admin', pre: false },
    { id: 'b', name: 'Partner B', pre: false },
  ]);

  it('grants every topic to privileged or pre-release callers', () => {
    expect(topicScopeOf(adminAndPartner)).toBe('all');
    expect(topicScopeOf(identity([{ id: 'p', name: 'P', pre: true }]))).toBe('all');
    expect(topicScopeOf(identity([{ id: 'p', name: 'P', pre: false }]))).toBe('export-controlled');
  });

  it('counts only the team named by X-Dci-Team-Id', () => {
    expect(topicScopeOf(adminAndPartner, 'b')).toBe('export-controlled');
    expect(topicScopeOf(adminAndPartner, 'A')).toBe('all');
  });
});

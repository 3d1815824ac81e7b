import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { serviceMutationsPlugin } from '../../src/plugins/policy.js';
import {
  basicHeaders,
  buildGateway,
  hmacHeaders,
  type TestGateway,
  tinyEmulator,
} from './helpers.js';

let emulator: Emulator;
type Identity = Emulator['fixtures']['identities']['partnerRemoteci'];
let partner: Identity;
let other: Identity;

beforeAll(async () => {
  emulator = await tinyEmulator();
  partner = emulator.fixtures.identities.partnerRemoteci;
  other = emulator.fixtures.identities.otherRemoteci;
});
afterAll(async () => {
  await emulator.close();
});

const WHO = '{ identity { id } }';

describe('per-request credentials (the default)', () => {
  let gw: TestGateway;
  beforeAll(() => {
    gw = buildGateway({ dciUrl: emulator.url });
  });

  it('signs for a remoteci that sends X-Dci-Client-Id and X-Dci-Api-Secret', async () => {
    emulator.log.clear();
    const res = await gw.query(WHO, { headers: hmacHeaders(partner.auth) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ identity: { id: partner.id } });
    const identities = new Set(emulator.log.entries().map((e) => e.identity));
    expect(identities).toEqual(new Set([`remoteci/${partner.id}`]));
  });

  it('forwards a user’s Basic Authorization', async () => {
    const user = emulator.fixtures.identities.partnerUser;
    const res = await gw.query(WHO, { headers: basicHeaders(user.auth) });
    expect(res.body.data).toEqual({ identity: { id: user.id } });
  });

  it('answers UNAUTHENTICATED without credentials, and makes no DCI call', async () => {
    emulator.log.clear();
    const res = await gw.query('{ topics(first: 1) { totalCount } }');
    expect(res.body.errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
    expect(emulator.log.count()).toBe(0);
  });

  it('still serves introspection and the version without credentials', async () => {
    const res = await gw.query('{ version __schema { queryType { name } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('service credentials', () => {
  let gw: TestGateway;
  beforeAll(() => {
    gw = buildGateway({ dciUrl: emulator.url, serviceAuth: partner.auth }, { mode: 'service' });
  });

  it('serves requests without credentials as the service identity', async () => {
    const res = await gw.query(WHO);
    expect(res.body.data).toEqual({ identity: { id: partner.id } });
  });

  it('lets a caller’s own credentials win over the service identity', async () => {
    const res = await gw.query(WHO, { headers: hmacHeaders(other.auth) });
    expect(res.body.data).toEqual({ identity: { id: other.id } });
  });
});

describe('mutations under service credentials', () => {
  const DELETE =
    'mutation { deleteJob(id: "00000000-0000-4000-8000-000000000000", etag: "x") { __typename } }';

  it('refuses a gateway mutation served with service credentials, before any DCI call', async () => {
    const gw = buildGateway(
      { dciUrl: emulator.url, serviceAuth: partner.auth },
      { mode: 'service' },
    );
    emulator.log.clear();
    const res = await gw.query(DELETE);
    expect(res.body.errors![0]!.extensions!['code']).toBe('FORBIDDEN');
    expect(emulator.log.count()).toBe(0);
    // The caller's own credentials are not the service's: DCI decides (here: no such job).
    const own = await gw.query(DELETE, { headers: hmacHeaders(other.auth) });
    expect(own.body.errors?.[0]?.extensions?.['code']).not.toBe('FORBIDDEN');
  });

  // A stand-in schema with a mutation: the policy is a plugin, independent of the DCI schema.
  const build = (serviceMutations: boolean) =>
    createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Mutation { touch: Boolean }',
        resolvers: { Mutation: { touch: () => true } },
      }),
      plugins: [serviceMutationsPlugin({ serviceAuth: partner.auth, serviceMutations })],
      logging: false,
    });
  const mutate = async (yoga: ReturnType<typeof build>, headers: Record<string, string> = {}) => {
    const res = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: 'mutation { touch }' }),
    });
    return res.json();
  };

  it('refuses them with FORBIDDEN by default', async () => {
    const body = await mutate(build(false));
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.data).toBeNull();
  });

  it('runs them when the caller brings its own credentials', async () => {
    const body = await mutate(build(false), hmacHeaders(other.auth));
    expect(body).toEqual({ data: { touch: true } });
  });

  it('runs them when GATEWAY_SERVICE_MUTATIONS allows it', async () => {
    const body = await mutate(build(true));
    expect(body).toEqual({ data: { touch: true } });
  });
});

describe('isolation between callers', () => {
  const QUERIES = [
    '{ identity { id teams { id } } }',
    '{ jobs(first: 10) { totalCount nodes { id team { id } remoteci { id } } } }',
    '{ remotecis(first: 10) { totalCount nodes { id } } }',
    '{ topics(first: 5) { totalCount nodes { id components(first: 3) { nodes { id } } } } }',
  ];

  it('never lets one caller see the other’s data, under concurrency', async () => {
    // Service credentials (a third identity, a user) serve the callers that send none, so a
    // mix-up could also surface as the service identity.
    const service = emulator.fixtures.identities.partnerUser;
    if (service.auth.kind !== 'basic') throw new Error('fixture shapes changed');
    const gw = buildGateway(
      { dciUrl: emulator.url, serviceAuth: service.auth },
      { mode: 'service' },
    );
    const callers = [
      { who: partner, label: `remoteci/${partner.id}`, headers: hmacHeaders(partner.auth) },
      { who: other, label: `remoteci/${other.id}`, headers: hmacHeaders(other.auth) },
      { who: service, label: `user/${service.auth.login}`, headers: {} },
    ];
    // Baselines, one caller at a time.
    const baseline = new Map<string, string[]>();
    const perRound = new Map<string, number>();
    for (const c of callers) {
      emulator.log.clear();
      const answers: string[] = [];
      for (const q of QUERIES) {
        const res = await gw.query(q, { headers: c.headers });
        expect(res.body.errors).toBeUndefined();
        answers.push(JSON.stringify(res.body.data));
      }
      baseline.set(c.who.id, answers);
      perRound.set(c.who.id, emulator.log.count());
    }
    expect(baseline.get(partner.id)).not.toEqual(baseline.get(other.id));
    expect(baseline.get(service.id)).not.toEqual(baseline.get(other.id));

    emulator.log.clear();
    const rounds = 15;
    const runs: Promise<void>[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const c of callers) {
        QUERIES.forEach((q, i) => {
          runs.push(
            gw.query(q, { headers: c.headers }).then((res) => {
              expect(JSON.stringify(res.body.data)).toBe(baseline.get(c.who.id)![i]);
            }),
          );
        });
      }
    }
    await Promise.all(runs);

    const entries = emulator.log.entries();
    const expected = new Map(callers.map((c) => [c.label, rounds * perRound.get(c.who.id)!]));
    const seen = new Map<string, number>();
    for (const e of entries) seen.set(String(e.identity), (seen.get(String(e.identity)) ?? 0) + 1);
    expect(seen).toEqual(expected);
  });
});

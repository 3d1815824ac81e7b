/**
 * `dci-graphql/client` against a gateway over the emulator: typed documents run through
 * `request()` (with their persisted hashes), `subscribe()` streams SSE, incremental (@defer)
 * payloads are merged, credentials travel as the gateway's headers.
 */
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import {
  GatewayHttpError,
  JobPageDocument,
  request,
  subscribe,
  TopicMatrixDocument,
  WhoAmIDocument,
} from 'dci-graphql/client';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../graphql/harness.js';

let h: Harness;

/** A fetch into a Yoga instance, optionally recording the JSON bodies sent. */
function fetchOf(
  target: { fetch(url: string, init: never): Response | Promise<Response> },
  bodies?: Record<string, unknown>[],
): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (bodies) bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return target.fetch(String(input), init as never);
  }) as typeof fetch;
}
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

const viaGateway = (target = () => h.gateway) => ({
  endpoint: 'http://gateway/graphql',
  fetch: fetchOf(target()),
});

function hmac(name: 'partnerRemoteci' | 'otherRemoteci') {
  const auth = h.emulator.fixtures.identities[name].auth;
  if (auth.kind !== 'hmac') throw new Error('expected a remoteci');
  return { clientId: auth.accessKey, apiSecret: auth.secret };
}

describe('request()', () => {
  it('runs a generated document with its variables, typed, as the caller', async () => {
    const [topic] = [...h.emulator.store.topics.values()].filter((t) => t.state === 'active');
    const result = await request(
      TopicMatrixDocument,
      { topicId: topic!.id, components: 3 },
      { ...viaGateway(), credentials: { ...hmac('partnerRemoteci') } },
    );
    expect(result.errors).toBeUndefined();
    // Typed access: a wrong field name here would not compile.
    const rows = result.data?.topic?.components?.nodes ?? [];
    expect(result.data?.topic?.name).toBe(topic!.name);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const job of row?.jobs?.nodes ?? []) expect(typeof job?.status).toBe('string');
    }
  });

  it('keeps each caller on their own identity', async () => {
    const teamOf = async (name: 'partnerRemoteci' | 'otherRemoteci') => {
      const result = await request(
        WhoAmIDocument,
        {},
        { ...viaGateway(), credentials: hmac(name) },
      );
      return result.data?.identity?.teams.map((t) => t?.name);
    };
    const teamName = (name: 'partnerRemoteci' | 'otherRemoteci') =>
      h.emulator.store.teams.get(h.emulator.fixtures.identities[name].teamId)?.name;
    expect(await teamOf('partnerRemoteci')).toEqual([teamName('partnerRemoteci')]);
    expect(await teamOf('otherRemoteci')).toEqual([teamName('otherRemoteci')]);
  });

  it('returns partial data with coded errors rather than throwing', async () => {
    const [job] = h.emulator.store.jobs.values();
    // No credentials on a per-request gateway: the field fails, the response still comes.
    const result = await request(JobPageDocument, { id: job!.id }, viaGateway());
    expect(result.data?.job ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sends the manifest hash first, then the document on a miss', async () => {
    const bodies: Record<string, unknown>[] = [];
    // A gateway that knows no document yet: the hash misses and the client sends the text.
    const fresh = h.gatewayWith({ persistedDocuments: { known: null } });
    const result = await request(
      WhoAmIDocument,
      {},
      {
        endpoint: 'http://gateway/graphql',
        credentials: hmac('partnerRemoteci'),
        fetch: fetchOf(fresh, bodies),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.identity?.teams.length).toBe(1);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).not.toHaveProperty('query');
    expect(bodies[0]!['extensions']).toEqual({
      persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(bodies[1]!['query']).toContain('query WhoAmI');
    // Against a gateway that knows the bundled documents, the hash alone is enough.
    bodies.length = 0;
    const known = await request(
      WhoAmIDocument,
      {},
      {
        endpoint: 'http://gateway/graphql',
        credentials: hmac('partnerRemoteci'),
        fetch: fetchOf(h.gateway, bodies),
      },
    );
    expect(known.data).toEqual(result.data);
    expect(bodies).toHaveLength(1);
  });

  it('throws GatewayHttpError when no GraphQL response comes back', async () => {
    const failing = (async () =>
      new Response('upstream proxy down', { status: 502 })) as typeof fetch;
    await expect(request(WhoAmIDocument, {}, { fetch: failing })).rejects.toBeInstanceOf(
      GatewayHttpError,
    );
  });
});

describe('subscribe()', () => {
  // A stand-alone Yoga with a subscription and @defer: the transport is what is under test.
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Query { fast: String!, slow: String! }
        type Subscription { countdown(from: Int!): Int! }
      `,
      resolvers: {
        Query: {
          fast: () => 'fast',
          slow: () => new Promise((r) => setTimeout(() => r('slow'), 20)),
        },
        Subscription: {
          countdown: {
            async *subscribe(_: unknown, { from }: { from: number }) {
              for (let i = from; i >= 0; i--) yield { countdown: i };
            },
          },
        },
      },
    }),
    plugins: [useDeferStream()],
    logging: false,
  });
  const options = {
    endpoint: 'http://yoga/graphql',
    fetch: fetchOf(yoga),
    persisted: false,
  };

  it('streams every event of a subscription, then completes', async () => {
    const seen: unknown[] = [];
    for await (const event of subscribe<{ countdown: number }, { from: number }>(
      'subscription($from: Int!) { countdown(from: $from) }',
      { from: 3 },
      options,
    )) {
      seen.push(event.data?.countdown);
    }
    expect(seen).toEqual([3, 2, 1, 0]);
  });

  it('stops the stream when the consumer breaks out', async () => {
    const seen: unknown[] = [];
    for await (const event of subscribe<{ countdown: number }, { from: number }>(
      'subscription($from: Int!) { countdown(from: $from) }',
      { from: 100 },
      options,
    )) {
      seen.push(event.data?.countdown);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([100, 99]);
  });

  it('request() resolves a deferred operation once every part has arrived', async () => {
    const result = await request<{ fast: string; slow?: string }, Record<string, never>>(
      '{ fast ... @defer { slow } }',
      {},
      options,
    );
    expect(result).toEqual({ data: { fast: 'fast', slow: 'slow' } });
  });

  it('merges @defer payloads into the data received so far', async () => {
    const results: unknown[] = [];
    for await (const r of subscribe<{ fast: string; slow?: string }, Record<string, never>>(
      '{ fast ... @defer { slow } }',
      {},
      options,
    )) {
      results.push({ data: { ...r.data }, hasNext: r.hasNext });
    }
    expect(results).toEqual([
      { data: { fast: 'fast' }, hasNext: true },
      { data: { fast: 'fast', slow: 'slow' }, hasNext: false },
    ]);
  });
});

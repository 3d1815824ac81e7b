import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { createLogger, REDACTED, redact } from '../../src/observability/logger.js';
import {
  basicHeaders,
  buildGateway,
  hmacHeaders,
  JOIN_QUERY,
  type TestGateway,
  tinyEmulator,
} from './helpers.js';

let emulator: Emulator;
let gw: TestGateway;
let partner: Record<string, string>;

beforeAll(async () => {
  emulator = await tinyEmulator();
  partner = hmacHeaders(emulator.fixtures.identities.partnerRemoteci.auth);
  gw = buildGateway({ dciUrl: emulator.url });
});
afterAll(async () => {
  await emulator.close();
});

const get = (g: TestGateway, path: string, headers: Record<string, string> = {}) =>
  g.gateway.fetch(`http://gateway.test${path}`, { headers });

describe('/health', () => {
  it('answers 200 with JSON while the process is up', async () => {
    const res = await get(gw, '/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('does not depend on DCI', async () => {
    const res = await get(buildGateway({ dciUrl: 'http://127.0.0.1:9' }), '/health');
    expect(res.status).toBe(200);
  });
});

describe('/ready', () => {
  it('answers 200 when DCI answers its unauthenticated root', async () => {
    const res = await get(gw, '/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', dci: 'reachable' });
  });

  it('answers 503 when DCI cannot be reached', async () => {
    const res = await get(buildGateway({ dciUrl: 'http://127.0.0.1:9' }), '/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', reason: 'connection' });
  });

  it('answers 503 when DCI is slower than the timeout', async () => {
    emulator.setLatency(1000);
    try {
      const slow = buildGateway({ dciUrl: emulator.url }, { readyTimeoutMs: 100 });
      const res = await get(slow, '/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ reason: 'timeout' });
    } finally {
      emulator.setLatency(0);
    }
  });

  it('never shows the DCI URL', async () => {
    const res = await get(buildGateway({ dciUrl: 'http://127.0.0.1:9' }), '/ready');
    expect(await res.text()).not.toContain('127.0.0.1');
  });
});

describe('/metrics', () => {
  it('exposes operation and upstream series after a query', async () => {
    const g = buildGateway({ dciUrl: emulator.url });
    const res = await g.query(JOIN_QUERY, { headers: partner });
    expect(res.body.errors).toBeUndefined();
    const text = await (await get(g, '/metrics')).text();
    expect(text).toMatch(/dci_graphql_operations_total\{operation="Join",outcome="ok"\} 1/);
    expect(text).toMatch(
      /dci_graphql_operation_duration_seconds_count\{operation="Join",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /dci_graphql_upstream_requests_total\{method="GET",route="\/topics",status="200",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(
      /dci_graphql_upstream_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/topics"/,
    );
    expect(text).toMatch(/dci_graphql_operations_in_flight 0/);
  });

  it('records the keys of every loader batch', async () => {
    const g = buildGateway({ dciUrl: emulator.url });
    const res = await g.query(
      '{ jobs(first: 5) { nodes { jobstates { status } product { name } } } }',
      { headers: partner },
    );
    expect(res.body.errors).toBeUndefined();
    const jobs = (res.body.data as { jobs: { nodes: unknown[] } }).jobs.nodes.length;
    expect(jobs).toBe(5);
    const text = await (await get(g, '/metrics')).text();
    // One batch of the five jobs' jobstates, one of their products (a single id or a few).
    expect(text).toMatch(/dci_graphql_loader_batch_size_count\{loader="jobStates"\} 1\n/);
    expect(text).toMatch(/dci_graphql_loader_batch_size_sum\{loader="jobStates"\} 5\n/);
    expect(text).toMatch(/dci_graphql_loader_batch_size_count\{loader="product"\} 1\n/);
    expect(text).toMatch(/dci_graphql_loader_batch_size_bucket\{le="5",loader="jobPages"\} 1\n/);
  });

  it('counts refusals by code', async () => {
    const g = buildGateway({ dciUrl: emulator.url });
    await g.query('query Big { jobs(first: 100000) { totalCount } }', { headers: partner });
    const text = await (await get(g, '/metrics')).text();
    expect(text).toMatch(/dci_graphql_rejected_operations_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/dci_graphql_operations_total\{operation="Big",outcome="rejected"\} 1/);
  });

  it('keeps one registry per gateway', async () => {
    const a = buildGateway({ dciUrl: emulator.url });
    const b = buildGateway({ dciUrl: emulator.url });
    await a.query('query OnlyA { version }');
    expect(await (await get(a, '/metrics')).text()).toContain('operation="OnlyA"');
    expect(await (await get(b, '/metrics')).text()).not.toContain('operation="OnlyA"');
  });

  it('bounds operation-name labels', async () => {
    const g = buildGateway({ dciUrl: emulator.url });
    await g.query('query Bad { version }', { operationName: 'Bad' });
    const odd = await g.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ version }' }),
    });
    expect(odd.status).toBe(200);
    const text = await (await get(g, '/metrics')).text();
    expect(text).toContain('operation="anonymous"');
  });
});

describe('request ids', () => {
  it('echoes the caller’s X-Request-Id', async () => {
    const res = await gw.query('{ version }', { headers: { 'x-request-id': 'trace-42.abc' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42.abc');
    // Per-caller answers must not be kept by shared caches.
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('generates one when absent or malformed', async () => {
    const res = await gw.query('{ version }', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the same id to DCI and logs it', async () => {
    const { agent, seen } = topicsRecordingRequestIds();
    const g = buildGateway({ dciUrl: 'http://dci.mock', dispatcher: agent, retry: { retries: 0 } });
    const res = await g.query('query Count { topics(first: 1) { totalCount } }', {
      headers: { ...partner, 'x-request-id': 'corr-7' },
    });
    expect(res.body.errors).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['corr-7']));
    const line = g.lines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'request' && l.operationName === 'Count');
    expect(line).toMatchObject({
      requestId: 'corr-7',
      upstreamRequests: seen.length,
      outcome: 'ok',
    });
    await agent.close();
  });
});

/** A mock DCI answering `/topics` with nothing, recording the request id of each request. */
function topicsRecordingRequestIds(): { agent: MockAgent; seen: string[] } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: string[] = [];
  agent
    .get('http://dci.mock')
    .intercept({ path: (p) => p.startsWith('/api/v1/topics'), method: 'GET' })
    .reply((opts) => {
      const headers = opts.headers as Record<string, string>;
      seen.push(headers['x-request-id'] ?? headers['X-Request-Id'] ?? '');
      return { statusCode: 200, data: { topics: [], _meta: { count: 0 } } };
    })
    .persist();
  return { agent, seen };
}

describe('generated request ids', () => {
  it('sends DCI, answers and logs the one id it generated when the caller sent none', async () => {
    const { agent, seen } = topicsRecordingRequestIds();
    const g = buildGateway({ dciUrl: 'http://dci.mock', dispatcher: agent, retry: { retries: 0 } });
    const res = await g.query('query Generated { topics(first: 1) { totalCount } }', {
      headers: { ...partner, 'x-request-id': 'bad id with spaces' },
    });
    expect(res.body.errors).toBeUndefined();
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([id]));
    const line = g.lines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'request' && l.operationName === 'Generated');
    expect(line).toMatchObject({ requestId: id });
    await agent.close();
  });
});

describe('structured logs', () => {
  it('writes one JSON line per request with id, operation, duration, outcome and upstream count', async () => {
    const g = buildGateway({ dciUrl: emulator.url });
    emulator.log.clear();
    await g.query(JOIN_QUERY, { headers: partner });
    const lines = g.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Join',
      outcome: 'ok',
      // The /ready probes of earlier tests may still land in the log: count API calls only.
      upstreamRequests: emulator.log.count((e) => !/^\/api\/v1\/?$/.test(e.path)),
    });
    expect(lines[0].requestId).toEqual(expect.any(String));
    expect(lines[0].durationMs).toEqual(expect.any(Number));
  });

  it('never writes a secret, whatever the request carried', async () => {
    const ids = emulator.fixtures.identities;
    const hmac = ids.partnerRemoteci.auth;
    const basic = ids.partnerUser.auth;
    if (hmac.kind !== 'hmac' || basic.kind !== 'basic') throw new Error('fixture shapes changed');
    const service = ids.otherRemoteci.auth;
    if (service.kind !== 'hmac') throw new Error('fixture shapes changed');
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      write: (l) => lines.push(l),
      secrets: [service.secret],
    });
    const g = buildGateway(
      { dciUrl: emulator.url, serviceAuth: service },
      { logger, mode: 'service' },
    );

    await g.query(JOIN_QUERY, { headers: hmacHeaders(hmac) });
    await g.query(JOIN_QUERY, { headers: basicHeaders(basic) });
    await g.query(JOIN_QUERY);
    await g.query('{ identity { id } }', { headers: { authorization: 'Bearer tok3n-value-xyz' } });
    // A malformed pair: the error path must not echo the secret either.
    await g.query('{ identity { id } }', {
      headers: { 'x-dci-client-id': 'user/nobody', 'x-dci-api-secret': hmac.secret },
    });
    // Anything a caller might log by mistake.
    logger.error('oops', {
      headers: {
        authorization: `Basic ${Buffer.from(`${basic.login}:${basic.password}`).toString('base64')}`,
      },
      api_secret: hmac.secret,
      note: `retrying with password=${basic.password} and secret ${service.secret}`,
      url: 'https://x/api/v1/jobs?token=abcdef123456',
    });

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      hmac.secret,
      basic.password,
      service.secret,
      'tok3n-value-xyz',
      'abcdef123456',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain(REDACTED);
  });
});

describe('redact', () => {
  it('replaces secret-named fields at any depth', () => {
    expect(
      redact({
        a: { Authorization: 'Basic Zm9vOmJhcg==', 'X-Dci-Api-Secret': 's', password: 'p', keep: 1 },
      }),
    ).toEqual({
      a: { Authorization: REDACTED, 'X-Dci-Api-Secret': REDACTED, password: REDACTED, keep: 1 },
    });
  });

  it('scrubs credential shapes from free text', () => {
    expect(redact('Authorization: Bearer abc.def.ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact('Signature=deadbeef01')).toBe(`Signature=${REDACTED}`);
    expect(redact('{"api_secret": "XyZ123"}')).toBe(`{"api_secret": "${REDACTED}"}`);
  });
});

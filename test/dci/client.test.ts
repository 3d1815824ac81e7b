import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeAllPools,
  DciClient,
  type DciClientOptions,
  parseRetryAfter,
  type UpstreamEvent,
} from '../../src/dci/client.js';
import type { DciAuth } from '../../src/dci/credentials.js';
import { DciHttpError, DciNetworkError, DciProtocolError } from '../../src/dci/errors.js';
import { DciValueError, orEq } from '../../src/dci/query.js';
import { parseTimestamp, type SignatureAlgorithm, signRequest } from '../../src/dci/signature.js';

const ACCESS_KEY = 'remoteci/1d5f8a64-3b2c-4f3e-9a7d-2c6b0e9f4a11';
const SECRET = 'Zq3YbG7tR1vN8xK2mP5sW9dF4hJ6lC0aE3uI7oQ1yT5rB8nM2kV4gX6zD9wS0pL3';
const HMAC: DciAuth = { kind: 'hmac', accessKey: ACCESS_KEY, secret: SECRET };
const JOB_ID = '3f0c2a1b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const TOPIC_A = '0a6f1f3e-8c1b-4d7e-9f20-1b2c3d4e5f60';
const TOPIC_B = '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const NOW = new Date('2025-01-02T03:04:05Z');

/** A request as the test server received it. */
interface Received {
  method: string;
  /** The request target exactly as sent. */
  rawUrl: string;
  /** Decoded path, what DCI signs. */
  path: string;
  rawQuery: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Handler = (req: Received, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let received: Received[];

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const rawQuery = q === -1 ? '' : target.slice(q + 1);
      const r: Received = {
        method: req.method ?? '',
        rawUrl: target,
        path: decodeURIComponent(q === -1 ? target : target.slice(0, q)),
        rawQuery,
        query: Object.fromEntries(new URLSearchParams(rawQuery)),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(r);
      handler(r, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeAllPools();
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  received = [];
  handler = (_req, res) => json(res, 200, { jobs: [], _meta: { count: 0 } });
});

/** A client on the test server with a fixed clock and instant, recorded retry pauses. */
function makeClient(overrides: Partial<DciClientOptions> = {}) {
  const sleeps: number[] = [];
  const events: UpstreamEvent[] = [];
  const client = new DciClient({
    baseUrl,
    auth: HMAC,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onUpstream: (e) => events.push(e),
    ...overrides,
  });
  return { client, sleeps, events };
}

/** Recomputes the signature from what the server received, as DCI does (§2.1). */
function verifySignature(r: Received, secret = SECRET): void {
  const authorization = String(r.headers.authorization);
  const m =
    /^(\S+) Credential=([^/]+\/[^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  expect(m, `unparseable Authorization ${authorization}`).not.toBeNull();
  const [, algorithm, accessKey, region, service, signedHeaders] = m!;
  const dateHeader = algorithm === 'AWS4-HMAC-SHA256' ? 'x-amz-date' : 'x-dci-date';
  expect(signedHeaders).toBe(`host;${dateHeader}`);
  const at = parseTimestamp(String(r.headers[dateHeader]));
  expect(at).not.toBeNull();
  const expected = signRequest(
    {
      method: r.method,
      host: String(r.headers.host),
      path: r.path,
      params: r.query,
      body: r.body,
    },
    { accessKey: accessKey!, secret },
    at!,
    { algorithm: algorithm as SignatureAlgorithm, region, service },
  );
  expect(authorization).toBe(expected.headers['Authorization']);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('the request on the wire', () => {
  it('sends a query that decodes to exactly the signed parameters', async () => {
    const { client } = makeClient();
    const query = orEq('topic_id', [TOPIC_B, TOPIC_A]);
    await client.list('/jobs', { limit: 50, offset: 0, sort: ['-created_at'], query });
    const [r] = received;
    expect(r!.path).toBe('/api/v1/jobs');
    expect(r!.query).toEqual({ limit: '50', offset: '0', sort: '-created_at', query });
    // Each key once, RFC 3986 encoded (no '+', parentheses and commas escaped), sorted.
    expect(r!.rawQuery).toBe(
      `limit=50&offset=0&query=or%28eq%28topic_id%2C${TOPIC_A}%29%2Ceq%28topic_id%2C${TOPIC_B}%29%29&sort=-created_at`,
    );
    verifySignature(r!);
  });

  it('encodes where values with spaces, colons and a trailing *', async () => {
    const { client } = makeClient();
    const where = [
      { key: 'name', value: 'daily run*' },
      { key: 'tags', value: 'build:ga' },
    ];
    await client.list('/jobs', { where, limit: 10 });
    const [r] = received;
    expect(r!.query).toEqual({ limit: '10', offset: '0', where: 'name:daily run*,tags:build:ga' });
    expect(r!.rawQuery).not.toContain('+');
    expect(r!.rawQuery).toContain('name%3Adaily%20run%2A');
    verifySignature(r!);
  });

  it('sends Host as the signed host, port included, and the DCI date header', async () => {
    const { client } = makeClient();
    await client.list('/jobs');
    const [r] = received;
    expect(r!.headers.host).toBe(new URL(baseUrl).host);
    expect(r!.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(r!.headers['x-dci-date']).toBe('20250102T030405Z');
    expect(r!.rawQuery).toBe('');
  });

  it('sends limit and offset together, capped at 200, or neither', async () => {
    const { client } = makeClient();
    await client.list('/jobs');
    await client.list('/jobs', { limit: 500 });
    await client.list('/jobs', { offset: 60 });
    expect(received.map((r) => r.query)).toEqual([
      {},
      { limit: '200', offset: '0' },
      { limit: '20', offset: '60' },
    ]);
  });

  it('signs a compact JSON body and sends it with Content-Length, never chunked', async () => {
    handler = (_req, res) => json(res, 201, { job: { id: JOB_ID, etag: 'e1' } }, { etag: 'e1' });
    const { client } = makeClient();
    const body = { topic_id: TOPIC_A, components_ids: [], comment: 'é ünïcode', tags: ['ci'] };
    await client.create('/jobs/schedule', body);
    const [r] = received;
    expect(r!.method).toBe('POST');
    expect(r!.body.toString('utf8')).toBe(JSON.stringify(body));
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(r!.headers['transfer-encoding']).toBeUndefined();
    verifySignature(r!);
  });

  it('signs the decoded path and sends it percent-encoded', async () => {
    handler = (_req, res) => json(res, 200, { component_file: { id: 'f' } });
    const { client } = makeClient();
    await client.get(`/components/${JOB_ID}/files/my file (1).txt`);
    const [r] = received;
    expect(r!.rawUrl).toBe(`/api/v1/components/${JOB_ID}/files/my%20file%20(1).txt`);
    expect(r!.path).toBe(`/api/v1/components/${JOB_ID}/files/my file (1).txt`);
    verifySignature(r!);
  });

  it('signs in AWS4 form when asked', async () => {
    const { client } = makeClient({ auth: { ...HMAC, algorithm: 'AWS4-HMAC-SHA256' } });
    await client.list('/jobs', { limit: 1 });
    const [r] = received;
    expect(r!.headers['x-amz-date']).toBe('20250102T030405Z');
    expect(String(r!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 .*\/aws4_request, /);
    verifySignature(r!);
  });

  it('signs a raw upload body and passes the DCI file headers', async () => {
    handler = (_req, res) => json(res, 201, { file: { id: 'f1' } });
    const { client } = makeClient();
    const content = Buffer.from('line 1\nline 2\n');
    await client.request('POST', '/files', {
      rawBody: content,
      contentType: 'text/plain',
      headers: { 'DCI-NAME': 'log.txt', 'DCI-JOB-ID': JOB_ID },
    });
    const [r] = received;
    expect(r!.body.equals(content)).toBe(true);
    expect(r!.headers['content-type']).toBe('text/plain');
    expect(r!.headers['dci-name']).toBe('log.txt');
    expect(r!.headers['dci-job-id']).toBe(JOB_ID);
    verifySignature(r!);
  });

  it('signs each attempt afresh with the current time', async () => {
    let calls = 0;
    handler = (_req, res) =>
      calls++ === 0 ? json(res, 503, { message: 'busy' }) : json(res, 200, { jobs: [] });
    let tick = 0;
    const { client } = makeClient({ now: () => new Date(NOW.getTime() + 1000 * tick++) });
    await client.list('/jobs');
    const [first, second] = received.map((r) => String(r.headers['x-dci-date']));
    expect(first).toBe('20250102T030405Z');
    expect(second! > first!).toBe(true);
    for (const r of received) verifySignature(r);
  });

  it('sends Basic and Bearer credentials unchanged, without a date header', async () => {
    await makeClient({ auth: { kind: 'basic', login: 'admin', password: 'p:w é' } }).client.list(
      '/jobs',
    );
    await makeClient({ auth: { kind: 'bearer', token: 'eyJ.abc.def' } }).client.list('/jobs');
    const [basic, bearer] = received;
    expect(basic!.headers.authorization).toBe(
      `Basic ${Buffer.from('admin:p:w é', 'utf8').toString('base64')}`,
    );
    expect(bearer!.headers.authorization).toBe('Bearer eyJ.abc.def');
    expect(basic!.headers['x-dci-date']).toBeUndefined();
  });

  it('sends X-Dci-Team-Id and X-Request-Id when configured, and not otherwise', async () => {
    await makeClient({ teamId: TOPIC_A, requestId: 'req-42' }).client.list('/jobs');
    await makeClient().client.list('/jobs');
    expect(received[0]!.headers['x-dci-team-id']).toBe(TOPIC_A);
    expect(received[0]!.headers['x-request-id']).toBe('req-42');
    expect(received[1]!.headers['x-dci-team-id']).toBeUndefined();
    expect(received[1]!.headers['x-request-id']).toBeUndefined();
  });

  it('accepts a base URL that already ends in /api/v1', async () => {
    await makeClient({ baseUrl: `${baseUrl}/api/v1/` }).client.list('/jobs');
    expect(received[0]!.path).toBe('/api/v1/jobs');
  });

  it('refuses to send what DCI would misread', async () => {
    const { client } = makeClient();
    await expect(client.request('GET', '/jobs', { params: { where: '' } })).rejects.toThrow(
      DciValueError,
    );
    await expect(client.request('GET', '/jobs?limit=1')).rejects.toThrow(DciValueError);
    await expect(
      client.request('GET', '/jobs', { headers: { Authorization: 'Basic x' } }),
    ).rejects.toThrow(DciValueError);
    expect(() => makeClient({ teamId: 'a\r\nX-Evil: 1' })).toThrow(DciValueError);
    expect(received).toEqual([]);
  });
});

describe('parsing responses', () => {
  it('returns list items and the total count from the envelope', async () => {
    handler = (_req, res) => json(res, 200, { _meta: { count: 57 }, topics: [{ id: 'a' }] });
    const { client } = makeClient();
    expect(await client.list('/topics', { limit: 1 })).toEqual({
      items: [{ id: 'a' }],
      count: 57,
    });
  });

  it.each([
    ['no _meta', { topics: [{ id: 'a' }] }],
    ['no count', { topics: [{ id: 'a' }], _meta: {} }],
    ['a count that is no number', { topics: [{ id: 'a' }], _meta: { count: '1' } }],
  ])('answers a null count, never the page length, for an envelope with %s', async (_, body) => {
    handler = (_req, res) => json(res, 200, body);
    const { client } = makeClient();
    expect(await client.list('/topics', { limit: 1 })).toEqual({
      items: [{ id: 'a' }],
      count: null,
    });
  });

  it('rejects a list answer that is not a list envelope', async () => {
    handler = (_req, res) => json(res, 200, { job: { id: 'x' } });
    const error = await rejection(makeClient().client.list('/jobs'));
    expect(error).toBeInstanceOf(DciProtocolError);
  });

  it('captures the raw ETag header of a single GET', async () => {
    handler = (_req, res) =>
      json(res, 200, { job: { id: JOB_ID, etag: 'old' } }, { etag: '0123abcd' });
    const { item, etag } = await makeClient().client.get<{ id: string }>(`/jobs/${JOB_ID}`);
    expect(item.id).toBe(JOB_ID);
    expect(etag).toBe('0123abcd');
  });

  it("falls back to the body's etag when there is no header", async () => {
    handler = (_req, res) => json(res, 200, { pipeline: { id: 'p', etag: 'body-etag' } });
    expect((await makeClient().client.get('/pipelines/p')).etag).toBe('body-etag');
  });

  it('reads the literal None etag of an HMAC identity as null', async () => {
    handler = (_req, res) =>
      json(res, 200, { identity: { id: 'r', etag: null, teams: {} } }, { etag: 'None' });
    expect((await makeClient().client.get('/identity')).etag).toBeNull();
  });

  it('sends If-Match raw on update and returns the new etag', async () => {
    handler = (_req, res) => json(res, 200, { job: { id: JOB_ID, etag: 'new' } }, { etag: 'new' });
    const { client } = makeClient();
    const result = await client.update(`/jobs/${JOB_ID}`, '"old"', { status: 'running' });
    expect(received[0]!.headers['if-match']).toBe('old');
    expect(received[0]!.method).toBe('PUT');
    expect(result).toEqual({ item: { id: JOB_ID, etag: 'new' }, etag: 'new' });
    verifySignature(received[0]!);
  });

  it('accepts a 201 with an empty body', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end();
    };
    const result = await makeClient().client.create(`/jobs/${JOB_ID}/components`, { id: 'c' });
    expect(result).toEqual({ item: null, etag: null, status: 201 });
  });

  it('returns a create body that is not an envelope as it is', async () => {
    handler = (_req, res) => json(res, 201, { product_id: 'p', team_id: 't' });
    const result = await makeClient().client.create('/products/p/teams', { team_id: 't' });
    expect(result.item).toEqual({ product_id: 'p', team_id: 't' });
  });

  it('deletes with If-Match, and with a JSON body where DCI takes one', async () => {
    handler = (_req, res) => {
      res.writeHead(204, { 'content-type': 'application/json' });
      res.end();
    };
    const { client } = makeClient();
    await client.delete(`/jobs/${JOB_ID}`, { etag: 'e1' });
    await client.delete(`/jobs/${JOB_ID}/kv`, { body: { key: 'k' } });
    expect(received[0]!.headers['if-match']).toBe('e1');
    expect(received[0]!.body.length).toBe(0);
    expect(received[1]!.body.toString()).toBe('{"key":"k"}');
    expect(received[1]!.headers['content-type']).toBe('application/json');
    for (const r of received) verifySignature(r);
  });

  it('removes api_secret at every depth before returning', async () => {
    const remoteci = { id: 'r', api_secret: 'S1', team: { remotecis: [{ api_secret: 'S2' }] } };
    handler = (req, res) =>
      req.path.endsWith('/jobs')
        ? json(res, 200, { jobs: [{ id: 'j', remoteci }], _meta: { count: 1 } })
        : json(res, 200, { remoteci: { ...remoteci, api_secret: 'S3' } }, { etag: 'e' });
    const { client } = makeClient();
    const list = await client.list('/jobs');
    const one = await client.get('/remotecis/r');
    for (const result of [list, one]) {
      expect(JSON.stringify(result)).not.toMatch(/api_secret|S1|S2|S3/);
    }
    expect(list.items).toEqual([{ id: 'j', remoteci: { id: 'r', team: { remotecis: [{}] } } }]);
  });

  it('removes api_secret spelled with JSON escapes too', async () => {
    // JSON may spell a key with escapes (\u005f for `_`): it parses to the same name.
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"e"' });
      res.end('{"remoteci": {"id": "r", "api\\u005fsecret": "S4", "team": {"name": "\\u00e9"}}}');
    };
    const { client } = makeClient();
    const one = await client.get<{ id: string }>('/remotecis/r');
    expect(JSON.stringify(one)).not.toMatch(/api_secret|S4/);
  });

  it('reports a 2xx body that is not JSON as a protocol error', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"jobs": [{"id": "a"');
    };
    const { client, events } = makeClient();
    const error = await rejection(client.list('/jobs'));
    expect(error).toBeInstanceOf(DciProtocolError);
    expect(error.message).toMatch(/^DCI 200 on GET \/jobs: response is not valid JSON/);
    expect(events.map((e) => [e.status, e.outcome])).toEqual([[200, 'protocol_error']]);
  });

  it('abandons a response larger than the configured bound', async () => {
    handler = (_req, res) => json(res, 200, { jobs: [{ name: 'x'.repeat(5000) }] });
    const { client, events } = makeClient({ maxResponseBytes: 1024 });
    expect(await rejection(client.list('/jobs'))).toBeInstanceOf(DciProtocolError);
    expect(events.map((e) => e.outcome)).toEqual(['protocol_error']);
  });
});

describe('errors', () => {
  it('turns a DCI JSON error into a DciHttpError with a short message', async () => {
    handler = (_req, res) =>
      json(res, 404, { message: 'job not found', payload: {}, status_code: 404 });
    const error = (await rejection(makeClient().client.get(`/jobs/${JOB_ID}`))) as DciHttpError;
    expect(error).toBeInstanceOf(DciHttpError);
    expect(error.message).toBe('DCI 404 on GET /jobs/:id: job not found');
    expect(error).toMatchObject({ status: 404, dciMessage: 'job not found', route: '/jobs/:id' });
  });

  it.each([
    [
      'an HTML 404 page',
      404,
      'text/html; charset=utf-8',
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n',
      'DCI 404 on GET /jobs/:id: 404 Not Found - The requested URL was not found on the server.',
    ],
    [
      "gunicorn's plain-text 400",
      400,
      'text/plain',
      'Bad Request\r\nRequest Line is too large (4095 > 4094)\r\n',
      'DCI 400 on GET /jobs/:id: Bad Request - Request Line is too large (4095 > 4094)',
    ],
    [
      'a cut-short JSON error',
      500,
      'application/json',
      '{"message": "Internal',
      'DCI 500 on GET /jobs/:id: unreadable JSON error body (21 bytes)',
    ],
  ])('reports %s safely', async (_name, status, contentType, body, message) => {
    handler = (_req, res) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
    };
    const error = await rejection(makeClient().client.get(`/jobs/${JOB_ID}`));
    expect(error).toBeInstanceOf(DciHttpError);
    expect(error.message).toBe(message);
  });

  it('never carries credentials, signatures or the query string', async () => {
    handler = (_req, res) =>
      json(res, 400, { message: 'bad', payload: { x: 1 }, status_code: 400 });
    const { client } = makeClient();
    const error = await rejection(client.list('/jobs', { where: [{ key: 'name', value: 'q-v' }] }));
    const signature = /Signature=(\w+)/.exec(String(received[0]!.headers.authorization))![1]!;
    const dump = [error.message, String(error), error.stack, JSON.stringify(error)].join('\n');
    for (const secretish of [SECRET, signature, 'q-v', 'where', '20250102T030405Z']) {
      expect(dump).not.toContain(secretish);
    }
  });
});

describe('retries', () => {
  const status503 = (res: ServerResponse, headers = {}) =>
    json(res, 503, { message: 'busy', payload: {}, status_code: 503 }, headers);

  it('retries a GET on 503 and returns the later success', async () => {
    let calls = 0;
    handler = (_req, res) => (calls++ === 0 ? status503(res) : json(res, 200, { jobs: [] }));
    const { client, events, sleeps } = makeClient();
    expect(await client.list('/jobs')).toEqual({ items: [], count: null });
    expect(received).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(events.map((e) => [e.attempt, e.status, e.outcome, e.willRetry])).toEqual([
      [1, 503, 'http_error', true],
      [2, 200, 'ok', false],
    ]);
  });

  it.each([429, 502, 504])('retries a GET on %i', async (status) => {
    let calls = 0;
    handler = (_req, res) => (calls++ === 0 ? json(res, status, {}) : json(res, 200, { jobs: [] }));
    await makeClient().client.list('/jobs');
    expect(received).toHaveLength(2);
  });

  it.each([400, 401, 404, 409, 412, 500])('does not retry a GET on %i', async (status) => {
    handler = (_req, res) => json(res, status, { message: 'no', payload: {}, status_code: status });
    const error = await rejection(makeClient().client.list('/jobs'));
    expect((error as DciHttpError).status).toBe(status);
    expect(received).toHaveLength(1);
  });

  it('gives up after the retry bound with the last error', async () => {
    handler = (_req, res) => status503(res);
    const { client, events } = makeClient();
    const error = (await rejection(client.get(`/jobs/${JOB_ID}`))) as DciHttpError;
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(3);
    expect(received).toHaveLength(3);
    expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
  });

  it('honours the retry count setting', async () => {
    handler = (_req, res) => status503(res);
    await rejection(makeClient({ retry: { retries: 0 } }).client.list('/jobs'));
    expect(received).toHaveLength(1);
  });

  it.each([
    ['POST', (c: DciClient) => c.create('/jobs', { topic_id: TOPIC_A })],
    ['PUT', (c: DciClient) => c.update(`/jobs/${JOB_ID}`, 'e', { name: 'n' })],
    ['DELETE', (c: DciClient) => c.delete(`/jobs/${JOB_ID}`, { etag: 'e' })],
  ])('never retries a %s, even on 503', async (_name, call) => {
    handler = (_req, res) => status503(res);
    const { client, events } = makeClient();
    const error = (await rejection(call(client))) as DciHttpError;
    expect(error.status).toBe(503);
    expect(received).toHaveLength(1);
    expect(events.map((e) => e.willRetry)).toEqual([false]);
  });

  it('never retries a POST after a dropped connection', async () => {
    handler = (_req, res) => res.socket?.destroy();
    const error = await rejection(makeClient().client.create('/jobs', {}));
    expect(error).toBeInstanceOf(DciNetworkError);
    expect(received).toHaveLength(1);
  });

  it('waits with full-jitter exponential backoff, capped', async () => {
    handler = (_req, res) => status503(res);
    const half = makeClient({ random: () => 0.5 });
    await rejection(half.client.list('/jobs'));
    expect(half.sleeps).toEqual([50, 100]);
    const capped = makeClient({
      random: () => 0.999,
      retry: { retries: 3, baseDelayMs: 1000, maxDelayMs: 1500 },
    });
    await rejection(capped.client.list('/jobs'));
    expect(capped.sleeps).toEqual([999, 1498, 1498]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    let calls = 0;
    const retryAfter = ['3', new Date(NOW.getTime() + 2000).toUTCString()];
    handler = (_req, res) =>
      calls < 2
        ? status503(res, { 'retry-after': retryAfter[calls++] })
        : json(res, 200, { jobs: [] });
    const { client, sleeps } = makeClient();
    await client.list('/jobs');
    expect(sleeps).toEqual([3000, 2000]);
  });

  it('does not wait for a Retry-After beyond the cap', async () => {
    handler = (_req, res) => status503(res, { 'retry-after': '60' });
    const { client, sleeps } = makeClient();
    const error = (await rejection(client.list('/jobs'))) as DciHttpError;
    expect(error.status).toBe(503);
    expect(sleeps).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('retries a GET whose connection drops, before or during the body', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) return res.socket?.destroy();
      if (calls === 2) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"jobs": [');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      json(res, 200, { jobs: [{ id: 'a' }], _meta: { count: 1 } });
    };
    const { client, events } = makeClient();
    expect((await client.list('/jobs')).count).toBe(1);
    expect(events.map((e) => e.outcome)).toEqual(['connection', 'connection', 'ok']);
  });

  it('reports an unreachable DCI as a connection error after the retries', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    const { client, events } = makeClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = (await rejection(client.list('/jobs'))) as DciNetworkError;
    expect(error).toBeInstanceOf(DciNetworkError);
    expect(error.kind).toBe('connection');
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(3);
    expect(events.map((e) => [e.status, e.outcome])).toEqual([
      [null, 'connection'],
      [null, 'connection'],
      [null, 'connection'],
    ]);
  });
});

describe('timeouts and aborts', () => {
  it('times out quickly on a server that never answers', async () => {
    handler = () => {}; // accept the request, never respond
    const started = Date.now();
    const { client, events } = makeClient({
      timeouts: { headersMs: 200 },
      retry: { retries: 1 },
    });
    const error = (await rejection(client.list('/jobs'))) as DciNetworkError;
    expect(error).toBeInstanceOf(DciNetworkError);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('DCI GET /jobs timed out (UND_ERR_HEADERS_TIMEOUT)');
    expect(events.map((e) => e.outcome)).toEqual(['timeout', 'timeout']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('aborts an in-flight request and does not retry it', async () => {
    handler = () => {};
    const { client, events } = makeClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = (await rejection(
      client.list('/jobs', {}, { signal: controller.signal }),
    )) as DciNetworkError;
    expect(error).toBeInstanceOf(DciNetworkError);
    expect(error.kind).toBe('aborted');
    expect(received).toHaveLength(1);
    expect(events.map((e) => [e.outcome, e.willRetry])).toEqual([['aborted', false]]);
  });

  it('stops waiting between retries when aborted', async () => {
    handler = (_req, res) => json(res, 503, {});
    // The real sleep: a 10 s backoff that the abort must cut short.
    const client = new DciClient({
      baseUrl,
      auth: HMAC,
      random: () => 0.99,
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = (await rejection(
      client.get(`/jobs/${JOB_ID}`, { signal: controller.signal }),
    )) as DciNetworkError;
    expect(error.kind).toBe('aborted');
    expect(received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not send anything when the signal is already aborted', async () => {
    const error = (await rejection(
      makeClient().client.list('/jobs', {}, { signal: AbortSignal.abort() }),
    )) as DciNetworkError;
    expect(error.kind).toBe('aborted');
    expect(received).toHaveLength(0);
  });
});

describe('transport', () => {
  it('uses an injected dispatcher instead of the shared pool', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://dci.example.com')
      .intercept({ path: '/api/v1/identity', method: 'GET' })
      .reply(200, { identity: { id: 'r', etag: null } }, { headers: { etag: 'None' } });
    const client = new DciClient({
      baseUrl: 'https://dci.example.com',
      auth: HMAC,
      dispatcher: agent,
    });
    expect(await client.get('/identity')).toEqual({ item: { id: 'r', etag: null }, etag: null });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('keeps working after closeAllPools', async () => {
    const { client } = makeClient();
    await client.list('/jobs');
    await closeAllPools();
    await client.list('/jobs');
    expect(received).toHaveLength(2);
  });

  it('reports every attempt with the route, not the ids', async () => {
    const { client, events } = makeClient();
    handler = (_req, res) => json(res, 200, { jobstates: [], _meta: { count: 0 } });
    await client.list(`/jobs/${JOB_ID}/jobstates`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      method: 'GET',
      route: '/jobs/:id/jobstates',
      status: 200,
      attempt: 1,
      outcome: 'ok',
      willRetry: false,
    });
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('ignores a failing onUpstream callback', async () => {
    const { client } = makeClient({
      onUpstream: () => {
        throw new Error('metrics broke');
      },
    });
    await expect(client.list('/jobs')).resolves.toEqual({ items: [], count: 0 });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['5', 5000],
    ['0', 0],
    [new Date(NOW.getTime() + 1500).toUTCString(), 1000], // HTTP dates have 1 s resolution
    [new Date(NOW.getTime() - 5000).toUTCString(), 0],
    ['soon', null],
    [undefined, null],
  ])('%s -> %s', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });
});

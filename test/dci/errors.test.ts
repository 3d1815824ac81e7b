import { describe, expect, it } from 'vitest';
import {
  classifyNetworkError,
  DciHttpError,
  DciNetworkError,
  DciProtocolError,
  httpErrorFromResponse,
  routeOf,
  stripApiSecrets,
} from '../../src/dci/errors.js';

const ID = '3f0c2a1b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

const WERKZEUG_404 = `<!doctype html>
<html lang=en>
<title>404 Not Found</title>
<h1>Not Found</h1>
<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>
`;

const GUNICORN_400 = `<html>
  <head>
    <title>Bad Request</title>
  </head>
  <body>
    <h1><p>Bad Request</p></h1>
    Request Line is too large (4095 &gt; 4094)
  </body>
</html>
`;

const fromBody = (status: number, body: string, contentType?: string) =>
  httpErrorFromResponse({ status, method: 'GET', route: '/jobs/:id', contentType, body });

describe('routeOf', () => {
  it.each([
    [`/jobs/${ID}`, '/jobs/:id'],
    [`/jobs/${ID}/jobstates`, '/jobs/:id/jobstates'],
    [`/jobs/${ID}/components/${ID.toUpperCase()}`, '/jobs/:id/components/:id'],
    ['/jobs?where=name:secret', '/jobs'],
    [`/jobs/${ID}x`, `/jobs/${ID}x`],
    ['/identity', '/identity'],
  ])('%s -> %s', (path, route) => {
    expect(routeOf(path)).toBe(route);
  });
});

describe('httpErrorFromResponse', () => {
  it('reads the DCI JSON error shape', () => {
    const error = fromBody(
      404,
      '{"message": "job not found", "payload": {}, "status_code": 404}',
      'application/json',
    );
    expect(error).toBeInstanceOf(DciHttpError);
    expect(error.message).toBe('DCI 404 on GET /jobs/:id: job not found');
    expect(error).toMatchObject({
      status: 404,
      dciMessage: 'job not found',
      payload: {},
      method: 'GET',
      route: '/jobs/:id',
      bodyKind: 'json',
      attempts: 1,
    });
  });

  it('keeps the payload and removes any api_secret from it', () => {
    const error = fromBody(
      400,
      JSON.stringify({
        message: 'Request malformed',
        payload: { errors: ['x'], remoteci: { api_secret: 'leak', name: 'r' } },
        status_code: 400,
      }),
      'application/json',
    );
    expect(error.payload).toEqual({ errors: ['x'], remoteci: { name: 'r' } });
  });

  it('puts only the first line of a long database error into the message', () => {
    const sql = `(psycopg2.errors.InvalidTextRepresentation) invalid input syntax for type uuid: "abc"\n[SQL: SELECT ${'x, '.repeat(500)}]`;
    const error = fromBody(400, JSON.stringify({ message: sql, payload: {}, status_code: 400 }));
    expect(error.message).toBe(
      'DCI 400 on GET /jobs/:id: (psycopg2.errors.InvalidTextRepresentation) invalid input syntax for type uuid: "abc"',
    );
    expect(error.dciMessage!.length).toBeLessThanOrEqual(1000);
  });

  it('reads the analytics {error} shape', () => {
    expect(fromBody(503, '{"error": "backend down"}', 'application/json').message).toBe(
      'DCI 503 on GET /jobs/:id: backend down',
    );
  });

  it('summarises a Werkzeug HTML page by its title and first sentence', () => {
    const error = fromBody(404, WERKZEUG_404, 'text/html; charset=utf-8');
    expect(error.bodyKind).toBe('html');
    expect(error.dciMessage).toBeNull();
    expect(error.message).toMatch(
      /^DCI 404 on GET \/jobs\/:id: 404 Not Found - The requested URL was not found on the server\./,
    );
    expect(error.message).not.toContain('<');
    expect(error.message.length).toBeLessThanOrEqual(240);
  });

  it("summarises gunicorn's request-line error with its reason", () => {
    const error = fromBody(400, GUNICORN_400, 'text/html');
    expect(error.message).toBe(
      'DCI 400 on GET /jobs/:id: Bad Request - Request Line is too large (4095 > 4094)',
    );
  });

  it('summarises plain text by its first line, truncated', () => {
    const error = fromBody(502, `${'upstream failure '.repeat(30)}\nsecond line`, 'text/plain');
    expect(error.bodyKind).toBe('text');
    expect(error.message).not.toContain('second line');
    expect(error.message.endsWith('…')).toBe(true);
    expect(error.message.length).toBeLessThan(240);
  });

  it('reports a cut-short JSON body without echoing it', () => {
    const error = fromBody(
      500,
      '{"jobs": [{"remoteci": {"api_secret": "leak", "name": "r"',
      'application/json',
    );
    expect(error.message).toBe('DCI 500 on GET /jobs/:id: unreadable JSON error body (57 bytes)');
    expect(error.message).not.toContain('leak');
    expect(error.dciMessage).toBeNull();
  });

  it('uses the status text for an empty body', () => {
    const error = fromBody(502, '');
    expect(error.message).toBe('DCI 502 on GET /jobs/:id: Bad Gateway');
    expect(error.bodyKind).toBe('empty');
  });
});

describe('DciNetworkError and DciProtocolError', () => {
  it('name the request without details', () => {
    expect(new DciNetworkError('timeout', 'GET', '/jobs', 'UND_ERR_HEADERS_TIMEOUT').message).toBe(
      'DCI GET /jobs timed out (UND_ERR_HEADERS_TIMEOUT)',
    );
    expect(new DciNetworkError('aborted', 'POST', '/jobs').message).toBe('DCI POST /jobs aborted');
    expect(new DciProtocolError(200, 'GET', '/jobs', 'not a list envelope').message).toBe(
      'DCI 200 on GET /jobs: not a list envelope',
    );
  });
});

describe('stripApiSecrets', () => {
  it('removes api_secret at any depth, in objects and arrays', () => {
    const body = {
      api_secret: 'top',
      jobs: [
        { remoteci: { api_secret: 's1', name: 'r1', team: { remotecis: [{ api_secret: 's2' }] } } },
        null,
        'text',
      ],
    };
    expect(stripApiSecrets(body)).toEqual({
      jobs: [{ remoteci: { name: 'r1', team: { remotecis: [{}] } } }, null, 'text'],
    });
    expect(JSON.stringify(body)).not.toContain('api_secret');
  });

  it('leaves other values untouched', () => {
    expect(stripApiSecrets(null)).toBeNull();
    expect(stripApiSecrets('api_secret')).toBe('api_secret');
    expect(stripApiSecrets([1, [2]])).toEqual([1, [2]]);
  });
});

describe('classifyNetworkError', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['ECONNREFUSED', 'connection'],
    ['ECONNRESET', 'connection'],
    ['UND_ERR_SOCKET', 'connection'],
    ['HPE_INVALID_CONSTANT', 'connection'],
    ['UND_ERR_ABORTED', 'aborted'],
  ])('reads %s as %s', (code, kind) => {
    expect(classifyNetworkError(withCode(code), undefined)?.kind).toBe(kind);
  });

  it('treats any error after the signal fired as an abort', () => {
    expect(classifyNetworkError(new Error('x'), AbortSignal.abort())).toEqual({
      kind: 'aborted',
      code: null,
    });
  });

  it('leaves programming errors alone', () => {
    expect(classifyNetworkError(new TypeError('bug'), undefined)).toBeNull();
    expect(classifyNetworkError(withCode('UND_ERR_INVALID_ARG'), undefined)).toBeNull();
    expect(classifyNetworkError(withCode('ERR_INVALID_ARG_TYPE'), undefined)).toBeNull();
  });
});

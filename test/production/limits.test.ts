import { describe, expect, it } from 'vitest';
import { buildGateway, JOIN_QUERY, type TestGateway, useTinyGateway } from './helpers.js';

const tiny = useTinyGateway({}, { production: true });

function deepQuery(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `nextTopic { ${selection} }`;
  return `query Deep { topics(first: 1) { nodes { ${selection} } } }`;
}

const hostile: [string, () => string, Record<string, unknown> | undefined, string][] = [
  ['a query nested 50 deep', () => deepQuery(50), undefined, 'MAX_DEPTH_EXCEEDED'],
  [
    'a query with 1,000 aliases',
    () =>
      `query Aliases { ${Array.from({ length: 1000 }, (_, i) => `t${i}: topics(first: 1) { totalCount }`).join(' ')} }`,
    undefined,
    // 1,000 aliased fields are also far beyond the token limit, which is checked first.
    'MAX_TOKENS_EXCEEDED|MAX_ALIASES_EXCEEDED',
  ],
  [
    'a query with 1,000 aliases of a scalar',
    () => `query Aliases { ${Array.from({ length: 1000 }, (_, i) => `v${i}: version`).join(' ')} }`,
    undefined,
    'MAX_ALIASES_EXCEEDED',
  ],
  [
    'first: 100000',
    () => 'query Big { jobs(first: 100000) { nodes { id } } }',
    undefined,
    'BAD_USER_INPUT',
  ],
  [
    'first: $n with $n = 100000',
    () => 'query Big($n: Int) { jobs(first: $n) { nodes { id } } }',
    { n: 100000 },
    'BAD_USER_INPUT',
  ],
  [
    'a nested first above the cap',
    () => 'query Nested { topics(first: 2) { nodes { jobs(first: 5000) { nodes { id } } } } }',
    undefined,
    'BAD_USER_INPUT',
  ],
  [
    'an operation beyond the upstream budget',
    () =>
      'query Wide { topics(first: 20) { nodes { components(first: 20) { nodes { jobs(first: 20) { nodes { id } } } } } } }',
    undefined,
    'UPSTREAM_BUDGET_EXCEEDED',
  ],
  [
    'a query over the token limit',
    () => `query Tokens { ${'version '.repeat(6000)} }`,
    undefined,
    'MAX_TOKENS_EXCEEDED',
  ],
];

describe('hostile queries', () => {
  it.each(hostile)(
    'refuses %s with a code and no upstream call',
    async (_name, build, variables, codes) => {
      tiny.emulator.log.clear();
      const res = await tiny.gw.query(build(), {
        headers: tiny.partner,
        ...(variables ? { variables } : {}),
      });
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.extensions!['code']).toMatch(new RegExp(`^(${codes})$`));
      expect(res.body.errors![0]!.message).not.toMatch(/Syntax Error/);
      expect(tiny.emulator.log.count()).toBe(0);
    },
  );

  it('states the estimate and the limit when the budget is exceeded', async () => {
    const res = await tiny.gw.query(
      'query Wide { topics(first: 20) { nodes { components(first: 20) { nodes { jobs(first: 20) { nodes { id } } } } } } }',
      { headers: tiny.partner },
    );
    const error = res.body.errors![0]!;
    // 1 topic list + 20 component lists + 400 component lookups for their jobs.
    expect(error.extensions).toMatchObject({
      code: 'UPSTREAM_BUDGET_EXCEEDED',
      estimate: 421,
      limit: 200,
    });
    expect(error.message).toContain('421');
    expect(error.message).toContain('200');
  });

  it('keeps serving normal queries while hostile ones are refused', async () => {
    tiny.emulator.log.clear();
    const normal = () => tiny.gw.query(JOIN_QUERY, { headers: tiny.partner });
    const attacks = hostile.map(
      ([, build, variables]) =>
        () =>
          tiny.gw.query(build(), { headers: tiny.partner, ...(variables ? { variables } : {}) }),
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, () => [normal(), ...attacks.map((a) => a())]).flat(),
    );
    const served = results.filter((r) => r.body.data && !r.body.errors);
    const refused = results.filter((r) => r.body.data === undefined);
    expect(served).toHaveLength(4);
    expect(refused).toHaveLength(4 * hostile.length);
    const topics = (served[0]!.body.data!['topics'] as { nodes: unknown[] }).nodes;
    expect(topics.length).toBeGreaterThan(0);
    // Only the normal queries reached DCI.
    expect(tiny.emulator.log.count()).toBeGreaterThan(0);
  });

  it('accepts the example query within every default limit', async () => {
    const res = await tiny.gw.query(JOIN_QUERY, { headers: tiny.partner });
    expect(res.body.errors).toBeUndefined();
  });
});

describe('request body limit', () => {
  it('answers 413 to a declared body above the limit without reading it', async () => {
    const small = buildGateway({ dciUrl: tiny.emulator.url }, { limits: { bodyLimitBytes: 1024 } });
    const body = JSON.stringify({ query: `{ version } # ${'x'.repeat(4096)}` });
    const res = await small.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('checks a body read at once against the limit too, whatever Content-Length declared', async () => {
    const small = buildGateway({ dciUrl: tiny.emulator.url }, { limits: { bodyLimitBytes: 1024 } });
    const body = JSON.stringify({ query: `{ version } # ${'x'.repeat(4096)}` });
    const res = await small.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100' },
      body,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stops reading a streamed body at the limit', async () => {
    const small = buildGateway({ dciUrl: tiny.emulator.url }, { limits: { bodyLimitBytes: 1024 } });
    const chunk = new TextEncoder().encode(`{"query":"{ version }","x":"${'y'.repeat(600)}`);
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls > 1000) controller.close();
        else controller.enqueue(chunk.slice(0, 600));
      },
    });
    const res = await small.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(pulls).toBeLessThan(10);
  });

  // The gateway's own parsers are the only readers of a body (Yoga's second, stream-piping
  // limit is off): a media type none of them parses is refused without reading the stream.
  it.each(['application/octet-stream', 'multipart/form-data; boundary=x'])(
    'refuses a %s body with 415 without reading it',
    async (type) => {
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulls += 1;
          if (pulls > 1000) controller.close();
          else controller.enqueue(new Uint8Array(65536));
        },
      });
      const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': type, 'x-graphql-yoga-csrf': '1' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(415);
      expect(pulls).toBeLessThan(3);
    },
  );

  it('accepts bodies under the limit', async () => {
    const res = await tiny.gw.query('{ version }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ version: expect.any(String) });
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET query without a preflight header', async () => {
    const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql?query=%7Bversion%7D');
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
  });

  it('refuses a form-encoded POST (a cross-site form)', async () => {
    const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7Bversion%7D',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a text/plain POST', async () => {
    const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ version }' }),
    });
    expect(res.status).toBe(403);
  });

  it('serves a GET query carrying X-GraphQL-Yoga-CSRF', async () => {
    const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql?query=%7Bversion%7D', {
      headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.version).toEqual(expect.any(String));
  });

  it('serves a JSON POST', async () => {
    expect((await tiny.gw.query('{ version }')).status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (g: TestGateway, origin: string) =>
    g.gateway.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('sends no CORS headers by default', async () => {
    const res = await preflight(tiny.gw, 'https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const g = buildGateway(
      { dciUrl: tiny.emulator.url },
      { corsOrigins: ['https://dash.example'] },
    );
    const ok = await preflight(g, 'https://dash.example');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-dci-api-secret');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const evil = await preflight(g, 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const res = await g.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { origin: 'https://dash.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ version }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('allows any origin with *', async () => {
    const g = buildGateway({ dciUrl: tiny.emulator.url }, { corsOrigins: ['*'] });
    const res = await preflight(g, 'https://anyone.example');
    // Yoga reflects the origin for `*`; without credentials that is the same as `*`.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('errors', () => {
  it('hides field suggestions in production', async () => {
    const res = await tiny.gw.query('{ versio }');
    expect(res.body.errors![0]!.message).not.toMatch(/Did you mean/);
    expect(res.body.errors![0]!.extensions!['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('hides enum value suggestions in production', async () => {
    const res = await tiny.gw.query(
      'query Q($s: JobStatus) { jobs(first: 1, filter: { status: { eq: $s } }) { totalCount } }',
      {
        headers: tiny.partner,
        variables: { s: 'succes' },
      },
    );
    expect(res.body.errors![0]!.message).not.toMatch(/Did you mean/);
    expect(res.body.errors![0]!.extensions!['code']).toEqual(expect.any(String));
  });

  it('keeps suggestions outside production', async () => {
    const dev = buildGateway({ dciUrl: tiny.emulator.url });
    const res = await dev.query('{ versio }');
    expect(res.body.errors![0]!.message).toMatch(/Did you mean/);
  });

  it('gives a code to parse errors', async () => {
    const res = await tiny.gw.query('{ version ');
    expect(res.body.errors![0]!.extensions!['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('masks unexpected errors without stack or upstream URL', async () => {
    // A DCI that is not there: the network error is coded; nothing names the URL.
    const down = buildGateway({ dciUrl: 'http://127.0.0.1:9' }, { production: true });
    const res = await down.query('{ topics(first: 1) { totalCount } }', { headers: tiny.partner });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('127.0.0.1:9');
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    for (const error of res.body.errors ?? [])
      expect(error.extensions?.['code']).toEqual(expect.any(String));
  });
});

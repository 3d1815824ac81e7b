/**
 * Client mistakes that used to overflow a stack (deep documents, deep variables, deep JSON)
 * or crash a parser (malformed JSON in a GET) are answered with a client code and a 4xx,
 * before any DCI request.
 */
import { describe, expect, it } from 'vitest';
import { documentNesting, valueDepth } from '../../src/plugins/input-bounds.js';
import { partnerTopic } from '../mutations/helpers.js';
import { useTinyGateway } from './helpers.js';

/** `{"key": {"key": ... leaf}}` nested `depth` objects deep. */
function nestedObject(depth: number, key: string, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

/**
 * The same as JSON text, built without JSON.stringify (which recurses, and would overflow the
 * test's own stack): `{"key":{"key":...leaf}}`, or with `list` `{"key":[{"key":[...]}]}`.
 */
function nestedJson(depth: number, key: string, leaf: string, list = false): string {
  const open = list ? `{"${key}":[` : `{"${key}":`;
  const close = list ? ']}' : '}';
  return `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
}

describe('documentNesting', () => {
  it.each([
    ['{ version }', 1, 0],
    ['query { topics(first: 1) { nodes { id } } }', 3, 0],
    ['{ jobs(filter: { not: { status: { eq: SUCCESS } } }) { totalCount } }', 2, 3],
    ['query ($ids: [[ID!]!]) { version }', 1, 2],
    ['{ a(s: "{{{{ [[[[ ((((") }', 1, 0],
    ['{ a(s: """ {{{{ \\""" [[[[ """) }', 1, 0],
    ['{ a # {{{{ [[[[\n }', 1, 0],
    ['{ ... on Query { ... on Query { version } } }', 3, 0],
  ])('measures %s', (source, selections, values) => {
    expect(documentNesting(source)).toEqual({ selections, values });
  });

  it('scans a 100,000-deep document without recursion', () => {
    const deep = `${'{a'.repeat(100_000)}${'}'.repeat(100_000)}`;
    expect(documentNesting(deep).selections).toBe(100_000);
  });
});

describe('valueDepth', () => {
  it.each([
    [null, 0],
    ['x', 0],
    [{}, 1],
    [[1, [2, [3]]], 3],
    [{ a: 1, b: { c: [{}] } }, 4],
  ])('measures %j', (value, depth) => {
    expect(valueDepth(value, 10)).toBe(depth);
  });

  it('stops one level past the limit', () => {
    expect(valueDepth(nestedObject(100_000, 'not', 1), 32)).toBe(33);
  });
});

describe('deep input over HTTP', () => {
  const tiny = useTinyGateway({}, { production: true });

  /** POSTs a body given as JSON text. */
  const post = async (body: string) => {
    const res = await tiny.gw.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tiny.partner },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        data?: unknown;
        errors?: { extensions?: Record<string, unknown> }[];
      },
    };
  };
  const JOBS = 'query ($f: JobFilter) { jobs(filter: $f, first: 1) { totalCount } }';

  it.each([
    ['5,000 nested `not`', nestedJson(5000, 'not', '{"status":{"eq":"SUCCESS"}}')],
    ['3,000 nested `and` lists', nestedJson(3000, 'and', '{"name":{"eq":"x"}}', true)],
  ])('refuses a filter variable of %s with 400 and no DCI request', async (_name, f) => {
    tiny.emulator.log.clear();
    const res = await post(`{"query":${JSON.stringify(JOBS)},"variables":{"f":${f}}}`);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0]!.extensions!['code']).toBe('MAX_INPUT_DEPTH_EXCEEDED');
    expect(tiny.emulator.log.count()).toBe(0);
  });

  const refusals: [string, () => { query: string; variables?: Record<string, unknown> }, string][] =
    [
      [
        'a literal filter of 40 nested `not`',
        () => ({
          query: `{ jobs(filter: ${'{ not: '.repeat(40)}{ name: { eq: "x" } }${' }'.repeat(40)}) { totalCount } }`,
        }),
        'MAX_INPUT_DEPTH_EXCEEDED',
      ],
      [
        'a document of 2,000 nested selections',
        () => ({ query: `${'{a'.repeat(2000)}${'}'.repeat(2000)}` }),
        'MAX_DEPTH_EXCEEDED',
      ],
      [
        'a document of 20,000 nested list values',
        () => ({ query: `{ jobs(filter: ${'['.repeat(20_000)}) { id } }` }),
        'MAX_INPUT_DEPTH_EXCEEDED',
      ],
    ];

  it.each(refusals)('refuses %s with 400 and no DCI request', async (_name, build, code) => {
    tiny.emulator.log.clear();
    const { query, variables } = build();
    const res = await tiny.gw.query(query, {
      headers: tiny.partner,
      ...(variables ? { variables } : {}),
    });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0]!.extensions!['code']).toBe(code);
    expect(tiny.emulator.log.count()).toBe(0);
  });

  it('refuses a createJob whose data nests 9,000 deep, creating nothing', async () => {
    const { topic } = partnerTopic(tiny.emulator);
    tiny.emulator.log.clear();
    const query = 'mutation ($input: CreateJobInput!) { createJob(input: $input) { job { id } } }';
    const input = `{"topicId":"${topic.id}","componentIds":[],"data":${nestedJson(9000, 'a', '1')}}`;
    const res = await post(`{"query":${JSON.stringify(query)},"variables":{"input":${input}}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!['code']).toBe('MAX_INPUT_DEPTH_EXCEEDED');
    expect(tiny.emulator.log.count()).toBe(0);
  });

  it('accepts input nested within the limit', async () => {
    const f = nestedObject(20, 'not', { status: { eq: 'SUCCESS' } });
    const res = await tiny.gw.query(JOBS, { headers: tiny.partner, variables: { f } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toHaveProperty('jobs.totalCount');
  });

  it('answers malformed JSON variables in a GET with 400 BAD_REQUEST', async () => {
    const res = await tiny.gw.gateway.fetch(
      'http://gateway.test/graphql?query={version}&variables={nope',
      { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('still serves a GET with valid variables', async () => {
    const q = encodeURIComponent('query ($n: Int) { jobs(first: $n) { totalCount } }');
    const res = await tiny.gw.gateway.fetch(
      `http://gateway.test/graphql?query=${q}&variables=${encodeURIComponent('{"n":1}')}`,
      { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json', ...tiny.partner } },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { jobs: { totalCount: number } } };
    expect(body.data.jobs.totalCount).toBeGreaterThan(0);
  });
});

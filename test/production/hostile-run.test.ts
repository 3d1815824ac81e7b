/**
 * A generated run of several hundred hostile or malformed requests through `yoga.fetch`:
 * none crashes the gateway, none is answered as an internal error, and none of those that must
 * be refused sends anything to DCI.
 */
import { describe, expect, it } from 'vitest';
import { fanOut, useTinyGateway } from './helpers.js';

/** One generated request: a POST body (JSON text) or a GET query string. */
interface Case {
  name: string;
  post?: string;
  get?: string;
}

const FORBIDDEN_CHARS = [',', '(', ')', '*', "'", '@', '+', '#', '=', 'é', ' lead'];
const STRING_FILTERS: [string, string][] = [
  ['jobs', 'name'],
  ['jobs', 'comment'],
  ['jobs', 'configuration'],
  ['components', 'version'],
  ['components', 'type'],
  ['topics', 'name'],
  ['products', 'label'],
  ['teams', 'country'],
];

const body = (query: string, variables?: string) =>
  `{"query":${JSON.stringify(query)}${variables ? `,"variables":${variables}` : ''}}`;
const nestedJson = (depth: number, open: string, leaf: string, close: string) =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

/** Every generated case; each must be refused before any DCI request. */
function generate(): Case[] {
  const cases: Case[] = [];
  for (const levels of [16, 18, 20, 24, 30, 40]) {
    for (const leaf of ['version', 'topics(first: 1) { nodes { id } }', 'me { id }']) {
      cases.push({ name: `fan-out ${levels} of ${leaf}`, post: body(fanOut(levels, leaf)) });
    }
  }
  for (const depth of [30, 100, 500, 2000, 10_000]) {
    cases.push({
      name: `{a nested ${depth}`,
      post: body(`${'{a'.repeat(depth)}${'}'.repeat(depth)}`),
    });
    cases.push({
      name: `inline fragments nested ${depth}`,
      post: body(`{${'... on Query {'.repeat(depth)} version ${'}'.repeat(depth)}}`),
    });
    cases.push({
      name: `list literal nested ${depth}`,
      post: body(`{ jobs(filter: ${'['.repeat(depth)}${']'.repeat(depth)}) { id } }`),
    });
    cases.push({
      name: `object literal nested ${depth}`,
      post: body(`{ jobs(filter: ${'{not: '.repeat(depth)}{}${'}'.repeat(depth)}) { id } }`),
    });
    cases.push({
      name: `variable type nested ${depth}`,
      post: body(`query ($v: ${'['.repeat(depth)}Int${']'.repeat(depth)}) { version }`),
    });
  }
  const jobs = 'query ($f: JobFilter) { jobs(filter: $f) { totalCount } }';
  for (const depth of [33, 100, 1000, 5000, 20_000]) {
    cases.push({
      name: `not variable ${depth}`,
      post: body(jobs, `{"f":${nestedJson(depth, '{"not":', '{}', '}')}}`),
    });
    cases.push({
      name: `and variable ${depth}`,
      post: body(jobs, `{"f":${nestedJson(depth, '{"and":[', '{}', ']}')}}`),
    });
    cases.push({
      name: `or variable ${depth}`,
      post: body(jobs, `{"f":${nestedJson(depth, '{"or":[', '{}', ']}')}}`),
    });
    cases.push({
      name: `createJob data ${depth}`,
      post: body(
        'mutation ($i: CreateJobInput!) { createJob(input: $i) { job { id } } }',
        `{"i":{"topicId":"00000000-0000-0000-0000-000000000000","componentIds":[],"data":${nestedJson(depth, '{"a":', '1', '}')}}}`,
      ),
    });
  }
  for (const [list, field] of STRING_FILTERS) {
    for (const c of FORBIDDEN_CHARS) {
      for (const op of ['eq', 'like', 'ne']) {
        const value = c === ' lead' ? ' lead' : `a${c}b`;
        cases.push({
          name: `${list}.${field} ${op} ${JSON.stringify(value)} nested`,
          post: body(
            `query ($v: String) { topics(first: 1) { nodes { id } } ${list}(first: 1, filter: { ${field}: { ${op}: $v } }) { totalCount } }`,
            `{"v":${JSON.stringify(value)}}`,
          ),
        });
      }
    }
  }
  for (const first of [-1, -5, 201, 100_000, 2 ** 31 - 1]) {
    cases.push({
      name: `nested first ${first}`,
      post: body(
        `{ topics(first: 1) { nodes { id components(first: ${first}) { totalCount } } } }`,
      ),
    });
    cases.push({
      name: `nested first $n = ${first}`,
      post: body(
        'query ($n: Int) { jobs(first: 1) { nodes { id files(first: $n) { totalCount } } } }',
        `{"n":${first}}`,
      ),
    });
  }
  for (const cursor of ['nope', '', 'Y3Vyc29yOnYxOi0x', 'Y3Vyc29yOnYyOng6eTp6', '%%%']) {
    cases.push({
      name: `nested after ${JSON.stringify(cursor)}`,
      post: body(
        `{ products(first: 1) { nodes { topics(after: ${JSON.stringify(cursor)}) { totalCount } } } }`,
      ),
    });
  }
  for (const n of [51, 200]) {
    const values = Array.from({ length: n }, (_, i) => `"value-${i}-${'x'.repeat(40)}"`);
    cases.push({
      name: `in with ${n} long values`,
      post: body(`{ jobs(filter: { name: { in: [${values.join(',')}] } }) { totalCount } }`),
    });
  }
  const valid = '{ topics(first: 1) { nodes { id name } } }';
  for (let cut = 1; cut < valid.length; cut += 2) {
    cases.push({ name: `truncated document at ${cut}`, post: body(valid.slice(0, cut)) });
  }
  for (const text of [
    '{',
    '[]',
    '"query"',
    '{"query": 1}',
    '{"query": "{ version }", "variables": 7}',
    '{"query": "{ version }", "variables": "x"}',
    '{"query": "{ nope }"}',
    '{"query": "{ topics { nodes { nope } } }"}',
    '{"query": "{ version }", "operationName": "Missing"}',
    '{"query": "query A { version } query B { version }"}',
    '{"query": "query ($n: Int!) { jobs(first: $n) { totalCount } }"}',
    '{"query": "query ($n: Int) { jobs(first: $n) { totalCount } }", "variables": {"n": "ten"}}',
    '{"query": "query ($f: JobFilter) { jobs(filter: $f) { totalCount } }", "variables": {"f": {"nope": 1}}}',
    '{"query": "{ job(id: 1) { files(first: -1) { totalCount } } }"}',
    `{"query": "{ ${'version '.repeat(6000)} }"}`,
    `{"query": "{ ${Array.from({ length: 100 }, (_, i) => `a${i}: version`).join(' ')} }"}`,
  ]) {
    cases.push({ name: `malformed body ${text.slice(0, 60)}`, post: text });
  }
  for (const variables of ['{nope', '[', '"', '{"a":', 'null}', '%7B']) {
    cases.push({
      name: `GET variables ${variables}`,
      get: `query=${encodeURIComponent('{ version }')}&variables=${encodeURIComponent(variables)}`,
    });
    cases.push({
      name: `GET extensions ${variables}`,
      get: `query=${encodeURIComponent('{ version }')}&extensions=${encodeURIComponent(variables)}`,
    });
  }
  cases.push({ name: 'GET without query', get: '' });
  cases.push({ name: 'GET deep document', get: `query=${'{a'.repeat(3000)}` });
  return cases;
}

const tiny = useTinyGateway({}, { production: true });

describe('a hostile-input run', () => {
  it('refuses several hundred generated cases with client codes, sending nothing to DCI', async () => {
    const cases = generate();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    for (const c of cases) {
      tiny.emulator.log.clear();
      const res = c.post
        ? await tiny.gw.gateway.fetch('http://gateway.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...tiny.partner },
            body: c.post,
          })
        : await tiny.gw.gateway.fetch(`http://gateway.test/graphql?${c.get}`, {
            headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1', ...tiny.partner },
          });
      const text = await res.text();
      let parsed: { errors?: { extensions?: { code?: string } }[] } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        failures.push(`${c.name}: not JSON (${res.status})`);
        continue;
      }
      const codes = (parsed.errors ?? []).map((e) => e.extensions?.code);
      if (res.status >= 500) failures.push(`${c.name}: HTTP ${res.status}`);
      if (codes.length === 0) failures.push(`${c.name}: not refused`);
      if (codes.some((code) => !code || code === 'INTERNAL_SERVER_ERROR')) {
        failures.push(`${c.name}: ${codes.join(',')}`);
      }
      if (tiny.emulator.log.count() > 0)
        failures.push(`${c.name}: ${tiny.emulator.log.count()} DCI requests`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

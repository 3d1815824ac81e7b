import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  estimateUpstreamRequests,
  findOversizedFirst,
} from '../../src/plugins/upstream-estimate.js';
import { loadTypeDefs } from '../../src/server.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
const estimate = (query: string, variables?: Record<string, unknown>) =>
  estimateUpstreamRequests(schema, parse(query), { variables });

describe('estimateUpstreamRequests', () => {
  it.each([
    ['a scalar root field', '{ version }', 0],
    ['introspection', '{ __schema { types { name } } }', 0],
    ['one root list', '{ jobs(first: 50) { nodes { id name } } }', 1],
    ['a by-id root field', '{ topic(id: "x") { id name } }', 1],
    // 1 list + ceil(50/50) topic lookup + ceil(50/50) team lookup.
    ['by-id relations of a page', '{ jobs(first: 50) { nodes { topic { id } team { id } } } }', 3],
    ['by-id relations of a bigger page', '{ jobs(first: 120) { nodes { topic { id } } } }', 4],
    // 1 + 3 component lists + 9 job lists.
    [
      'the topic -> components -> jobs join',
      '{ topics(first: 3) { nodes { components(first: 3) { nodes { jobs(first: 5) { nodes { id } } } } } } }',
      13,
    ],
    [
      'a per-parent field with the default page size',
      '{ topics { nodes { jobs { nodes { id } } } } }',
      21,
    ],
    [
      'edges as well as nodes',
      '{ topics(first: 2) { edges { node { components(first: 2) { totalCount } } } } }',
      3,
    ],
    [
      'job sub-resources',
      '{ jobs(first: 10) { nodes { jobstates { id } files { nodes { id } } } } }',
      21,
    ],
    // 1 + 2 x 9 counts + 2 x (1 list + 3 details) + 1 batched component lookup.
    [
      'job statistics and coverage',
      '{ topics(first: 2) { nodes { jobStats { total } coverage(componentType: "ocp", last: 3) { component { name } } } } }',
      28,
    ],
    // 1 + one /stats read shared by every topic, a component's stats from its detail.
    [
      'DCI statistics and component statistics',
      '{ topics(first: 5) { nodes { latestJobsByRemoteci { status } components(first: 2) { nodes { jobStats { total } } } } } }',
      17,
    ],
    // 1 + 1 results list + 20 JUnit downloads (default page of results) + 1 file content.
    [
      'test cases and file contents',
      '{ job(id: "x") { results { testCases { totalCount } } files(first: 1) { nodes { content { text } } } } }',
      24,
    ],
  ])('counts %s', (_name, query, expected) => {
    expect(estimate(query)).toBe(expected);
  });

  it('follows fragments and inline fragments', () => {
    const query = `
      query { topics(first: 4) { nodes { ...T } } }
      fragment T on Topic { ... on Topic { components(first: 2) { nodes { id } } } }`;
    expect(estimate(query)).toBe(5);
  });

  it('reads page sizes from variables and their defaults', () => {
    const query =
      'query($n: Int = 7) { topics(first: $n) { nodes { jobs(first: 1) { totalCount } } } }';
    expect(estimate(query)).toBe(8);
    expect(estimate(query, { n: 30 })).toBe(31);
  });

  it('counts one request per by-id lookup when loaders do not batch', () => {
    const doc = parse('{ jobs(first: 50) { nodes { topic { id } } } }');
    expect(estimateUpstreamRequests(schema, doc, { idsPerBatch: 1 })).toBe(51);
  });

  it('ignores fields the schema does not know (validation reports them)', () => {
    expect(estimate('{ nope { id } jobs(first: 1) { nodes { id } } }')).toBe(1);
  });
});

describe('findOversizedFirst', () => {
  it('finds a literal, a variable and a variable default above the cap', () => {
    expect(findOversizedFirst(parse('{ jobs(first: 201) { totalCount } }'), 200)).toEqual({
      path: 'jobs',
      value: 201,
    });
    expect(
      findOversizedFirst(parse('query($n: Int) { j: jobs(first: $n) { totalCount } }'), 200, {
        variables: { n: 1e6 },
      }),
    ).toEqual({ path: 'j', value: 1e6 });
    expect(
      findOversizedFirst(parse('query($n: Int = 999) { jobs(first: $n) { totalCount } }'), 200),
    ).toEqual({ path: 'jobs', value: 999 });
  });

  it('accepts page sizes within the cap', () => {
    expect(findOversizedFirst(parse('{ jobs(first: 200) { totalCount } }'), 200)).toBeNull();
  });

  it('looks inside fragments', () => {
    const doc = parse(
      '{ topics(first: 1) { ...F } } fragment F on TopicConnection { nodes { jobs(first: 500) { totalCount } } }',
    );
    expect(findOversizedFirst(doc, 200)).toEqual({ path: 'topics.nodes.jobs', value: 500 });
  });
});

/**
 * The client's operations are the ones the project documents and measures: the benchmark's
 * scenarios (bench/scenarios.ts) and the README's example queries, field for field. Each is
 * also valid against the published schema, and the published schema is the server's.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, type DocumentNode, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../bench/scenarios.js';
import { loadTypeDefs } from '../../src/server.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** A document's operations by name, printed without their names (names may differ). */
function operations(doc: DocumentNode): Map<string, string> {
  const map = new Map<string, string>();
  for (const def of doc.definitions) {
    if (def.kind !== 'OperationDefinition') continue;
    map.set(def.name?.value ?? '', print({ ...def, name: undefined }));
  }
  return map;
}

const published = buildSchema(read('client/schema.graphql'));

describe('client operations', () => {
  it('include every benchmark scenario, identical', () => {
    const bench = operations(parse(read('client/operations/bench.graphql')));
    for (const scenario of SCENARIOS) {
      const [ours] = operations(parse(scenario.query)).values();
      expect(bench.get(scenario.id), scenario.id).toBe(ours);
    }
  });

  it('include every query of the README, identical', () => {
    const all = read('README.md');
    const readme = all.slice(all.indexOf('\n## Queries'), all.indexOf('\n## Mutations'));
    const fromReadme = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
      .map((m) => parse(m[1]!))
      .flatMap((doc) => [...operations(doc).values()])
      .filter((text) => text.startsWith('query') || text.startsWith('{'));
    const ours = new Set(operations(parse(read('client/operations/readme.graphql'))).values());
    const normalize = (text: string) =>
      print(parse(text.replace(/"…"/g, '$id'))).replace(/^query\s*(\(\$id: ID!\))?\s*/, '');
    const oursNormalized = new Set([...ours].map(normalize));
    expect(fromReadme.length).toBeGreaterThanOrEqual(5);
    for (const text of fromReadme) expect(oursNormalized, text).toContain(normalize(text));
  });

  it('are valid against the published schema', () => {
    for (const file of ['readme', 'bench', 'dashboard']) {
      const errors = validate(published, parse(read(`client/operations/${file}.graphql`)));
      expect(
        errors.map((e) => e.message),
        file,
      ).toEqual([]);
    }
  });

  it('the published schema is the gateway’s schema', () => {
    const server = buildSchema(loadTypeDefs().join('\n'));
    const types = (s: typeof server) =>
      Object.keys(s.getTypeMap())
        .filter((n) => !n.startsWith('__'))
        .sort();
    expect(types(published)).toEqual(types(server));
  });
});

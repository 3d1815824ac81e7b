/**
 * DCI (gunicorn) refuses a request line over 4,094 bytes. The argument check bounds a filter
 * by its request with one parent; a nested list batched over many parents adds an id per
 * parent to that line, so the batch is split to stay within the limit, never sent too long.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_REQUEST_LINE } from '../../src/dci/query.js';
import { compileFilter } from '../../src/filters/condition.js';
import { FILTER_SPECS } from '../../src/filters/specs.js';
import { worstRequestLine } from '../../src/plugins/arguments.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Remote CI names just short of what the argument check accepts for one parent. */
function namesFillingTheLine(): string[] {
  const names: string[] = [];
  const line = (n: string[]) =>
    worstRequestLine(compileFilter({ name: { in: n } }, FILTER_SPECS.remoteci));
  const name = (i: number) => `${'n'.repeat(56)}-${String(i).padStart(2, '0')}`;
  // `in` takes at most 50 values; 59-character names reach the line's end before that.
  for (let i = 0; i < 50 && line([...names, name(i)]) <= MAX_REQUEST_LINE; i++) names.push(name(i));
  expect(line(names)).toBeGreaterThan(MAX_REQUEST_LINE - 100);
  return names;
}

it('splits a nested batch whose parents would take the request line past 4 KB', async () => {
  const names = namesFillingTheLine();
  const q = `query($names: [String!]) {
    teams(first: 20) { nodes { id remotecis(first: 2, filter: { name: { in: $names } }) { totalCount } } }
  }`;
  h.emulator.log.clear();
  const r = await h.query('admin', q, { names });
  expect(r.errors).toBeUndefined();
  const teams = (r.data as { teams: { nodes: { remotecis: { totalCount: number } }[] } }).teams;
  expect(teams.nodes.length).toBeGreaterThan(2);
  for (const team of teams.nodes) expect(team.remotecis.totalCount).toBe(0);
  const lists = h.emulator.log.entries().filter((e) => e.route === '/remotecis');
  // Split, and still batched: fewer requests than parents.
  expect(lists.length).toBeGreaterThan(1);
  expect(lists.length).toBeLessThan(teams.nodes.length);
  expect(h.emulator.log.entries().every((e) => e.status < 400)).toBe(true);
});

it('keeps one request for every parent when the filter is short', async () => {
  const q = `{ teams(first: 20) { nodes { remotecis(first: 2, filter: { name: { eq: "x" } }) { totalCount } } } }`;
  h.emulator.log.clear();
  const r = await h.query('admin', q);
  expect(r.errors).toBeUndefined();
  expect(h.emulator.log.entries().filter((e) => e.route === '/remotecis')).toHaveLength(1);
});

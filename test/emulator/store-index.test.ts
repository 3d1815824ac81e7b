import { describe, expect, it } from 'vitest';
import { groupBy, VersionedMap } from '../../src/emulator/store-access.js';

interface Row {
  id: string;
  job_id: string;
}

const row = (id: string, job_id: string): Row => ({ id, job_id });

describe('groupBy indexes over store tables', () => {
  it('reuses the index while a table is unchanged', () => {
    const table = new VersionedMap<string, Row>([['a', row('a', 'j1')]]);
    expect(groupBy(table, 'job_id')).toBe(groupBy(table, 'job_id'));
  });

  it('sees rows set or deleted since the index was built', () => {
    const table = new VersionedMap<string, Row>();
    table.set('a', row('a', 'j1'));
    expect(groupBy(table, 'job_id').get('j1')).toHaveLength(1);
    table.set('b', row('b', 'j1'));
    expect(
      groupBy(table, 'job_id')
        .get('j1')
        ?.map((r) => r.id),
    ).toEqual(['a', 'b']);
    table.delete('a');
    table.set('c', row('c', 'j2'));
    expect(
      groupBy(table, 'job_id')
        .get('j1')
        ?.map((r) => r.id),
    ).toEqual(['b']);
    expect(
      groupBy(table, 'job_id')
        .get('j2')
        ?.map((r) => r.id),
    ).toEqual(['c']);
  });

  it('sees rows pushed onto a link array, and a filtered replacement', () => {
    let links = [row('a', 'j1')];
    expect(groupBy(links, 'job_id').get('j1')).toHaveLength(1);
    links.push(row('b', 'j1'));
    expect(groupBy(links, 'job_id').get('j1')).toHaveLength(2);
    links = links.filter((l) => l.id !== 'a');
    expect(
      groupBy(links, 'job_id')
        .get('j1')
        ?.map((r) => r.id),
    ).toEqual(['b']);
  });
});

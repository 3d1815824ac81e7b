/**
 * Index-driven lists (src/emulator/indexed-list.ts) against the plain scan they replace
 * (`applyListQuery` over the table in order): random filters, sorts and pages over the demo
 * dataset, interleaved with the writes the routes make (status changes, soft deletes, new
 * rows, rows replaced or removed, timestamps changed in place and touched), must give the same
 * page and the same `_meta.count` every time.
 */
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import { type ListSource, listRows } from '../../src/emulator/indexed-list.js';
import { sortedJson } from '../../src/emulator/json.js';
import {
  applyListQuery,
  parseListParams,
  type ResourceSchema,
} from '../../src/emulator/query-language.js';
import { COMPONENT, FILE, JOB, REMOTECI } from '../../src/emulator/routes/schemas.js';
import {
  type ComponentRow,
  type FileRow,
  type JobRow,
  mulberry32,
  type RemoteciRow,
  timestamp,
} from '../../src/emulator/store.js';
import { VersionedMap } from '../../src/emulator/table.js';

const NOW = () => new Date('2026-06-01T12:00:00Z');

/** A seeded source of choices. */
function chooser(seed: number) {
  const next = mulberry32(seed);
  const float = () => next() / 4294967296;
  const int = (n: number) => Math.floor(float() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { float, int, pick };
}
type Chooser = ReturnType<typeof chooser>;

/** The scan the index must agree with: accepted, in-scope rows in table order. */
function scan<T extends object>(
  source: ListSource<T>,
  params: URLSearchParams,
  schema: ResourceSchema,
) {
  const q = parseListParams(params, schema);
  const rows = [...source.table.values()].filter(
    (r) =>
      (!source.scope ||
        source.scope.values.includes(
          String((r as Record<string, unknown>)[source.scope.column]),
        )) &&
      (!source.live || (r as { state?: string }).state !== 'archived') &&
      (source.accept === undefined || source.accept(r)),
  );
  return applyListQuery(rows, q, schema);
}

function indexed<T extends object>(
  source: ListSource<T>,
  params: URLSearchParams,
  schema: ResourceSchema,
) {
  return listRows(source, parseListParams(params, schema), schema);
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** A random DSL condition over job columns, with values taken from the data. */
function jobCondition(c: Chooser, jobs: JobRow[], depth = 0): string {
  const j = c.pick(jobs);
  const leaves = [
    () => `eq(id,${c.float() < 0.2 ? j.id.toUpperCase() : j.id})`,
    () => `eq(team_id,${j.team_id})`,
    () => `eq(topic_id,${j.topic_id})`,
    () => `eq(remoteci_id,${j.remoteci_id})`,
    () => `eq(product_id,${j.product_id})`,
    () => `eq(pipeline_id,${c.pick(jobs.filter((x) => x.pipeline_id)).pipeline_id})`,
    () => `eq(status,${c.pick(['success', 'failure', 'running', 'new', 'error', 'killed'])})`,
    () => `ne(status,success)`,
    () => `eq(name,${j.name})`,
    () => `null(pipeline_id)`,
    () => `ge(created_at,${j.created_at.slice(0, 10)})`,
    // Timestamp ranges, served by the sorted indexes (bounds on existing values: ties).
    () => `ge(updated_at,${j.updated_at})`,
    () => `gt(updated_at,${j.updated_at})`,
    () => `lt(created_at,${j.created_at})`,
    () => `le(created_at,${j.created_at.slice(0, 16)})`,
    () => `eq(created_at,${j.created_at})`,
    () => `and(eq(topic_id,${j.topic_id}),ge(updated_at,${j.updated_at}))`,
    // Equalities on one column: disjoint groups (counted without evaluating the filter).
    () => `or(eq(team_id,${j.team_id}),eq(team_id,${c.pick(jobs).team_id}))`,
    () => `or(eq(status,success),eq(status,${c.pick(['failure', 'success', 'running'])}))`,
    () => `lt(duration,${c.int(15000)})`,
    () => `contains(tags,debug)`,
    () => `ilike(name,%${c.pick(['upgrade', 'daily', 'cert'])}%)`,
  ];
  if (depth < 2 && c.float() < 0.45) {
    const op = c.pick(['and', 'or', 'not']);
    const n = op === 'not' ? 1 : 1 + c.int(3);
    const parts = Array.from({ length: n }, () => jobCondition(c, jobs, depth + 1));
    return `${op}(${parts.join(',')})`;
  }
  return c.pick(leaves)();
}

function jobWhere(c: Chooser, jobs: JobRow[]): string {
  const j = c.pick(jobs);
  const items = [
    `team_id:${j.team_id}`,
    `topic_id:${j.topic_id.toUpperCase()}`,
    `status:${c.pick(['SUCCESS', 'failure', 'running'])}`,
    `remoteci_id:${j.remoteci_id}`,
    `name:${j.name}`,
    `name:${j.name.slice(2, 6)}*`,
    'pipeline_id:',
  ];
  return Array.from({ length: 1 + c.int(2) }, () => c.pick(items)).join(',');
}

const JOB_SORTS = [
  '-created_at',
  'created_at',
  '-created_at,id',
  'created_at,-id',
  '-updated_at,id',
  'updated_at',
  'status,-created_at',
  '-status',
  'name,created_at',
  'pipeline_id,-created_at',
  '-pipeline_id',
  'duration,id',
  'tags',
];

function jobParams(c: Chooser, jobs: JobRow[]): URLSearchParams {
  const p = new URLSearchParams();
  if (c.float() < 0.8) {
    p.set('limit', String(c.pick([1, 3, 20, 50, 200, 500])));
    p.set('offset', String(c.pick([0, 0, 1, 7, 40, 380, 1000])));
  }
  if (c.float() < 0.7) p.set('sort', c.pick(JOB_SORTS));
  const filter = c.float();
  if (filter < 0.45) p.set('query', jobCondition(c, jobs));
  else if (filter < 0.65) p.set('where', jobWhere(c, jobs));
  else if (filter < 0.75) {
    // where overrides query.
    p.set('where', jobWhere(c, jobs));
    p.set('query', jobCondition(c, jobs));
  }
  if (c.float() < 0.1) p.set('created_after', c.pick(jobs).created_at);
  if (c.float() < 0.1) p.set('updated_after', c.pick(jobs).updated_at);
  return p;
}

/** One of the writes the emulator's routes (or tests) make to the jobs table. */
function writeJobs(c: Chooser, table: VersionedMap<string, JobRow>, clock: { ms: number }) {
  const jobs = [...table.values()];
  const j = c.pick(jobs);
  const now = () => {
    clock.ms += 1000;
    return timestamp(new Date(clock.ms), c.int(999));
  };
  switch (c.int(7)) {
    case 0: // a jobstate: new status and updated_at, then touch (what markWritten does)
      j.status = c.pick(['running', 'success', 'failure', 'killed', 'post-run']);
      j.updated_at = now();
      table.touch(j.id);
      break;
    case 1: // soft delete
      j.state = 'archived';
      j.updated_at = now();
      table.touch(j.id);
      break;
    case 2: {
      // a new job, sometimes dated in the past (a clock moved back)
      const created = c.float() < 0.3 ? c.pick(jobs).created_at : now();
      const id = `${c.int(0xffffffff).toString(16).padStart(8, '0')}-0000-4000-8000-${String(table.size).padStart(12, '0')}`;
      table.set(id, { ...j, id, created_at: created, updated_at: created, status: 'new' });
      break;
    }
    case 3: // replaced by a new object under the same id
      table.set(j.id, { ...j, status: 'error', updated_at: now() });
      break;
    case 4: // removed from the table
      table.delete(j.id);
      break;
    case 5: // restored from the archive in place (markWritten touches the row)
      j.state = 'active';
      j.updated_at = now();
      table.touch(j.id);
      break;
    default: // a tie on created_at with another job
      j.created_at = c.pick(jobs).created_at;
      table.touch(j.id);
      break;
  }
}

describe('index-driven lists give exactly the full scan', () => {
  it('on /jobs: random filters, sorts, pages and identities, with writes in between', () => {
    const { store, fixtures } = generateDataset({ seed: 7, size: 'demo', now: NOW });
    const table = store.jobs as VersionedMap<string, JobRow>;
    const c = chooser(11);
    const clock = { ms: NOW().getTime() };
    const partnerTeams = [fixtures.identities.partnerUser.teamId];
    const otherTeams = [fixtures.identities.otherRemoteci.teamId, partnerTeams[0]!];
    let compared = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 400; round++) {
      if (round % 4 === 3) writeJobs(c, table, clock);
      const jobs = [...table.values()];
      const teams = c.pick([null, partnerTeams, otherTeams]);
      // The route's shape (live rows, team scope: counted from the index sizes when
      // unfiltered) or the same visibility as an opaque predicate (counted by testing).
      const source: ListSource<JobRow> =
        c.float() < 0.5
          ? { table, live: true, ...(teams ? { scope: { column: 'team_id', values: teams } } : {}) }
          : {
              table,
              accept: (j) =>
                j.state !== 'archived' && (teams === null || teams.includes(j.team_id)),
              ...(teams ? { scope: { column: 'team_id', values: teams } } : {}),
            };
      const params = jobParams(c, jobs);
      let expected: ReturnType<typeof scan<JobRow>>;
      try {
        expected = scan(source, params, JOB);
      } catch (error) {
        // An invalid request must fail the same way.
        expect(() => indexed(source, params, JOB)).toThrow((error as Error).message);
        continue;
      }
      const got = indexed(source, params, JOB);
      expect({ params: params.toString(), count: got.count, ids: ids(got.rows) }).toEqual({
        params: params.toString(),
        count: expected.count,
        ids: ids(expected.rows),
      });
      compared++;
      if (expected.rows.length > 0) nonEmpty++;
    }
    // The generator must exercise the index, not only empty answers or errors.
    expect(compared).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it("on a topic's components and a job's files, with route scopes", () => {
    const { store } = generateDataset({ seed: 3, size: 'demo', now: NOW });
    const c = chooser(5);
    const components = store.components as VersionedMap<string, ComponentRow>;
    const topics = [...store.topics.keys()];
    const files = store.files as VersionedMap<string, FileRow>;
    const jobs = [...store.jobs.keys()];
    for (let round = 0; round < 200; round++) {
      const p = new URLSearchParams();
      if (c.float() < 0.8) {
        p.set('limit', String(c.pick([1, 5, 20, 200])));
        p.set('offset', String(c.pick([0, 2, 10])));
      }
      if (c.float() < 0.6) {
        p.set(
          'sort',
          c.pick(['-released_at', 'released_at,id', '-created_at', 'type,-released_at', 'tags']),
        );
      }
      const comps = [...components.values()];
      const comp = c.pick(comps);
      if (c.float() < 0.4) {
        p.set(
          'query',
          c.pick([
            `eq(type,${comp.type})`,
            `or(eq(id,${comp.id}),eq(id,${c.pick(comps).id}))`,
            `eq(team_id,${comp.team_id ?? comp.topic_id})`,
            `contains(tags,milestone)`,
            `eq(topic_id,${c.pick(topics)})`,
          ]),
        );
      }
      if (round % 5 === 4) {
        // PUT /components/<id> may move released_at; markWritten touches the row.
        comp.released_at = c.pick(comps).released_at;
        if (c.float() < 0.5) components.touch(comp.id);
      }
      const topic = c.pick(topics);
      const byTopic: ListSource<ComponentRow> = {
        table: components,
        accept: (x) => x.state !== 'archived' && x.team_id === null,
        scope: { column: 'topic_id', values: [topic] },
      };
      const everywhere: ListSource<ComponentRow> = { table: components, accept: () => true };
      for (const source of [byTopic, everywhere]) {
        const expected = scan(source, p, COMPONENT);
        const got = indexed(source, p, COMPONENT);
        expect({ count: got.count, ids: ids(got.rows) }).toEqual({
          count: expected.count,
          ids: ids(expected.rows),
        });
      }
      const job = c.pick(jobs);
      const fp = new URLSearchParams(c.float() < 0.5 ? { sort: 'name,-created_at' } : {});
      const jobFiles: ListSource<FileRow> = {
        table: files,
        accept: (f) => f.state !== 'archived',
        scope: { column: 'job_id', values: [job] },
      };
      expect(ids(indexed(jobFiles, fp, FILE).rows)).toEqual(ids(scan(jobFiles, fp, FILE).rows));
    }
  });
});

describe('index-driven remoteci lists give exactly the full scan', () => {
  it("on /remotecis: batches of ids, names and teams, each caller's teams", () => {
    const { store } = generateDataset({ seed: 4, size: 'demo', now: NOW });
    const c = chooser(9);
    const remotecis = store.remotecis as VersionedMap<string, RemoteciRow>;
    const rows = [...remotecis.values()];
    const teams = [...new Set(rows.map((r) => r.team_id))];
    for (let round = 0; round < 200; round++) {
      const p = new URLSearchParams({ limit: String(c.pick([5, 50, 200])), offset: '0' });
      const batch = Array.from({ length: c.pick([1, 3, 12]) }, () => c.pick(rows).id);
      p.set(
        'query',
        c.pick([
          `or(${batch.map((id) => `eq(id,${id})`).join(',')})`,
          `eq(team_id,${c.pick(teams)})`,
          `eq(name,${c.pick(rows).name})`,
          `and(eq(state,active),or(${batch.map((id) => `eq(id,${id})`).join(',')}))`,
        ]),
      );
      if (c.float() < 0.5) p.set('sort', c.pick(['name', '-created_at', 'team_id,name']));
      if (round % 7 === 6) {
        const r = c.pick(rows);
        r.state = r.state === 'archived' ? 'active' : 'archived';
        remotecis.touch(r.id);
      }
      const mine = [c.pick(teams), c.pick(teams)];
      for (const source of [
        { table: remotecis, live: true },
        { table: remotecis, live: true, scope: { column: 'team_id', values: mine } },
      ] as ListSource<RemoteciRow>[]) {
        const expected = scan(source, p, REMOTECI);
        const got = indexed(source, p, REMOTECI);
        expect({ count: got.count, ids: ids(got.rows) }).toEqual({
          count: expected.count,
          ids: ids(expected.rows),
        });
      }
    }
  });
});

describe('table indexes', () => {
  interface Row {
    id: string;
    k: string | null;
    at: string | null;
  }
  const r = (id: string, k: string | null, at: string | null): Row => ({ id, k, at });

  it('keep hash groups in table order through set, replace, touch and delete', () => {
    const t = new VersionedMap<string, Row>([
      ['a', r('a', 'x', null)],
      ['b', r('b', 'y', null)],
    ]);
    const index = t.hashIndex('k');
    t.set('c', r('c', 'x', null));
    expect(index.get('x').map((x) => x.id)).toEqual(['a', 'c']);
    // b moves into group x, between a and c (its place in table order).
    t.get('b')!.k = 'x';
    t.touch('b');
    expect(index.get('x').map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(index.get('y')).toEqual([]);
    t.set('a', r('a', 'z', null));
    expect(index.get('x').map((x) => x.id)).toEqual(['b', 'c']);
    t.delete('c');
    expect(index.get('x').map((x) => x.id)).toEqual(['b']);
    expect(t.ordinalOf('a')).toBeLessThan(t.ordinalOf('b'));
  });

  it('order a sorted index by timestamp, NULLs and unparseable values last, ties in table order', () => {
    const t = new VersionedMap<string, Row>();
    t.set('a', r('a', null, '2024-01-02T00:00:00'));
    t.set('b', r('b', null, null));
    t.set('c', r('c', null, '2024-01-01T00:00:00.5'));
    t.set('d', r('d', null, '2024-01-02T00:00:00.000000'));
    t.set('e', r('e', null, 'not a date'));
    const index = t.sortedIndex('at');
    expect(index.entries.map((e) => e.row.id)).toEqual(['c', 'a', 'd', 'b', 'e']);
    t.set('f', r('f', null, '2023-12-31T00:00:00'));
    t.delete('a');
    expect(index.entries.map((e) => e.row.id)).toEqual(['f', 'c', 'd', 'b', 'e']);
  });
});

describe('sortedJson', () => {
  const reference = (value: unknown) =>
    JSON.stringify(value, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) out[k] = (v as Record<string, unknown>)[k];
      return out;
    });

  it("writes what JSON.stringify writes, with every object's keys sorted", () => {
    const c = chooser(9);
    const random = (depth: number): unknown => {
      const kind = c.int(depth > 3 ? 5 : 8);
      if (kind === 0) return c.pick(['', 'é"\\\n\u2028', 'plain']);
      if (kind === 1) return c.pick([0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21]);
      if (kind === 2) return c.pick([true, false, null]);
      if (kind === 3) return c.pick([undefined, () => 1, new Date(0)]);
      if (kind === 4) return { toJSON: () => ({ z: 1, a: [2] }) };
      if (kind === 5) return Array.from({ length: c.int(4) }, () => random(depth + 1));
      const keys = ['b', 'a', 'data', 'Z', '_meta', 'id', '10', '2'];
      const out: Record<string, unknown> = {};
      for (let i = c.int(6); i > 0; i--) out[c.pick(keys)] = random(depth + 1);
      return out;
    };
    for (let i = 0; i < 300; i++) {
      const value = random(0);
      expect(sortedJson(value)).toBe(reference(value));
    }
  });
});

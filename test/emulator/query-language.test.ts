import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/emulator/errors.js';
import { parseDsl } from '../../src/emulator/query-dsl.js';
import {
  applyListQuery,
  compileQuery,
  JOB_STATUS_ENUM,
  type ListQuery,
  matchesQuery,
  matchesWhere,
  normalizeTimestamp,
  parseAfter,
  parseListParams,
  type ResourceSchema,
  STATE_ENUM,
} from '../../src/emulator/query-language.js';

const TOPIC_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const TOPIC_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const PIPELINE = 'cccccccc-0000-4000-8000-000000000003';

const jobs: ResourceSchema = {
  columns: {
    id: 'uuid',
    created_at: 'datetime',
    updated_at: 'datetime',
    name: 'string',
    comment: 'string',
    status: 'string',
    state: 'string',
    tags: 'array',
    topic_id: 'uuid',
    pipeline_id: 'uuid',
    duration: 'int',
    data: 'json',
  },
  defaultSort: '-created_at',
  enums: { status: JOB_STATUS_ENUM, state: STATE_ENUM },
};
/** The same columns without enum information. */
const plainJobs: ResourceSchema = { ...jobs, enums: {} };

interface Job {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  comment: string | null;
  status: string;
  state: string;
  tags: string[];
  topic_id: string;
  pipeline_id: string | null;
  duration: number;
  data: Record<string, unknown>;
}

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const rows: Job[] = [
  {
    id: id(1),
    created_at: '2026-11-23T10:00:05',
    updated_at: '2026-11-23T12:00:00',
    name: 'job-create',
    comment: '',
    status: 'success',
    state: 'active',
    tags: ['build:ga', 'daily'],
    topic_id: TOPIC_A,
    pipeline_id: null,
    duration: 100,
    data: {},
  },
  {
    id: id(2),
    created_at: '2026-11-23T10:00:05.000001',
    updated_at: '2026-11-23T10:00:05.000001',
    name: 'My-Job-1',
    comment: 'Invalid tasks',
    status: 'failure',
    state: 'active',
    tags: ['Daily'],
    topic_id: TOPIC_A,
    pipeline_id: PIPELINE,
    duration: 30,
    data: {},
  },
  {
    id: id(3),
    created_at: '2026-11-22T08:30:00.5',
    updated_at: '2026-11-22T08:30:00.5',
    name: 'other',
    comment: null,
    status: 'running',
    state: 'inactive',
    tags: [],
    topic_id: TOPIC_B,
    pipeline_id: PIPELINE,
    duration: 7,
    data: {},
  },
  {
    id: id(4),
    created_at: '2026-11-24T00:00:00',
    updated_at: '2026-11-24T00:00:00',
    name: 'a|b*c',
    comment: 'x',
    status: 'new',
    state: 'active',
    tags: ['a|b'],
    topic_id: TOPIC_B,
    pipeline_id: null,
    duration: 0,
    data: {},
  },
];

const params = (qs: string) => new URLSearchParams(qs);

/** Parses `qs` against the jobs schema and returns the ids of the page, in order. */
function list(qs: string, schema: ResourceSchema = jobs, paginated = true): string[] {
  const q = parseListParams(params(qs), schema, { paginated });
  return applyListQuery(rows, q, schema).rows.map((r) => r.id);
}

/** Runs `fn` and returns the EmulatorError it throws. */
function failure(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EmulatorError) return e;
    throw e;
  }
  throw new Error('expected an EmulatorError');
}

const fail = (qs: string, schema: ResourceSchema = jobs) =>
  failure(() => parseListParams(params(qs), schema));

const ALL_COLUMNS = Object.keys(jobs.columns).sort();

describe('accepted parameters', () => {
  it('accepts every documented parameter, embed included', () => {
    expect(
      list('limit=5&offset=0&sort=name&where=state:active&query=eq(name,x)&embed=topic'),
    ).toEqual([id(4), id(1), id(2)]);
  });

  it.each([
    ['foo=1', "Additional properties are not allowed ('foo' was unexpected)"],
    ['foo=1&bar=2', "Additional properties are not allowed ('foo', 'bar' were unexpected)"],
    ['page=2&limit=5&offset=0', "Additional properties are not allowed ('page' was unexpected)"],
  ])('rejects %s with a Request malformed payload', (qs, error) => {
    const e = fail(qs);
    expect(e.status).toBe(400);
    expect(e.message).toBe('Request malformed');
    expect(e.payload).toEqual({ error, errors: [error] });
    expect(e.html).toBe(false);
  });

  it('reports every schema error at once, sorted', () => {
    const e = fail('limit=0&foo=1');
    expect(e.payload['errors']).toEqual([
      "'offset' is a required property",
      "Additional properties are not allowed ('foo' was unexpected)",
      "limit: '0' is not a positive integer",
    ]);
    expect(e.payload['error']).toBe("'offset' is a required property");
  });

  it('ignores embed entirely', () => {
    expect(list('embed=nonsense,!!')).toEqual(list(''));
  });
});

describe('repeated parameters', () => {
  it.each([
    ['where=name:other&where=name:job-create', [id(3)]],
    ['sort=duration&sort=-duration', [id(4), id(3), id(2), id(1)]],
    ['limit=1&offset=0&limit=3', [id(4)]],
  ])('uses the first value of %s', (qs, expected) => {
    expect(list(qs)).toEqual(expected);
  });
});

describe('limit and offset', () => {
  it('defaults to 20 rows from offset 0', () => {
    const q = parseListParams(params(''), jobs);
    expect([q.limit, q.offset]).toEqual([20, 0]);
  });

  it.each([
    ['limit=2&offset=0', [id(4), id(2)]],
    ['limit=2&offset=1', [id(2), id(1)]],
    ['limit=2&offset=3', [id(3)]],
    ['limit=2&offset=10', []],
    ['limit=7&offset=00', [id(4), id(2), id(1), id(3)]],
  ])('pages %s', (qs, expected) => {
    expect(list(qs)).toEqual(expected);
  });

  it.each([
    ['limit=201&offset=0', 200],
    ['limit=100000&offset=0', 200],
    ['limit=200&offset=0', 200],
  ])('caps %s silently at 200', (qs, limit) => {
    expect(parseListParams(params(qs), jobs).limit).toBe(limit);
  });

  it.each([
    ['limit=5', "'offset' is a required property"],
    ['offset=5', "'limit' is a required property"],
    ['limit=0&offset=0', "limit: '0' is not a positive integer"],
    ['limit=-1&offset=0', "limit: '-1' is not a positive integer"],
    ['limit=abc&offset=0', "limit: 'abc' is not a positive integer"],
    ['limit=1.5&offset=0', "limit: '1.5' is not a positive integer"],
    ['limit=&offset=0', "limit: '' is not a positive integer"],
    ['limit=5&offset=-1', "offset: '-1' is not a positive or null integer"],
    ['limit=5&offset=x', "offset: 'x' is not a positive or null integer"],
    ['limit=007&offset=0', "limit: '007' is not a positive integer"],
  ])('rejects %s', (qs, error) => {
    const e = fail(qs);
    expect(e.status).toBe(400);
    expect(e.message).toBe('Request malformed');
    expect(e.payload['error']).toBe(error);
  });

  it('returns the total before paging as count', () => {
    const q = parseListParams(params('limit=1&offset=1&where=state:active'), jobs);
    const result = applyListQuery(rows, q, jobs);
    expect(result.count).toBe(3);
    expect(result.rows.map((r) => r.id)).toEqual([id(2)]);
  });

  it('validates but does not apply limit/offset on unpaginated routes', () => {
    expect(list('limit=1&offset=1', jobs, false)).toEqual([id(4), id(2), id(1), id(3)]);
    expect(() => parseListParams(params('limit=1'), jobs, { paginated: false })).toThrow(
      EmulatorError,
    );
  });
});

describe('sort', () => {
  it.each([
    ['', [id(4), id(2), id(1), id(3)]],
    ['sort=created_at', [id(3), id(1), id(2), id(4)]],
    ['sort=-duration', [id(1), id(2), id(3), id(4)]],
    ['sort=topic_id,-duration', [id(1), id(2), id(3), id(4)]],
    ['sort=state,name', [id(4), id(1), id(2), id(3)]],
    ['sort=', [id(4), id(2), id(1), id(3)]],
  ])('orders %s', (qs, expected) => {
    expect(list(qs)).toEqual(expected);
  });

  it('orders "…:05" before "…:05.000001"', () => {
    expect(list('sort=created_at&where=topic_id:' + TOPIC_A)).toEqual([id(1), id(2)]);
  });

  it('uses the schema default sort', () => {
    const components = { ...jobs, defaultSort: 'duration' };
    expect(list('', components)).toEqual([id(4), id(3), id(2), id(1)]);
  });

  it('keeps input order for ties (stable)', () => {
    expect(list('sort=topic_id')).toEqual([id(1), id(2), id(3), id(4)]);
    expect(list('sort=-topic_id')).toEqual([id(3), id(4), id(1), id(2)]);
  });

  it.each([
    ['sort=pipeline_id', [id(2), id(3), id(1), id(4)]],
    ['sort=-pipeline_id', [id(1), id(4), id(2), id(3)]],
    ['sort=comment', [id(1), id(2), id(4), id(3)]],
    ['sort=-comment', [id(3), id(4), id(2), id(1)]],
  ])('puts NULLs last ascending and first descending: %s', (qs, expected) => {
    expect(list(qs)).toEqual(expected);
  });

  it('orders enums in declaration order, text by the en_US collation (case-insensitive first)', () => {
    expect(list('sort=status')).toEqual([id(4), id(3), id(1), id(2)]);
    expect(list('sort=status', plainJobs)).toEqual([id(2), id(4), id(3), id(1)]);
    // Byte order would put 'My-Job-1' first; DCI's collation compares letters case-insensitively.
    expect(list('sort=name')).toEqual([id(4), id(1), id(2), id(3)]);
    expect(list('sort=-name')).toEqual([id(3), id(2), id(1), id(4)]);
  });

  it.each(['sort=nope', 'sort=-nope', 'sort=name,nope', 'sort=topic.name'])(
    'rejects %s with the valid keys',
    (qs) => {
      const e = fail(qs);
      const key = qs.split(',').pop()!.replace('sort=', '').replace(/^-/, '');
      expect(e.status).toBe(400);
      expect(e.message).toBe(`Invalid sort key: "${key}"`);
      expect(e.payload).toEqual({ 'Valid sort keys': ALL_COLUMNS });
    },
  );

  it('refuses to order by a json column, like PostgreSQL', () => {
    const e = fail('sort=data');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(
      /^\(psycopg2\.errors\.UndefinedFunction\) could not identify an ordering operator for type json/,
    );
  });
});

describe('where: parsing and keys', () => {
  it.each([
    ['where=name', "where: 'name' is not a 'key value csv'"],
    ['where=', "where: '' is not a 'key value csv'"],
    ['where=name:a,status', "where: 'name:a,status' is not a 'key value csv'"],
  ])('rejects the malformed %s', (qs, error) => {
    const e = fail(qs);
    expect(e.status).toBe(400);
    expect(e.message).toBe('Request malformed');
    expect(e.payload['error']).toBe(error);
  });

  it('reports one error per item without a colon', () => {
    expect(fail('where=a,b').payload['errors']).toEqual([
      "where: 'a,b' is not a 'key value csv'",
      "where: 'a,b' is not a 'key value csv'",
    ]);
  });

  it('rejects an unknown key naming the whole item, with the valid keys', () => {
    const e = fail('where=nope:1');
    expect(e.status).toBe(400);
    expect(e.message).toBe('Invalid where key: "nope:1"');
    expect(e.payload).toEqual({ 'Valid where keys': ALL_COLUMNS });
  });

  it.each(['data', 'api_secret', 'password', 'cert_fp'])(
    'refuses the forbidden key %s with an empty payload',
    (key) => {
      const schema: ResourceSchema = {
        ...jobs,
        columns: { ...jobs.columns, api_secret: 'string', password: 'string', cert_fp: 'string' },
      };
      const e = fail(`where=${key}:x`, schema);
      expect(e.status).toBe(400);
      expect(e.message).toBe(`Invalid where key: "${key}"`);
      expect(e.payload).toEqual({});
    },
  );

  it('honours a custom forbidden list', () => {
    const schema = { ...jobs, whereForbidden: ['name'] };
    expect(fail('where=name:x', schema).message).toBe('Invalid where key: "name"');
  });

  it('splits each item at its first colon', () => {
    expect(list('where=tags:build:ga')).toEqual([id(1)]);
  });
});

describe('where: matching by column type', () => {
  it.each([
    ['name:JOB-CREATE', [id(1)]],
    ['name:my-job-1', [id(2)]],
    ['name:job*', [id(2), id(1)]],
    ['name:JOB*', [id(2), id(1)]],
    ['name:-1*', [id(2)]],
    ['name:job', []],
    ['name:*job', []],
    ['name:job**', []],
    ['name:a|b*c', [id(4)]],
    ['name:b*c', []],
    ['name:a|b**', []],
    ['name:j_b*', [id(2), id(1)]],
    ['status:SUCCESS', [id(1)]],
    ['state:inactive', [id(3)]],
    ['tags:daily', [id(1)]],
    ['tags:Daily', [id(2)]],
    ['tags:DAILY', []],
    ['tags:a|b', [id(4)]],
    ['tags:a', []],
    ['pipeline_id:', [id(4), id(1)]],
    ['comment:', [id(3)]],
    [`pipeline_id:${PIPELINE}`, [id(2), id(3)]],
    [`topic_id:${TOPIC_A.toUpperCase()}`, [id(2), id(1)]],
    ['duration:30', [id(2)]],
    ['duration:+30', [id(2)]],
    ['created_at:2026-11-23T10:00:05', [id(1)]],
    ['created_at:2026-11-23 10:00:05.000001', [id(2)]],
    ['created_at:2026-11-24', [id(4)]],
  ])('filters %s', (where, expected) => {
    expect(list(`where=${encodeURIComponent(where)}`)).toEqual(expected);
  });

  it.each([
    ['state:active,topic_id:' + TOPIC_A, [id(2), id(1)]],
    ['name:job-create,name:other', []],
    ['name:job-create,name:JOB*', [id(1)]],
  ])('ANDs the items of %s', (where, expected) => {
    expect(list(`where=${where}`)).toEqual(expected);
  });

  it.each([
    ['pipeline_id:abc', 'invalid input syntax for type uuid: "abc"'],
    ['id:1234', 'invalid input syntax for type uuid: "1234"'],
    ['duration:abc', 'invalid input syntax for type integer: "abc"'],
    ['created_at:yesterday', 'invalid input syntax for type timestamp: "yesterday"'],
  ])('answers %s with the PostgreSQL error text', (where, text) => {
    const e = fail(`where=${where}`);
    expect(e.status).toBe(400);
    expect(e.message.startsWith(`(psycopg2.errors.InvalidTextRepresentation) ${text}`)).toBe(true);
    expect(e.payload).toEqual({});
  });

  it('exposes a single-row helper', () => {
    expect(matchesWhere(rows[0]!, 'name:job*,tags:daily', jobs)).toBe(true);
    expect(matchesWhere(rows[1]!, 'name:job*,tags:daily', jobs)).toBe(false);
  });
});

describe('where overrides query', () => {
  it('ignores query silently when where is present', () => {
    expect(list('where=name:other&query=eq(name,job-create)')).toEqual([id(3)]);
  });

  it('ignores even an invalid query', () => {
    expect(list('where=name:other&query=garbage(((')).toEqual([id(3)]);
    expect(list('where=name:other&query=eq(nope,1)')).toEqual([id(3)]);
  });

  it('applies the query when where is absent', () => {
    expect(list('query=eq(name,job-create)')).toEqual([id(1)]);
  });

  it('ignores an empty query', () => {
    expect(list('query=')).toEqual(list(''));
  });
});

describe('query: operators', () => {
  it.each([
    ['eq(name,job-create)', [id(1)]],
    ['eq(name,JOB-CREATE)', []],
    ['ne(name,job-create)', [id(4), id(2), id(3)]],
    ['eq(comment,Invalid tasks)', [id(2)]],
    ['ne(pipeline_id,' + PIPELINE + ')', []],
    ['eq(topic_id,' + TOPIC_B.toUpperCase() + ')', [id(4), id(3)]],
    ['lt(duration,30)', [id(4), id(3)]],
    ['le(duration,30)', [id(4), id(2), id(3)]],
    ['gt(duration,30)', [id(1)]],
    ['ge(duration,7)', [id(2), id(1), id(3)]],
    ['ge(created_at,2026-11-23T10:00:05)', [id(4), id(2), id(1)]],
    ['gt(created_at,2026-11-23T10:00:05)', [id(4), id(2)]],
    ['lt(created_at,2026-11-23)', [id(3)]],
    ['lt(name,b)', [id(4)]],
    ['gt(name,job)', [id(2), id(1), id(3)]],
    ['like(name,job%)', [id(1)]],
    ['like(name,%Job%)', [id(2)]],
    ['ilike(name,%job%)', [id(2), id(1)]],
    ['like(name,job_create)', [id(1)]],
    ['like(name,job_)', []],
    ['contains(tags,daily)', [id(1)]],
    ['contains(tags,build:ga)', [id(1)]],
    ['contains(tags,DAILY)', []],
    ['null(comment)', [id(1), id(3)]],
    ['lt(status,running)', [id(4)]],
    // A fraction finer than a microsecond rounds (rint) as PostgreSQL's timestamp input does:
    // .0000006 reads as .000001, and .9999996 carries into the next second.
    ['ge(created_at,2026-11-23T10:00:05.0000006)', [id(4), id(2)]],
    ['gt(created_at,2026-11-23T10:00:04.9999996)', [id(4), id(2)]],
    ['ge(created_at,2026-11-23T10:00:04.9999994)', [id(4), id(2), id(1)]],
    // SQL three-valued logic: NOT (pipeline_id = P) is unknown, not true, where it is NULL.
    [`not(eq(pipeline_id,${PIPELINE}))`, []],
    [`ne(pipeline_id,${PIPELINE})`, []],
    ['not(eq(comment,x))', [id(2), id(1)]],
  ])('evaluates %s', (query, expected) => {
    expect(list(`query=${encodeURIComponent(query)}`)).toEqual(expected);
  });

  it('compares enums by declaration order only when the schema says so', () => {
    expect(list('query=lt(status,running)', plainJobs)).toEqual([id(4), id(2)]);
  });

  it('evaluates a single row with matchesQuery', () => {
    expect(matchesQuery(rows[1]!, 'and(eq(status,failure),contains(tags,Daily))', jobs)).toBe(true);
    expect(matchesQuery(rows[0]!, 'and(eq(status,failure),contains(tags,Daily))', jobs)).toBe(
      false,
    );
  });
});

describe('query: logic', () => {
  it.each([
    ['and(eq(state,active),eq(topic_id,' + TOPIC_A + '))', [id(2), id(1)]],
    ['and(eq(state,active))', [id(4), id(2), id(1)]],
    ['or(eq(id,' + id(1) + '),eq(id,' + id(3) + '),eq(id,' + id(9) + '))', [id(1), id(3)]],
    ['not(eq(state,active))', [id(3)]],
    ['not(contains(tags,daily))', [id(4), id(2), id(3)]],
    ['and(or(eq(name,other),eq(name,job-create)),ge(duration,1))', [id(1), id(3)]],
    ['and(eq(state,active),or(lt(duration,1),gt(duration,50)))', [id(4), id(1)]],
    ['and(eq(state,active),eq(status,new),null(comment))', []],
    ['or(and(eq(state,active),eq(status,new)),eq(name,other))', [id(4), id(3)]],
  ])('evaluates %s', (query, expected) => {
    expect(list(`query=${encodeURIComponent(query)}`)).toEqual(expected);
  });

  it('treats comparisons with NULL as unknown, so not() drops NULL rows (SQL logic)', () => {
    expect(list(`query=not(eq(pipeline_id,${PIPELINE}))`)).toEqual([]);
    expect(list(`query=or(not(eq(pipeline_id,${PIPELINE})),eq(name,other))`)).toEqual([id(3)]);
    expect(list('query=not(eq(comment,x))')).toEqual([id(2), id(1)]);
  });

  it('accepts any number of and/or operands (400-term id batches)', () => {
    const terms = Array.from({ length: 400 }, (_, i) => `eq(id,${id(i % 10)})`).join(',');
    expect(list(`query=or(${terms})`)).toEqual([id(4), id(2), id(1), id(3)]);
  });
});

describe('query: DCI parser quirks', () => {
  it.each([
    ['eq(name,job-create)junk', [id(1)]],
    ['eq(name,job-create))))', [id(1)]],
    ['and(eq(state,active),eq(status,new)) trailing', [id(4)]],
    ['eq(name,other),eq(name,job-create)', [id(3)]],
    ['eq(name,other),garbage', [id(3)]],
    ['null(comment),eq(name,other)', [id(1), id(3)]],
  ])('%s applies only the first complete expression', (query, expected) => {
    expect(list(`query=${encodeURIComponent(query)}`)).toEqual(expected);
  });

  it('skips whitespace between tokens but keeps it inside values', () => {
    expect(list(`query=${encodeURIComponent(' eq ( name , job-create)')}`)).toEqual([id(1)]);
    expect(list(`query=${encodeURIComponent('eq(name,job-create )')}`)).toEqual([]);
    expect(list(`query=${encodeURIComponent('eq(comment,Invalid\ttasks)')}`)).toEqual([]);
  });

  it('accepts a null() after an op without a comma inside and()', () => {
    expect(parseDsl('and(eq(name,x)null(comment))')).toEqual([
      {
        kind: 'logic',
        op: 'and',
        operands: [
          { kind: 'binop', op: 'eq', field: 'name', value: 'x' },
          { kind: 'null', field: 'comment' },
        ],
      },
    ]);
  });

  it('returns every top-level element from the parser', () => {
    expect(parseDsl('eq(a,1),eq(b,2)').map((n) => (n.kind === 'binop' ? n.field : ''))).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('query: errors', () => {
  it.each([
    ['foo', 0],
    ['eq(name)', 7],
    ['eq(name,a,b)', 9],
    ['and(eq(name,x),foo)', 14],
    ['and()', 4],
    ['or(', 3],
    ['eq(name,a@b)', 9],
    ['eq(name,a*)', 9],
    ['eq(name,é)', 8],
    ['eq(name.sub,x)', 7],
    ['not_contains(tags)', 17],
    ['eqx(name,x)', 2],
  ])('answers a parse error for %s at char %i', (query, at) => {
    const e = fail(`query=${encodeURIComponent(query)}`);
    expect(e.status).toBe(400);
    expect(e.html).toBe(false);
    expect(e.message).toMatch(/^error while parsing the query Expected \{/);
    expect(e.message.endsWith(`(at char ${at}), (line:1, col:${at + 1})`)).toBe(true);
    expect(e.payload).toEqual({});
  });

  it.each([
    ['eq(nope,1)', 'nope'],
    ['and(eq(name,x),null(bogus))', 'bogus'],
    ['or(eq(topic.name,x))', undefined],
    ['not(eq(nope,1),eq(name,x))', 'nope'],
  ])('rejects the unknown field in %s', (query, field) => {
    const e = fail(`query=${encodeURIComponent(query)}`);
    expect(e.status).toBe(400);
    if (field) expect(e.message).toBe(`Invalid field: ${field}`);
    else expect(e.message).toMatch(/^error while parsing the query/);
  });

  it.each([
    'not_contains(tags,daily)',
    'and(eq(state,active),not_contains(tags,daily))',
    'not(eq(name,a),eq(name,b))',
    'and(not(eq(name,a),eq(name,b)),eq(duration,abc))',
  ])('crashes with an HTML 500 on %s', (query) => {
    const e = fail(`query=${encodeURIComponent(query)}`);
    expect(e.status).toBe(500);
    expect(e.html).toBe(true);
    expect(e.message).toBe('Internal Server Error');
  });

  it.each([
    ['null(pipeline_id)', 'InvalidTextRepresentation', 'invalid input syntax for type uuid: ""'],
    ['null(duration)', 'InvalidTextRepresentation', 'invalid input syntax for type integer: ""'],
    ['null(status)', 'InvalidTextRepresentation', 'invalid input value for enum statuses: ""'],
    ['eq(id,abc)', 'InvalidTextRepresentation', 'invalid input syntax for type uuid: "abc"'],
    [
      'or(eq(id,' + id(1) + '),eq(id,nope))',
      'InvalidTextRepresentation',
      'invalid input syntax for type uuid: "nope"',
    ],
    ['eq(duration,x)', 'InvalidTextRepresentation', 'invalid input syntax for type integer: "x"'],
    [
      'eq(duration,99999999999)',
      'NumericValueOutOfRange',
      'value "99999999999" is out of range for type integer',
    ],
    [
      'ge(created_at,soon)',
      'InvalidTextRepresentation',
      'invalid input syntax for type timestamp: "soon"',
    ],
    [
      'ge(created_at,2026-13-01)',
      'DatetimeFieldOverflow',
      'date/time field value out of range: "2026-13-01"',
    ],
    [
      'eq(status,bogus)',
      'InvalidTextRepresentation',
      'invalid input value for enum statuses: "bogus"',
    ],
    ['eq(tags,daily)', 'InvalidTextRepresentation', 'malformed array literal: "daily"'],
    ['like(topic_id,%a%)', 'UndefinedFunction', 'operator does not exist: uuid ~~ unknown'],
    ['ilike(status,%a%)', 'UndefinedFunction', 'operator does not exist: statuses ~~* unknown'],
    [
      'contains(name,x)',
      'UndefinedFunction',
      'operator does not exist: character varying @> unknown',
    ],
    ['eq(data,x)', 'UndefinedFunction', 'operator does not exist: json = unknown'],
  ])('answers %s with a database error', (query, errorClass, text) => {
    const e = fail(`query=${encodeURIComponent(query)}`);
    expect(e.status).toBe(400);
    expect(e.html).toBe(false);
    expect(e.message.split('\n')[0]).toBe(`(psycopg2.errors.${errorClass}) ${text}`);
  });

  it('accepts enum literals freely without enum info', () => {
    expect(list('query=eq(status,bogus)', plainJobs)).toEqual([]);
  });

  it('exposes compileQuery for the server', () => {
    const { node, predicate } = compileQuery('eq(name,other),eq(name,x)', jobs);
    expect(node).toEqual({ kind: 'binop', op: 'eq', field: 'name', value: 'other' });
    expect(predicate(rows[2]!)).toBe(true);
  });
});

describe('created_after and updated_after', () => {
  it.each([
    ['created_after=2026-11-23T10:00:05.000000', [id(4), id(2), id(1)]],
    ['created_after=2026-11-23T10:00:05.000001', [id(4), id(2)]],
    ['created_after=2026-11-23T10:00:05.1', [id(4)]],
    ['created_after=2026-11-23t10:00:05.000001', [id(4), id(2)]],
    [`created_after=${Date.UTC(2026, 10, 23, 10, 0, 5)}`, [id(4), id(2), id(1)]],
    [`created_after=${Date.UTC(2026, 10, 23, 10, 0, 6)}`, [id(4)]],
    ['updated_after=2026-11-23T11:00:00.0', [id(4), id(1)]],
    ['created_after=2026-11-23T00:00:00.0&updated_after=2026-11-23T11:00:00.0', [id(4), id(1)]],
  ])('filters with %s (>=)', (qs, expected) => {
    expect(list(qs)).toEqual(expected);
  });

  it.each([
    '2026-11-23T10:00:05',
    '2026-11-23',
    '2026-11-23T10:00:05Z',
    '2026-11-23T10:00:05.000001Z',
    '2026-11-23T10:00:05.1234567',
    '2026-13-23T10:00:05.0',
    '1700000000000.5',
    'yesterday',
    '',
  ])('ignores the unsupported format %j', (value) => {
    expect(list(`created_after=${encodeURIComponent(value)}`)).toEqual(list(''));
    expect(parseAfter(value)).toBeNull();
  });

  it('combines with where and query', () => {
    expect(list('created_after=2026-11-23T10:00:05.000001&where=state:active')).toEqual([
      id(4),
      id(2),
    ]);
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-11-23T20:09:04.001689', '2026-11-23T20:09:04.001689'],
    ['2026-11-23T20:09:04', '2026-11-23T20:09:04.000000'],
    ['2026-11-23T20:09:04.5', '2026-11-23T20:09:04.500000'],
    [new Date(Date.UTC(2026, 10, 23, 20, 9, 4, 7)), '2026-11-23T20:09:04.007000'],
    [null, null],
    ['not a date', null],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });
});

describe('ListQuery', () => {
  it('exposes the parsed parameters', () => {
    const q: ListQuery = parseListParams(
      params('limit=5&offset=2&sort=-name,duration&where=pipeline_id:,name:x*'),
      jobs,
    );
    expect(q.limit).toBe(5);
    expect(q.offset).toBe(2);
    expect(q.sort).toEqual([
      { column: 'name', descending: true },
      { column: 'duration', descending: false },
    ]);
    expect(q.where).toEqual([
      { column: 'pipeline_id', value: null },
      { column: 'name', value: 'x*' },
    ]);
    expect(q.query).toBeNull();
  });

  it('checks sort keys before where and query', () => {
    expect(fail('sort=nope&where=nope:1').message).toBe('Invalid sort key: "nope"');
    expect(fail('sort=nope&query=garbage').message).toBe('Invalid sort key: "nope"');
  });
});

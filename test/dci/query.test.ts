import { describe, expect, it } from 'vitest';
import {
  assertQueryValue,
  assertWhereValue,
  chunk,
  DciValueError,
  encodePath,
  formatCreatedAfter,
  listParamsToQuery,
  MAX_IDS_PER_QUERY,
  MAX_REQUEST_LINE,
  orEq,
  requestLineLength,
} from '../../src/dci/query.js';

/** The DciValueError a call throws, or a failure if it does not throw one. */
function valueError(fn: () => unknown): DciValueError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DciValueError) return error;
    throw error;
  }
  throw new Error('expected a DciValueError');
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('listParamsToQuery: limit and offset', () => {
  it.each([
    [{}, {}],
    [
      { limit: 50, offset: 100 },
      { limit: '50', offset: '100' },
    ],
    [{ limit: 50 }, { limit: '50', offset: '0' }],
    [{ offset: 40 }, { limit: '20', offset: '40' }],
    [
      { limit: 200, offset: 0 },
      { limit: '200', offset: '0' },
    ],
    [{ limit: 201 }, { limit: '200', offset: '0' }],
    [
      { limit: 10_000, offset: 5 },
      { limit: '200', offset: '5' },
    ],
  ])('%j -> %j', (params, wire) => {
    expect(listParamsToQuery(params)).toEqual(wire);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: -1 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ limit: Number.NaN }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ offset: 0.5 }, 'offset'],
  ])('rejects %j', (params, field) => {
    expect(valueError(() => listParamsToQuery(params)).field).toBe(field);
  });
});

describe('listParamsToQuery: other parameters', () => {
  it('joins sort keys with commas and keeps their order', () => {
    expect(listParamsToQuery({ sort: ['-created_at', 'name'] })).toEqual({
      sort: '-created_at,name',
    });
  });

  it('never sends an empty parameter', () => {
    expect(listParamsToQuery({ sort: [], where: [], query: '', createdAfter: '' })).toEqual({});
    expect(listParamsToQuery({ where: '' })).toEqual({});
  });

  it('builds where from items, keeping colons in values and empty values (IS NULL)', () => {
    const where = [
      { key: 'tags', value: 'build:ga' },
      { key: 'pipeline_id', value: '' },
      { key: 'name', value: 'daily*' },
    ];
    expect(listParamsToQuery({ where })).toEqual({
      where: 'tags:build:ga,pipeline_id:,name:daily*',
    });
  });

  it('passes a prebuilt where string and a query through', () => {
    expect(listParamsToQuery({ where: 'status:success' })).toEqual({ where: 'status:success' });
    expect(listParamsToQuery({ query: 'eq(id,x)' })).toEqual({ query: 'eq(id,x)' });
  });

  it('refuses where and query together, since DCI would silently drop the query', () => {
    const error = valueError(() =>
      listParamsToQuery({ where: [{ key: 'name', value: 'x' }], query: 'eq(id,x)' }),
    );
    expect(error.field).toBe('query');
  });

  it.each([
    [{ sort: ['created_at desc'] }, 'sort'],
    [{ sort: ['topic.name'] }, 'sort'],
    [{ where: [{ key: 'name', value: 'a,b' }] }, 'name'],
    [{ where: [{ key: 'bad key', value: 'a' }] }, 'bad key'],
    [{ where: [{ key: '', value: 'a' }] }, ''],
  ])('rejects %j', (params, field) => {
    expect(valueError(() => listParamsToQuery(params)).field).toBe(field);
  });

  it('sends created_after only in the two formats DCI reads', () => {
    expect(listParamsToQuery({ createdAfter: '2025-01-02T03:04:05.000000' })).toEqual({
      created_after: '2025-01-02T03:04:05.000000',
    });
    expect(listParamsToQuery({ createdAfter: '1700000000000' })).toEqual({
      created_after: '1700000000000',
    });
    for (const bad of ['2025-01-02T03:04:05', '2025-01-02T03:04:05Z', '2025-01-02', 'yesterday']) {
      expect(valueError(() => listParamsToQuery({ createdAfter: bad })).field).toBe('createdAfter');
    }
  });

  it('formats a Date for created_after with the required fraction', () => {
    expect(formatCreatedAfter(new Date('2025-01-02T03:04:05.678Z'))).toBe(
      '2025-01-02T03:04:05.678000',
    );
  });
});

describe('orEq', () => {
  it('sorts and de-duplicates the values', () => {
    expect(orEq('id', ['b', 'a', 'b', 'c', 'a'])).toBe('or(eq(id,a),eq(id,b),eq(id,c))');
  });

  it('gives a plain eq for a single value', () => {
    expect(orEq('topic_id', ['x', 'x'])).toBe('eq(topic_id,x)');
  });

  it('gives the same string whatever the key order', () => {
    const ids = [uuid(3), uuid(1), uuid(2)];
    expect(orEq('id', ids)).toBe(orEq('id', [...ids].reverse()));
  });

  it('rejects no values, bad fields and bad values', () => {
    expect(valueError(() => orEq('id', [])).field).toBe('id');
    expect(valueError(() => orEq('id)', ['a'])).field).toBe('id)');
    expect(valueError(() => orEq('name', ['ok', 'a,b'])).field).toBe('name');
  });
});

describe('chunk', () => {
  it('splits into groups of 50 by default', () => {
    const ids = Array.from({ length: 120 }, (_, i) => uuid(i));
    const groups = chunk(ids);
    expect(groups.map((g) => g.length)).toEqual([50, 50, 20]);
    expect(groups.flat()).toEqual(ids);
    expect(MAX_IDS_PER_QUERY).toBe(50);
  });

  it('handles empty input and custom sizes, and refuses a size below 1', () => {
    expect(chunk([])).toEqual([]);
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('assertQueryValue', () => {
  it.each([
    'abc',
    'ABC-def_123',
    'Invalid tasks',
    '%openshift%',
    '2025-01-01T00:00:00',
    'http://example.com/a.b',
    uuid(7),
  ])('accepts %j', (value) => {
    expect(() => assertQueryValue(value)).not.toThrow();
  });

  it.each([
    ['a(b', "'('"],
    ['a)b', "')'"],
    ['a,b', "','"],
    ['a*', "'*'"],
    ["it's", "'''"],
    ['a+b', "'+'"],
    ['user@example.com', "'@'"],
    ['#1', "'#'"],
    ['a=b', "'='"],
    ['café', 'U+00E9'],
    ['tab\there', 'U+0009'],
  ])('rejects %j, naming %s', (value, shown) => {
    const error = valueError(() => assertQueryValue(value, 'name'));
    expect(error.field).toBe('name');
    expect(error.reason).toContain(shown);
    expect(error.message).toMatch(/^invalid value for name: /);
  });

  it('rejects an empty value and a leading space', () => {
    expect(valueError(() => assertQueryValue('')).reason).toMatch(/empty/);
    expect(valueError(() => assertQueryValue(' a')).reason).toMatch(/space/);
  });
});

describe('assertWhereValue', () => {
  it.each(['a', 'build:ga', 'job*', 'a*b', '', 'with space', 'café', 'a+b', 'a(b)', "o'k"])(
    'accepts %j',
    (value) => {
      expect(() => assertWhereValue(value)).not.toThrow();
    },
  );

  it('rejects commas and control characters', () => {
    expect(valueError(() => assertWhereValue('a,b', 'name')).reason).toContain("','");
    expect(valueError(() => assertWhereValue('a\nb')).reason).toContain('U+000A');
  });
});

describe('requestLineLength', () => {
  it('measures the request line the client sends', () => {
    const params = { limit: '200', offset: '0', query: 'eq(id,a)' };
    expect(requestLineLength('get', '/jobs', params)).toBe(
      'GET /api/v1/jobs?limit=200&offset=0&query=eq%28id%2Ca%29 HTTP/1.1'.length,
    );
    expect(requestLineLength('GET', '/identity')).toBe('GET /api/v1/identity HTTP/1.1'.length);
  });

  it('keeps a 50-id batch with limit and offset under the gunicorn limit, and 80 over it', () => {
    const line = (n: number) =>
      requestLineLength('GET', '/jobs', {
        limit: '200',
        offset: '0',
        query: orEq(
          'id',
          Array.from({ length: n }, (_, i) => uuid(i)),
        ),
      });
    expect(line(50)).toBeLessThan(MAX_REQUEST_LINE);
    expect(line(80)).toBeGreaterThan(MAX_REQUEST_LINE);
  });
});

describe('encodePath', () => {
  it('encodes each segment and keeps the slashes', () => {
    expect(encodePath('/components/x/files/my file?.txt')).toBe(
      '/components/x/files/my%20file%3F.txt',
    );
  });
});

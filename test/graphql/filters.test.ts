import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isGraphQLError } from '../../src/errors.js';
import { compileFilter } from '../../src/filters/condition.js';
import { comparableNaive, dciToIso, isoToNaiveUtc } from '../../src/filters/datetime.js';
import { queryParam, toDsl } from '../../src/filters/dsl.js';
import { sortByKeys, sortKeys } from '../../src/filters/order.js';
import { decodeCursor, encodeCursor, pageWindow } from '../../src/filters/pagination.js';
import { matches } from '../../src/filters/predicate.js';
import { FILTER_SPECS } from '../../src/filters/specs.js';

const dsl = (filter: Record<string, unknown>, spec = FILTER_SPECS.job) => {
  const c = compileFilter(filter, spec);
  return c && toDsl(c);
};

function refusal(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    if (isGraphQLError(error)) return error;
    throw error;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('filter compilation to the DCI query DSL', () => {
  it.each([
    [{ name: { eq: 'daily' } }, 'eq(name,daily)'],
    [{ name: { ilike: 'rhel-8%' } }, 'ilike(name,rhel-8%)'],
    [{ status: { in: ['success', 'failure'] } }, 'or(eq(status,success),eq(status,failure))'],
    [
      { tags: { contains: 'ci', notContains: 'debug' } },
      'and(contains(tags,ci),not(contains(tags,debug)))',
    ],
    [
      { createdAt: { ge: '2026-01-01T00:00:00Z', lt: '2026-02-01T01:00:00+01:00' } },
      'and(ge(created_at,2026-01-01T00:00:00.000000),lt(created_at,2026-02-01T00:00:00.000000))',
    ],
    [
      { or: [{ name: { eq: 'a' } }, { not: { status: { eq: 'error' } } }] },
      'or(eq(name,a),not(eq(status,error)))',
    ],
    [
      { teamId: { eq: 'AAAAAAAA-1111-4111-8111-000000000000' } },
      'eq(team_id,aaaaaaaa-1111-4111-8111-000000000000)',
    ],
  ])('compiles %j to %s', (filter, expected) => {
    expect(dsl(filter)).toBe(expected);
  });

  it('returns nothing for an empty filter', () => {
    expect(compileFilter({}, FILTER_SPECS.job)).toBeNull();
    expect(compileFilter(null, FILTER_SPECS.job)).toBeNull();
  });

  it('always wraps several conditions in and(), never a top-level comma list', () => {
    const scope = compileFilter(
      { topicId: { eq: '0a6f1f3e-8c1b-4d7e-9f20-1b2c3d4e5f60' } },
      FILTER_SPECS.job,
    );
    const user = compileFilter({ name: { like: 'x%' }, state: { eq: 'active' } }, FILTER_SPECS.job);
    expect(queryParam(scope, user)).toBe(
      'and(eq(topic_id,0a6f1f3e-8c1b-4d7e-9f20-1b2c3d4e5f60),and(like(name,x%),eq(state,active)))',
    );
  });

  it.each([
    ['comma', { name: { eq: 'a,b' } }, 'filter.name.eq'],
    ['parenthesis', { name: { like: 'a(b' } }, 'filter.name.like'],
    ['star', { name: { ilike: 'rhel*' } }, 'filter.name.ilike'],
    ['plus', { tags: { contains: 'a+b' } }, 'filter.tags.contains'],
    ['non-ASCII', { comment: { eq: 'é' } }, 'filter.comment.eq'],
    ['nested', { or: [{ name: { eq: 'ok' } }, { name: { eq: "it's" } }] }, 'filter.or[1].name.eq'],
    ['bad uuid', { teamId: { eq: 'nope' } }, 'filter.teamId.eq'],
    ['bad date', { createdAt: { ge: 'yesterday' } }, 'filter.createdAt.ge'],
  ])('refuses a %s value naming the field', (_, filter, field) => {
    const error = refusal(() => compileFilter(filter, FILTER_SPECS.job));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the same filter evaluated in the gateway', () => {
  const job = {
    name: 'Daily-run',
    status: 'pre-run',
    tags: ['ci'],
    created_at: '2026-01-02T03:04:05',
  };
  it.each([
    [{ name: { eq: 'Daily-run' } }, true],
    [{ name: { eq: 'daily-run' } }, false],
    [{ name: { ilike: 'daily%' } }, true],
    [{ name: { like: 'daily%' } }, false],
    [{ status: { in: ['pre-run', 'running'] } }, true],
    [{ tags: { notContains: 'ci' } }, false],
    [{ createdAt: { ge: '2026-01-02T03:04:05Z', lt: '2026-01-02T03:04:05.000001Z' } }, true],
    [{ not: { name: { ne: 'Daily-run' } } }, true],
  ])('%j matches: %s', (filter, expected) => {
    expect(matches(job, compileFilter(filter, FILTER_SPECS.job))).toBe(expected);
  });

  // SQL three-valued logic: a comparison with NULL is unknown, NOT unknown is unknown, and a
  // row is kept only when its condition is true.
  const noPipeline = { id: 'j', pipeline_id: null, comment: null, tags: null, status: 'new' };
  const P = '11111111-1111-4111-8111-111111111111';
  it.each([
    [{ pipelineId: { eq: P } }, false],
    [{ not: { pipelineId: { eq: P } } }, false],
    [{ pipelineId: { ne: P } }, false],
    [{ pipelineId: { in: [P] } }, false],
    [{ not: { pipelineId: { in: [P] } } }, false],
    [{ comment: { ne: 'x' } }, false],
    [{ not: { comment: { like: 'x%' } } }, false],
    [{ tags: { notContains: 'ci' } }, false],
    [{ or: [{ pipelineId: { eq: P } }, { status: { eq: 'new' } }] }, true],
    [{ not: { and: [{ pipelineId: { eq: P } }, { status: { eq: 'running' } }] } }, true],
    [{ not: { or: [{ pipelineId: { eq: P } }, { status: { eq: 'running' } }] } }, false],
  ])('treats NULL columns as SQL does: %j matches: %s', (filter, expected) => {
    expect(matches(noPipeline, compileFilter(filter, FILTER_SPECS.job))).toBe(expected);
  });
});

describe('ordering', () => {
  it('maps orderBy to sort keys with an id tie-breaker', () => {
    expect(sortKeys([{ field: 'name', direction: 'desc' }], '-created_at')).toEqual([
      '-name',
      'id',
    ]);
    expect(sortKeys(null, '-released_at')).toEqual(['-released_at', 'id']);
  });

  it('sorts rows in the gateway like DCI', () => {
    const rows = [
      { id: 'b', created_at: '2026-01-01T00:00:00' },
      { id: 'a', created_at: '2026-01-01T00:00:00.5' },
      { id: 'c', created_at: '2025-12-31T23:59:59.999999' },
    ];
    expect(sortByKeys(rows, ['-created_at', 'id']).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('with a limit, selects the first rows of the full order, ties kept in input order', () => {
    // Few distinct values, so ties abound; some NULLs; ids repeat, so even the tie-breaker ties.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const rows = Array.from({ length: 400 }, (_, i) => ({
      id: `j${next() % 50}`,
      n: i,
      status: ['new', 'running', 'success', 'failure', null][next() % 5],
      created_at: `2026-01-0${1 + (next() % 3)}T00:00:00`,
    }));
    for (const keys of [
      ['-created_at', 'id'],
      ['status', '-id'],
      ['-status', 'created_at'],
    ]) {
      const full = sortByKeys(rows, keys).map((r) => r.n);
      for (const limit of [1, 5, 37, 99, 100, 400, 1000]) {
        expect(sortByKeys(rows, keys, {}, limit).map((r) => r.n)).toEqual(full.slice(0, limit));
      }
      expect(sortByKeys(rows, keys, {}, 0)).toEqual([]);
    }
  });

  it('puts NULL last ascending and first descending, like PostgreSQL', () => {
    const rows = [
      { id: 'n', pipeline_id: null },
      { id: 'x', pipeline_id: 'p2' },
      { id: 'y', pipeline_id: 'p1' },
    ];
    expect(sortByKeys(rows, ['pipeline_id']).map((r) => r.id)).toEqual(['y', 'x', 'n']);
    expect(sortByKeys(rows, ['-pipeline_id']).map((r) => r.id)).toEqual(['n', 'x', 'y']);
  });

  it('orders statuses and states by their enum declaration order, not alphabetically', () => {
    const statuses = [
      'error',
      'killed',
      'failure',
      'success',
      'post-run',
      'running',
      'pre-run',
      'new',
    ];
    const rows = statuses.map((status, i) => ({ id: `${i}`, status }));
    expect(sortByKeys(rows, ['status']).map((r) => r.status)).toEqual([
      'new',
      'pre-run',
      'running',
      'post-run',
      'success',
      'failure',
      'killed',
      'error',
    ]);
    const states = [
      { id: 'a', state: 'archived' },
      { id: 'b', state: 'inactive' },
      { id: 'c', state: 'active' },
    ];
    expect(sortByKeys(states, ['state']).map((r) => r.state)).toEqual([
      'active',
      'inactive',
      'archived',
    ]);
  });

  it('orders text by the en_US collation, with byte order breaking its ties', () => {
    const rows = ['b', 'B', 'a-2', 'A', 'a1', 'a'].map((name) => ({ id: name, name }));
    const kinds = { name: 'string' } as const;
    // Byte order would give A, B, a, a-2, a1, b.
    expect(sortByKeys(rows, ['name'], kinds).map((r) => r.name)).toEqual([
      'a',
      'A',
      'a-2',
      'a1',
      'b',
      'B',
    ]);
  });

  it('orders numeric text as text and numbers as numbers', () => {
    const rows = [
      { id: '1', name: '10', duration: 10 },
      { id: '2', name: '9', duration: 9 },
    ];
    expect(sortByKeys(rows, ['name'], { name: 'string' }).map((r) => r.id)).toEqual(['1', '2']);
    expect(sortByKeys(rows, ['duration']).map((r) => r.id)).toEqual(['2', '1']);
  });
});

describe('cursors and page windows', () => {
  it('round-trips an offset through an opaque cursor', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(pageWindow({ first: 10, after: encodeCursor(9) })).toEqual({
      limit: 10,
      offset: 10,
      take: 10,
    });
  });

  it.each(['', 'nope', Buffer.from('cursor:v2:1').toString('base64'), encodeCursor(1).slice(1)])(
    'refuses the malformed cursor %j',
    (after) => {
      expect(refusal(() => pageWindow({ after })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    },
  );

  it('refuses first above the maximum and asks DCI for one row when first is 0', () => {
    expect(refusal(() => pageWindow({ first: 201 })).extensions['field']).toBe('first');
    expect(pageWindow({ first: 0 })).toEqual({ limit: 1, offset: 0, take: 0 });
  });
});

describe('DateTime conversion', () => {
  it('adds the UTC zone to DCI timestamps, with or without a fraction', () => {
    expect(dciToIso('2026-11-23T20:09:04.001689')).toBe('2026-11-23T20:09:04.001689Z');
    expect(dciToIso('2026-11-23T20:09:04')).toBe('2026-11-23T20:09:04Z');
  });

  it('orders DCI timestamps in one comparable form, whichever way DCI wrote them', () => {
    expect(
      [
        '2026-11-23T20:09:04.001689',
        '2026-11-23T20:09:04',
        '2026-11-23T20:09:04.5',
        '2026-11-23T20:09:04.001689Z',
      ].map(comparableNaive),
    ).toEqual([
      '2026-11-23T20:09:04.001689',
      '2026-11-23T20:09:04.000000',
      '2026-11-23T20:09:04.500000',
      '2026-11-23T20:09:04.001689',
    ]);
  });

  it('converts inputs to naive UTC keeping microseconds', () => {
    expect(isoToNaiveUtc('2026-11-23T20:09:04.001689Z')).toBe('2026-11-23T20:09:04.001689');
    expect(isoToNaiveUtc('2026-11-23T21:09:04+01:00')).toBe('2026-11-23T20:09:04.000000');
    expect(isoToNaiveUtc('2026-11-23')).toBe('2026-11-23T00:00:00.000000');
    expect(isoToNaiveUtc('23/11/2026')).toBeNull();
  });

  it.each([
    // More than six fractional digits round to the microsecond as PostgreSQL reads them.
    ['2024-11-12T00:39:59.0067529Z', '2024-11-12T00:39:59.006753'],
    ['2024-11-12T00:39:59.0067521Z', '2024-11-12T00:39:59.006752'],
    ['2024-11-12T00:39:59.123456789Z', '2024-11-12T00:39:59.123457'],
    // A fraction rounding up to a whole second carries, across minutes, days and years.
    ['2024-12-31T23:59:59.9999996Z', '2025-01-01T00:00:00.000000'],
    ['2024-11-12T00:39:59.9999994Z', '2024-11-12T00:39:59.999999'],
  ])('rounds %s to %s', (input, naive) => {
    expect(isoToNaiveUtc(input)).toBe(naive);
  });
});

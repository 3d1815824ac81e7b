/**
 * List parameters (REST-REFERENCE §3): how a list call's options become query parameters, and
 * the validation of filter values before they reach DCI.
 *
 * The server's rules are easy to trip over: `limit` and `offset` must travel together, `limit`
 * above 200 is silently capped, an empty parameter (`where=`) is an error or a signature trap,
 * `query` values have a narrow character set, `where` values cannot hold commas, and a
 * `created_after` in the wrong format is silently ignored. Everything here fails loudly instead.
 */
import { canonicalQueryString } from './signature.js';

/** The server's page size cap: larger limits are silently reduced to this (§3.2). */
export const MAX_LIMIT = 200;
/** The server's page size when neither limit nor offset is sent. */
export const DEFAULT_LIMIT = 20;
/** Ids per `or(eq(...))` batch: about 52 URL-encoded bytes each keeps a request under 4 KB. */
export const MAX_IDS_PER_QUERY = 50;
/** gunicorn's default `limit_request_line`: longer request lines get a plain-text 400 (§3.4). */
export const MAX_REQUEST_LINE = 4094;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID (any case): the form of every DCI id. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** One `where` condition, `key:value`. An empty value means IS NULL (`pipeline_id:`). */
export interface WhereItem {
  key: string;
  value: string;
}

/** The list options a caller can give; see {@link listParamsToQuery} for the wire rules. */
export interface ListParams {
  /** Page size, 1..200 (larger values are clamped to 200). */
  limit?: number;
  /** Rows to skip, >= 0. */
  offset?: number;
  /** Column names, `-` prefix for descending, applied in order. */
  sort?: readonly string[];
  /** AND-ed `key:value` filters, or an already built `where` string. Cancels `query` (§3.2). */
  where?: readonly WhereItem[] | string;
  /** A query DSL expression (§3.4), for example from {@link orEq}. */
  query?: string;
  /** `created_at >=`: `YYYY-MM-DDTHH:MM:SS.ffffff` (UTC) or epoch milliseconds. */
  createdAfter?: string;
}

/** A value DCI cannot express or would misread; `field` names the filter when known. */
export class DciValueError extends Error {
  constructor(
    /** The filter or parameter the value was meant for. */
    readonly field: string | undefined,
    /** Why the value is rejected, readable by an API user. */
    readonly reason: string,
  ) {
    super(field ? `invalid value for ${field}: ${reason}` : `invalid value: ${reason}`);
    this.name = 'DciValueError';
  }
}

const COLUMN = /^[A-Za-z0-9_]+$/;
const SORT_KEY = /^-?[A-Za-z0-9_]+$/;
// The two created_after forms the server parses; anything else is ignored without an error,
// which would return unfiltered results (§3.2).
const CREATED_AFTER = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}|\d+)$/;

/**
 * Turns list options into query parameters. `limit` and `offset` always travel together (the
 * server answers 400 to one alone): a missing one is filled with offset 0 or limit 20, and
 * neither is sent when neither is given. `limit` is clamped to 200. Empty values (`sort: []`,
 * `where: ''`, `query: ''`) are left out, never sent as `key=`.
 */
export function listParamsToQuery(p: ListParams = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.limit !== undefined || p.offset !== undefined) {
    const limit = p.limit ?? DEFAULT_LIMIT;
    const offset = p.offset ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new DciValueError('limit', 'must be a positive integer (DCI rejects limit=0)');
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new DciValueError('offset', 'must be an integer >= 0');
    }
    out['limit'] = String(Math.min(limit, MAX_LIMIT));
    out['offset'] = String(offset);
  }
  if (p.sort && p.sort.length > 0) {
    for (const key of p.sort) {
      if (!SORT_KEY.test(key)) {
        throw new DciValueError('sort', `'${key}' is not a column name with an optional '-'`);
      }
    }
    out['sort'] = p.sort.join(',');
  }
  const where = typeof p.where === 'string' ? p.where : buildWhere(p.where ?? []);
  if (where !== '' && p.query) {
    // The server would silently drop `query` and return more rows than asked for (§3.2).
    throw new DciValueError('query', 'DCI ignores query when where is also sent: use one');
  }
  if (where !== '') out['where'] = where;
  if (p.query) out['query'] = p.query;
  if (p.createdAfter) {
    if (!CREATED_AFTER.test(p.createdAfter)) {
      throw new DciValueError(
        'createdAfter',
        'must be YYYY-MM-DDTHH:MM:SS.ffffff (UTC, fraction required) or epoch milliseconds',
      );
    }
    out['created_after'] = p.createdAfter;
  }
  return out;
}

/** `key:value,key:value`, each key a column name and each value checked by assertWhereValue. */
function buildWhere(items: readonly WhereItem[]): string {
  return items
    .map(({ key, value }) => {
      if (!COLUMN.test(key)) throw new DciValueError(key, 'is not a valid where key');
      assertWhereValue(value, key);
      return `${key}:${value}`;
    })
    .join(',');
}

/**
 * Formats a date the way `created_after` needs it: naive UTC with the (required) fraction,
 * `2025-01-02T03:04:05.000000`.
 */
export function formatCreatedAfter(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

/**
 * `or(eq(field,a),eq(field,b),...)` over the sorted, de-duplicated values (sorted so DataLoader
 * batches give the same URL for the same keys), or `eq(field,a)` for a single value. Keep to
 * {@link MAX_IDS_PER_QUERY} values per call; see {@link chunk}.
 */
export function orEq(field: string, values: readonly string[]): string {
  if (!COLUMN.test(field)) throw new DciValueError(field, 'is not a valid query field');
  const unique = [...new Set(values)].sort();
  if (unique.length === 0) {
    throw new DciValueError(field, 'an OR over no values matches nothing: skip the request');
  }
  for (const v of unique) assertQueryValue(v, field);
  const terms = unique.map((v) => `eq(${field},${v})`);
  return terms.length === 1 ? terms[0]! : `or(${terms.join(',')})`;
}

/** Splits items into consecutive groups of at most `size` (default 50 ids per query). */
export function chunk<T>(items: readonly T[], size: number = MAX_IDS_PER_QUERY): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError('chunk size must be a positive integer');
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Checks a value for the query DSL (§3.4): only `A-Z a-z 0-9 _ - space % . : /`, at least one
 * character, not starting with a space (the parser skips leading whitespace). Anything else
 * (`, ( ) * ' @ + # =`, non-ASCII) would break or silently change the expression.
 */
export function assertQueryValue(value: string, field?: string): void {
  if (value.length === 0) throw new DciValueError(field, 'must not be empty');
  const bad = /[^A-Za-z0-9_ %.:/-]/.exec(value);
  if (bad) {
    const c = bad[0];
    const shown = /^[\x21-\x7e]$/.test(c) ? `'${c}'` : describeCodePoint(c);
    throw new DciValueError(
      field,
      `${shown} cannot be used in a DCI query value (allowed: letters, digits, space and _ - % . : /)`,
    );
  }
  if (value.startsWith(' ')) {
    throw new DciValueError(field, 'must not start with a space (DCI would drop it)');
  }
}

/**
 * Checks a value for a `where` filter (§3.3). Commas are impossible (they separate filters) and
 * control characters are refused. Colons are fine (only the first colon of an item splits key
 * from value). Meaning to be aware of: on string columns the match is case-insensitive, and a
 * value ending in exactly one `*` is a case-insensitive *substring* match (`name:job*` matches
 * `my-job-1`), while a `*` elsewhere is literal; an empty value means IS NULL.
 */
export function assertWhereValue(value: string, field?: string): void {
  if (value.includes(',')) {
    throw new DciValueError(field, "',' cannot be used in a DCI where value");
  }
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      throw new DciValueError(field, `${describeCodePoint(c)} cannot be used in a value`);
    }
  }
}

function describeCodePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The length in bytes of the HTTP request line `METHOD /api/v1<path>?<query> HTTP/1.1` the
 * client will send for `path` (relative to /api/v1, as DciClient takes it) and `params`, so a
 * caller can keep batches under {@link MAX_REQUEST_LINE}.
 */
export function requestLineLength(
  method: string,
  path: string,
  params: Readonly<Record<string, string>> = {},
): number {
  const query = canonicalQueryString(params);
  const target = `/api/v1${encodePath(path)}${query ? `?${query}` : ''}`;
  return `${method.toUpperCase()} ${target} HTTP/1.1`.length;
}

/**
 * Percent-encodes each segment of a decoded path for the wire; the signature covers the decoded
 * form, which is what the server sees after decoding (§2.1).
 */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

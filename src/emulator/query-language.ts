/**
 * DCI's list parameters (REST reference §3): validation of `limit`/`offset`/`sort`/`where`/
 * `query`/`embed`/`created_after`/`updated_after`, the `where` filter, the `query` DSL
 * evaluation and sorting, with the real server's quirks and error texts. Pure: no I/O.
 *
 * Rows are plain objects whose keys are the resource's columns. Values are compared the way
 * PostgreSQL would: SQL three-valued logic (a comparison with NULL is neither true nor false, so
 * `not(eq(pipeline_id,X))` drops the rows whose `pipeline_id` is null), literals cast to the
 * column's type (a malformed literal is a 400 carrying the database error text), strings ordered
 * by code point (the "C" collation).
 */

import { dciError, htmlError, malformed } from './errors.js';
import { type DslBinOp, type DslNode, DslSyntaxError, parseDsl } from './query-dsl.js';

export type { DslNode } from './query-dsl.js';

/** The storage type of a column, which decides how filters cast and compare values. */
export type ColumnType =
  | 'string'
  | 'uuid'
  | 'int'
  | 'float'
  | 'bool'
  | 'datetime'
  | 'array'
  | 'json';

/** A PostgreSQL enum column: its type name (for error texts) and its values in declared order. */
export interface EnumType {
  name: string;
  values: readonly string[];
}

/** DCI's `states` enum (every resource's `state` column). */
export const STATE_ENUM: EnumType = { name: 'states', values: ['active', 'inactive', 'archived'] };

/** DCI's `statuses` enum (`jobs.status`, `jobstates.status`), in declaration order. */
export const JOB_STATUS_ENUM: EnumType = {
  name: 'statuses',
  values: ['new', 'pre-run', 'running', 'post-run', 'success', 'failure', 'killed', 'error'],
};

/** The columns of a listed resource and its list defaults. */
export interface ResourceSchema {
  /** Every column of the model (not relations): the valid sort, where and query keys. */
  columns: Record<string, ColumnType>;
  /** Sort used when `sort` is absent, e.g. `-created_at` (`-released_at` for components). */
  defaultSort: string;
  /** Columns `where` refuses; defaults to DEFAULT_WHERE_FORBIDDEN. The DSL has no such list. */
  whereForbidden?: string[];
  /**
   * String columns that are PostgreSQL enums (`state`, `status`). Optional: with it, the DSL
   * rejects unknown enum literals and `like` as PostgreSQL does, and sorts in declaration order.
   */
  enums?: Record<string, EnumType>;
}

/** Keys `where` always refuses (hard-coded in DCI, whatever the resource). */
export const DEFAULT_WHERE_FORBIDDEN: readonly string[] = [
  'api_secret',
  'data',
  'password',
  'cert_fp',
];

/** One parsed sort key. */
export interface SortKey {
  column: string;
  descending: boolean;
}

/** One parsed `where` item; `value` null means IS NULL (the item had an empty value). */
export interface WhereItem {
  column: string;
  value: string | null;
}

/** A row predicate: true, false, or null (SQL unknown, which a filter treats as false). */
export type RowPredicate = (row: object) => boolean | null;

/** Internal view of a row. */
type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean | null;

/** Parsed and validated list parameters, ready for applyListQuery. */
export interface ListQuery {
  /** Page size after the silent cap at 200; null when the route does not paginate. */
  limit: number | null;
  offset: number;
  /** Effective sort keys (the schema default when `sort` was absent or empty). */
  sort: SortKey[];
  /** The `where` items, or null when no `where` was given. */
  where: WhereItem[] | null;
  /** The single DSL node applied (only the first top-level element), or null. */
  query: DslNode | null;
  /** Normalised `created_after`/`updated_after` bounds (`>=`), null when absent or ignored. */
  createdAfter: string | null;
  updatedAfter: string | null;
  /** The compiled filter combining where/query/created_after/updated_after. */
  matches: (row: object) => boolean;
}

const ACCEPTED = [
  'limit',
  'offset',
  'sort',
  'where',
  'query',
  'embed',
  'created_after',
  'updated_after',
];
const LIMIT_MAX = 200;
const LIMIT_DEFAULT = 20;

// ---------------------------------------------------------------------------------------------
// Database-style errors

const PG_TYPE: Record<ColumnType, string> = {
  string: 'character varying',
  uuid: 'uuid',
  int: 'integer',
  float: 'double precision',
  bool: 'boolean',
  datetime: 'timestamp without time zone',
  array: 'text[]',
  json: 'json',
};

/** Python's repr of a str, as SQLAlchemy prints bound parameters. */
const pyRepr = (s: string) =>
  s.includes("'") && !s.includes('"')
    ? `"${s}"`
    : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A 400 whose message imitates `str()` of a SQLAlchemy DBAPIError, which DCI returns verbatim:
 * the psycopg2 error class, PostgreSQL's text, the SQL and the SQLAlchemy help link.
 */
function dbError(errorClass: string, text: string, column: string, sqlOp: string, value: string) {
  const code = errorClass === 'UndefinedFunction' ? 'f405' : '9h9h';
  return dciError(
    400,
    `(psycopg2.errors.${errorClass}) ${text}\n\n` +
      `[SQL: SELECT … WHERE ${column} ${sqlOp} %(param_1)s]\n` +
      `[parameters: {'param_1': ${pyRepr(value)}}]\n` +
      `(Background on this error at: http://sqlalche.me/e/${code})`,
  );
}

const invalidSyntax = (pgType: string, column: string, op: string, value: string) =>
  dbError(
    'InvalidTextRepresentation',
    `invalid input syntax for type ${pgType}: "${value}"`,
    column,
    op,
    value,
  );

const noOperator = (type: string, op: string, column: string, value: string) =>
  dbError('UndefinedFunction', `operator does not exist: ${type} ${op} unknown`, column, op, value);

// ---------------------------------------------------------------------------------------------
// Timestamps

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Normalises a stored timestamp (naive UTC ISO, with or without the fraction Python drops when
 * it is zero, or a Date) to the fixed-width `YYYY-MM-DDTHH:MM:SS.ffffff`, so that plain string
 * comparison orders `…:05` before `…:05.000001`. Returns null for null/undefined/unparseable.
 */
export function normalizeTimestamp(v: unknown): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return `${v.toISOString().slice(0, 23)}000`;
  }
  if (typeof v !== 'string') return null;
  // The stored form (`2026-05-01T10:00:00.123456`, or without the fraction) without a regex:
  // list filters and sorts normalise every candidate row's timestamps.
  if (v.length === 26 && isPlainTimestamp(v, 26)) return v;
  if (v.length === 19 && isPlainTimestamp(v, 19)) return `${v}.000000`;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:Z|[+-]00:?00)?$/.exec(v);
  if (!m) return null;
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}`;
}

/** `YYYY-MM-DDTHH:MM:SS` (length 19) or the same with `.ffffff` (length 26). */
function isPlainTimestamp(v: string, length: 19 | 26): boolean {
  for (let i = 0; i < length; i++) {
    const c = v.charCodeAt(i);
    const expected = PLAIN_TIMESTAMP[i]!;
    if (expected === 0 ? c < 48 || c > 57 : c !== expected) return false;
  }
  return true;
}

/** Per position of `YYYY-MM-DDTHH:MM:SS.ffffff`: 0 for a digit, else the character code. */
const PLAIN_TIMESTAMP = [...'0000-00-00T00:00:00.000000'].map((ch) =>
  ch === '0' ? 0 : ch.charCodeAt(0),
);

/** C's rint(): the nearest integer, halves to even. */
function rint(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return diff > 0.5 ? floor + 1 : floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Casts a literal to `timestamp without time zone` as PostgreSQL does for the common ISO forms
 * (`2025-01-01`, `2025-01-01T10:00`, `2025-01-01 10:00:00.5`; a zone suffix is ignored). Throws
 * the database error for anything else.
 */
function castTimestamp(value: string, column: string, op: string): string {
  const m =
    /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i.exec(
      value,
    );
  if (!m) throw invalidSyntax('timestamp', column, op, value);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 24 || mi > 59 || s > 60) {
    throw dbError(
      'DatetimeFieldOverflow',
      `date/time field value out of range: "${value}"`,
      column,
      op,
      value,
    );
  }
  // PostgreSQL reads the fraction as a double and rounds it with rint() (halves to even).
  let micros = rint(Number(`0.${m[7] ?? '0'}`) * 1e6);
  let date = Date.UTC(y, mo - 1, d, h, mi, s);
  if (micros >= 1e6) {
    micros -= 1e6;
    date += 1000;
  }
  return `${new Date(date).toISOString().slice(0, 19)}.${pad(micros, 6)}`;
}

/**
 * DCI's `created_after`/`updated_after` reading: Python `strptime('%Y-%m-%dT%H:%M:%S.%f')`
 * (fraction required, 1-6 digits, 1-2 digit fields accepted) or an integer of epoch
 * milliseconds. Any other text is silently ignored (null), as on the real server.
 */
export function parseAfter(raw: string | null): string | null {
  if (!raw) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})\.(\d{1,6})$/i.exec(raw);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 61) return null;
    if (s > 59) return null; // strptime accepts 60/61 but datetime() refuses them
    return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${m[7]!.padEnd(6, '0')}`;
  }
  // Python int(): surrounding whitespace, a sign and '_' between digits are allowed.
  const t = raw.trim();
  if (/^[+-]?\d+(?:_\d+)*$/.test(t)) {
    const ms = Number(t.replace(/_/g, ''));
    const date = new Date(ms);
    if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) return null;
    const iso = date.toISOString();
    if (!/^\d{4}-/.test(iso)) return null;
    // fromtimestamp(ms / 1000) keeps sub-millisecond precision of the float; ms are exact here.
    return `${iso.slice(0, 23)}000`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Literal casts (PostgreSQL input functions)

function castUuid(value: string, column: string, op: string): string {
  const body = value.startsWith('{') && value.endsWith('}') ? value.slice(1, -1) : value;
  // PostgreSQL accepts 32 hex digits with an optional hyphen after any group of four.
  if (!/^[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}$/i.test(body)) {
    throw invalidSyntax('uuid', column, op, value);
  }
  const hex = body.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function castInt(value: string, column: string, op: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw invalidSyntax('integer', column, op, value);
  const n = Number(value.trim());
  if (n < -2147483648 || n > 2147483647) {
    throw dbError(
      'NumericValueOutOfRange',
      `value "${value}" is out of range for type integer`,
      column,
      op,
      value,
    );
  }
  return n;
}

function castFloat(value: string, column: string, op: string): number {
  const t = value.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^nan$/i.test(t)) return Number.NaN;
  if (/^[+-]?(?:infinity|inf)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  throw invalidSyntax('double precision', column, op, value);
}

function castBool(value: string, column: string, op: string): boolean {
  const t = value.trim().toLowerCase();
  const prefixOf = (word: string, min = 1) => t.length >= min && word.startsWith(t);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || t === '1') return true;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || t === '0') return false;
  throw invalidSyntax('boolean', column, op, value);
}

type Scalar = string | number | boolean;

/** The comparable form of a stored value, or null for SQL NULL. */
function rowValue(row: Record<string, unknown>, column: string, type: ColumnType): Scalar | null {
  const v = row[column];
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'datetime':
      return normalizeTimestamp(v);
    case 'uuid':
      return String(v).toLowerCase();
    case 'int':
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    case 'bool':
      return Boolean(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

/**
 * PostgreSQL's text order under DCI's `en_US.UTF-8` collation (glibc 2.28+, ISO 14651; ICU's
 * en-US root tables agree): case-insensitive first, lower case first on a tie, punctuation before
 * digits before letters; ties between different texts broken by byte order.
 */
const TEXT_COLLATOR = new Intl.Collator('en-US', { sensitivity: 'variant' });

function collate(a: string, b: string): number {
  if (a === b) return 0;
  return TEXT_COLLATOR.compare(a, b) || (a < b ? -1 : 1);
}

/** Compares two values of one column; `text` uses the collation (uuids and timestamps don't). */
function compareTyped(a: Scalar, b: Scalar, type: ColumnType): number {
  return type === 'string' && typeof a === 'string' && typeof b === 'string'
    ? collate(a, b)
    : compare(a, b);
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // PostgreSQL orders NaN above every other float.
    if (Number.isNaN(a) || Number.isNaN(b))
      return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a - b;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** SQL LIKE (`%` any run, `_` one character, `\` escapes) as a RegExp. */
function likeRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let src = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      src += chars[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, caseInsensitive ? 'isu' : 'su');
}

// ---------------------------------------------------------------------------------------------
// The query DSL

const SQL_OP: Record<DslBinOp, string> = {
  eq: '=',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  like: 'LIKE',
  ilike: 'ILIKE',
  contains: '@>',
  not_contains: '@>',
};
const PG_OP: Record<DslBinOp, string> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  like: '~~',
  ilike: '~~*',
  contains: '@>',
  not_contains: '@>',
};

/**
 * Kleene AND (OR) of predicates over one row, evaluated left to right and stopped at the first
 * false (true): false (true) if any part is, else unknown (null) if any part is, else true
 * (false).
 */
function all3(parts: Predicate[]): Predicate {
  return kleene(parts, false);
}

function any3(parts: Predicate[]): Predicate {
  return kleene(parts, true);
}

/** `decisive` if a part is (stopping there), else unknown if a part is, else `!decisive`. */
function kleene(parts: Predicate[], decisive: boolean): Predicate {
  return (row) => {
    let unknown = false;
    for (const p of parts) {
      const v = p(row);
      if (v === decisive) return decisive;
      if (v === null) unknown = true;
    }
    return unknown ? null : !decisive;
  };
}

/**
 * First pass, in DCI's build order: unknown fields (400 "Invalid field: f") and the operators
 * DCI crashes on (not_contains, not() with two or more operands: HTML 500).
 */
function checkDsl(node: DslNode, schema: ResourceSchema): void {
  if (node.kind === 'logic') {
    for (const operand of node.operands) checkDsl(operand, schema);
    // sqlalchemy's not_() takes exactly one clause; DCI passes it every operand -> TypeError.
    if (node.op === 'not' && node.operands.length !== 1) {
      throw htmlError(500, 'Internal Server Error');
    }
    return;
  }
  if (!Object.hasOwn(schema.columns, node.field)) {
    throw dciError(400, `Invalid field: ${node.field}`);
  }
  // DCI evaluates Python `not` on a SQL clause, which raises: every not_contains is a 500.
  if (node.kind === 'binop' && node.op === 'not_contains') {
    throw htmlError(500, 'Internal Server Error');
  }
}

/** Second pass: casts literals (database errors) and builds the predicate. */
function compileDsl(node: DslNode, schema: ResourceSchema): Predicate {
  if (node.kind === 'logic') {
    const parts = node.operands.map((o) => compileDsl(o, schema));
    if (node.op === 'not') {
      const inner = parts[0]!;
      return (row) => {
        const v = inner(row);
        return v === null ? null : !v;
      };
    }
    return node.op === 'and' ? all3(parts) : any3(parts);
  }
  const column = node.field;
  const type = schema.columns[column]!;
  const enumType = schema.enums?.[column];
  if (node.kind === 'null') {
    // DCI tests `f IS NULL OR f = ''`; the '' literal must cast to the column's type.
    castLiteral('', column, type, '=', enumType);
    return (row) => {
      const v = row[column];
      return v === null || v === undefined || v === '';
    };
  }
  const { op, value } = node;
  const sqlOp = SQL_OP[op];
  if (op === 'contains') {
    if (type !== 'array') throw noOperator(PG_TYPE[type], '@>', column, value);
    return (row) => {
      const v = row[column];
      return Array.isArray(v) ? v.includes(value) : null;
    };
  }
  if (op === 'like' || op === 'ilike') {
    if (type !== 'string' || enumType) {
      throw noOperator(enumType?.name ?? PG_TYPE[type], PG_OP[op], column, value);
    }
    const re = likeRegExp(value, op === 'ilike');
    return (row) => {
      const v = row[column];
      return v === null || v === undefined ? null : re.test(String(v));
    };
  }
  if (type === 'json') throw noOperator('json', PG_OP[op], column, value);
  const literal = castLiteral(value, column, type, sqlOp, enumType);
  return (row) => {
    const v = rowValue(row, column, type);
    if (v === null) return null;
    const c = enumType
      ? enumCompare(enumType, String(v), String(literal))
      : compareTyped(v, literal, type);
    switch (op) {
      case 'eq':
        return c === 0;
      case 'ne':
        return c !== 0;
      case 'lt':
        return c < 0;
      case 'le':
        return c <= 0;
      case 'gt':
        return c > 0;
      default:
        return c >= 0;
    }
  };
}

function enumCompare(e: EnumType, a: string, b: string): number {
  return e.values.indexOf(a) - e.values.indexOf(b);
}

/** Casts a DSL or where literal to the column's type, throwing PostgreSQL's error. */
function castLiteral(
  value: string,
  column: string,
  type: ColumnType,
  op: string,
  enumType?: EnumType,
): Scalar {
  switch (type) {
    case 'uuid':
      return castUuid(value, column, op);
    case 'int':
      return castInt(value, column, op);
    case 'float':
      return castFloat(value, column, op);
    case 'bool':
      return castBool(value, column, op);
    case 'datetime':
      return castTimestamp(value, column, op);
    case 'array':
      throw dbError(
        'InvalidTextRepresentation',
        `malformed array literal: "${value}"\nDETAIL:  Array value must start with "{" or dimension information.`,
        column,
        op,
        value,
      );
    case 'json':
      throw noOperator('json', op === '!=' ? '<>' : op, column, value);
    default:
      if (enumType && !enumType.values.includes(value)) {
        throw dbError(
          'InvalidTextRepresentation',
          `invalid input value for enum ${enumType.name}: "${value}"`,
          column,
          op,
          value,
        );
      }
      return value;
  }
}

/**
 * Parses and compiles a `query=` expression against a schema exactly as DCI does: only the
 * first top-level element is used, trailing text is ignored; throws EmulatorError (400 parse
 * error, 400 "Invalid field: f", 500 HTML for not_contains and not() arity, 400 database errors
 * for literals that do not cast to the column type).
 */
export function compileQuery(
  expression: string,
  schema: ResourceSchema,
): { node: DslNode; predicate: RowPredicate } {
  let nodes: DslNode[];
  try {
    nodes = parseDsl(expression);
  } catch (e) {
    if (e instanceof DslSyntaxError) {
      throw dciError(400, `error while parsing the query ${e.message}`);
    }
    throw e;
  }
  const node = nodes[0]!;
  checkDsl(node, schema);
  const predicate = compileDsl(node, schema);
  return { node, predicate: (row) => predicate(row as Row) };
}

/** Convenience: evaluates a DSL expression against one row (true only when SQL would be TRUE). */
export function matchesQuery(row: object, expression: string, schema: ResourceSchema): boolean {
  return compileQuery(expression, schema).predicate(row) === true;
}

// ---------------------------------------------------------------------------------------------
// where

/**
 * Python's `csv.reader` (default dialect) on one line: a `"` opens a quoted field only at the
 * start of a field, `""` inside it is a quote, anything after the closing quote is kept.
 */
function pythonCsv(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      atStart = true;
      continue;
    } else if (c === '"' && atStart) quoted = true;
    else field += c;
    atStart = false;
  }
  fields.push(field);
  return fields;
}

/** DCI's `_get_csv`: strip, drop newlines and tabs, then csv-split. */
const dciCsv = (raw: string) => pythonCsv(raw.trim().replace(/[\n\t]/g, ''));

/**
 * Compiles validated `where` items (AND). String columns compare lower-cased; a value ending in
 * exactly one `*` is a case-insensitive substring match whose `%`/`_` still act as LIKE
 * wildcards (DCI does not escape them); arrays test membership, case-sensitively; an empty
 * value is IS NULL; other types cast the value (database error when it does not cast).
 */
function compileWhereItems(items: WhereItem[], schema: ResourceSchema): Predicate {
  const parts: Predicate[] = items.map(({ column, value }) => {
    const type = schema.columns[column]!;
    if (value === null) {
      return (row) => row[column] === null || row[column] === undefined;
    }
    if (type === 'string') {
      const lower = value.toLowerCase();
      if (lower.endsWith('*') && lower.split('*').length === 2) {
        const re = likeRegExp(`%${lower.slice(0, -1)}%`, false);
        return (row) => {
          const v = row[column];
          return v === null || v === undefined ? null : re.test(String(v).toLowerCase());
        };
      }
      return (row) => {
        const v = row[column];
        return v === null || v === undefined ? null : String(v).toLowerCase() === lower;
      };
    }
    if (type === 'array') {
      return (row) => {
        const v = row[column];
        return Array.isArray(v) ? v.includes(value) : null;
      };
    }
    const literal = castLiteral(value, column, type, '=');
    return (row) => {
      const v = rowValue(row, column, type);
      return v === null ? null : compare(v, literal) === 0;
    };
  });
  return all3(parts);
}

/**
 * Validates and compiles a `where` value as DCI does after its schema check: items split at
 * their first colon, unknown keys (400 with the valid keys), forbidden keys (400, empty
 * payload), then the casts. Throws EmulatorError.
 */
export function compileWhere(
  where: string,
  schema: ResourceSchema,
): { items: WhereItem[]; predicate: RowPredicate } {
  const columns = Object.keys(schema.columns);
  const forbidden = schema.whereForbidden ?? DEFAULT_WHERE_FORBIDDEN;
  const items: WhereItem[] = [];
  for (const w of dciCsv(where)) {
    const colon = w.indexOf(':');
    if (colon < 0) {
      // Reachable only through csv quoting the schema check did not see.
      throw dciError(400, `Invalid where key: "${w}"`, {
        error: 'where key must have the following form "key:value"',
      });
    }
    const column = w.slice(0, colon);
    const value = w.slice(colon + 1);
    if (!Object.hasOwn(schema.columns, column)) {
      throw dciError(400, `Invalid where key: "${w}"`, { 'Valid where keys': [...columns].sort() });
    }
    if (forbidden.includes(column)) throw dciError(400, `Invalid where key: "${column}"`);
    items.push({ column, value: value === '' ? null : value });
  }
  const predicate = compileWhereItems(items, schema);
  return { items, predicate: (row) => predicate(row as Row) };
}

/** Convenience: evaluates a `where` value against one row. */
export function matchesWhere(row: object, where: string, schema: ResourceSchema): boolean {
  return compileWhere(where, schema).predicate(row) === true;
}

// ---------------------------------------------------------------------------------------------
// Parameters

/**
 * Validates and parses a list request's query string exactly as DCI does, in its order: the
 * JSON-schema check (every error at once: unknown parameters, limit/offset patterns and their
 * mutual requirement, the where csv shape), then sort keys, then `where` (which makes DCI ignore
 * `query`) or `query`. Repeated keys: the first value wins (Flask's `to_dict()`). `embed` is
 * accepted and ignored. With `paginated: false` (routes such as `/components/<id>/files`)
 * limit/offset are still validated but not applied. Throws EmulatorError.
 */
export function parseListParams(
  params: URLSearchParams,
  schema: ResourceSchema,
  opts: { paginated?: boolean } = {},
): ListQuery {
  const args = new Map<string, string>();
  for (const [k, v] of params) if (!args.has(k)) args.set(k, v);

  const errors: string[] = [];
  const extras = [...args.keys()].filter((k) => !ACCEPTED.includes(k));
  if (extras.length > 0) {
    const names = extras.map(pyRepr).join(', ');
    errors.push(
      `Additional properties are not allowed (${names} ${extras.length === 1 ? 'was' : 'were'} unexpected)`,
    );
  }
  const limitRaw = args.get('limit');
  const offsetRaw = args.get('offset');
  // jsonschema uses re.search, whose `$` also matches before a final newline.
  if (limitRaw !== undefined && !/^[1-9]\d*\n?$/.test(limitRaw)) {
    errors.push(`limit: '${limitRaw}' is not a positive integer`);
  }
  if (offsetRaw !== undefined && !/^\d+\n?$/.test(offsetRaw)) {
    errors.push(`offset: '${offsetRaw}' is not a positive or null integer`);
  }
  if (limitRaw !== undefined && offsetRaw === undefined) {
    errors.push("'offset' is a required property");
  }
  if (offsetRaw !== undefined && limitRaw === undefined) {
    errors.push("'limit' is a required property");
  }
  const whereRaw = args.get('where');
  if (whereRaw !== undefined) {
    // One error per item without a colon, each quoting the whole value (duplicates and all).
    for (const element of whereRaw.split(',')) {
      if (!element.includes(':')) errors.push(`where: '${whereRaw}' is not a 'key value csv'`);
    }
  }
  if (errors.length > 0) throw malformed(...errors);

  const columns = Object.keys(schema.columns);
  const sortRaw = args.get('sort');
  const sort: SortKey[] = [];
  for (const s of sortRaw ? dciCsv(sortRaw) : dciCsv(schema.defaultSort)) {
    const descending = s.startsWith('-');
    const column = descending ? s.slice(1) : s;
    if (!Object.hasOwn(schema.columns, column)) {
      throw dciError(400, `Invalid sort key: "${column}"`, {
        'Valid sort keys': [...columns].sort(),
      });
    }
    sort.push({ column, descending });
  }

  let where: WhereItem[] | null = null;
  let query: DslNode | null = null;
  let filter: RowPredicate | null = null;
  if (whereRaw) {
    const compiled = compileWhere(whereRaw, schema);
    where = compiled.items;
    filter = compiled.predicate;
  } else if (args.get('query')) {
    const compiled = compileQuery(args.get('query')!, schema);
    query = compiled.node;
    filter = compiled.predicate;
  }
  // Column types decide the ORDER BY; json has no ordering operator in PostgreSQL.
  for (const key of sort) {
    if (schema.columns[key.column] === 'json') {
      throw dbError(
        'UndefinedFunction',
        'could not identify an ordering operator for type json',
        key.column,
        'ORDER BY',
        key.column,
      );
    }
  }

  const createdAfter = parseAfter(args.get('created_after') ?? null);
  const updatedAfter = parseAfter(args.get('updated_after') ?? null);

  const paginated = opts.paginated ?? true;
  const limit = paginated
    ? Math.min(limitRaw === undefined ? LIMIT_DEFAULT : Number.parseInt(limitRaw, 10), LIMIT_MAX)
    : null;
  const offset = paginated && offsetRaw !== undefined ? Number.parseInt(offsetRaw, 10) : 0;

  const matches = (row: object) => {
    if (filter && filter(row) !== true) return false;
    if (createdAfter !== null) {
      const v = normalizeTimestamp((row as Row)['created_at']);
      if (v === null || v < createdAfter) return false;
    }
    if (updatedAfter !== null) {
      const v = normalizeTimestamp((row as Row)['updated_at']);
      if (v === null || v < updatedAfter) return false;
    }
    return true;
  };
  return { limit, offset, sort, where, query, createdAfter, updatedAfter, matches };
}

// ---------------------------------------------------------------------------------------------
// Applying

/** A row's value for one sort key, computed once per row rather than once per comparison. */
export function sortValue(
  row: Record<string, unknown>,
  key: SortKey,
  schema: ResourceSchema,
): unknown {
  const type = schema.columns[key.column]!;
  return type === 'array' ? row[key.column] : rowValue(row, key.column, type);
}

/** Compares two sort values of one key, PostgreSQL style: NULLS LAST ascending, FIRST descending. */
export function compareSortValues(
  x: unknown,
  y: unknown,
  key: SortKey,
  schema: ResourceSchema,
): number {
  const type = schema.columns[key.column]!;
  const enumType = schema.enums?.[key.column];
  let c: number;
  if (type === 'array') {
    if (!Array.isArray(x) || !Array.isArray(y)) {
      c = Number(!Array.isArray(x)) - Number(!Array.isArray(y));
    } else {
      c = 0;
      for (let i = 0; c === 0 && i < Math.min(x.length, y.length); i++) {
        c = collate(String(x[i]), String(y[i]));
      }
      if (c === 0) c = x.length - y.length;
    }
  } else if (x === null || y === null) {
    c = Number(x === null) - Number(y === null);
  } else {
    c = enumType
      ? enumCompare(enumType, String(x), String(y))
      : compareTyped(x as Scalar, y as Scalar, type);
  }
  return key.descending ? -c : c;
}

/**
 * Sorts rows as DCI's ORDER BY does (stable: rows equal on every key keep their given order),
 * without filtering or paging.
 */
export function sortRows<T extends object>(
  rows: readonly T[],
  sort: readonly SortKey[],
  schema: ResourceSchema,
): T[] {
  // Sort keys are computed once per row (timestamps are normalised by a regex): at tens of
  // thousands of rows, normalising inside the comparator dominated every list request.
  return rows
    .map((row, index) => ({
      row,
      index,
      values: sort.map((key) => sortValue(row as Record<string, unknown>, key, schema)),
    }))
    .sort((a, b) => {
      for (let i = 0; i < sort.length; i++) {
        const c = compareSortValues(a.values[i], b.values[i], sort[i]!, schema);
        if (c !== 0) return c;
      }
      return a.index - b.index;
    })
    .map((e) => e.row);
}

/**
 * Filters, sorts (stable; several keys in order) and pages rows as DCI's list endpoints do.
 * `count` is the number of matching rows before limit/offset, as in `_meta.count`. A full scan:
 * the routes answer from indexes (indexed-list.ts), which must give exactly this result.
 */
export function applyListQuery<T extends object>(
  rows: T[],
  q: ListQuery,
  schema: ResourceSchema,
): { rows: T[]; count: number } {
  const matching = rows.filter((r) => q.matches(r));
  const sorted = sortRows(matching, q.sort, schema);
  const page =
    q.limit === null ? sorted.slice(q.offset) : sorted.slice(q.offset, q.offset + q.limit);
  return { rows: page, count: matching.length };
}

// ---------------------------------------------------------------------------------------------
// Index plans

/**
 * What a list's filter requires of a row, so the rows it can match can be taken from an index:
 * a row can only pass the filter when the plan holds for it. `eq`: the column's stored text
 * equals `value` (`caseInsensitive`: equals it once lower-cased, `value` being lower case);
 * `range`: the column's normalised timestamp lies within the bounds (NULL never does); `and`:
 * every part holds; `or`: some part holds. null: the filter requires nothing an index can
 * serve (or there is no filter).
 */
export type IndexPlan =
  | { kind: 'eq'; column: string; value: string; caseInsensitive: boolean }
  | { kind: 'range'; column: string; lower: Bound | null; upper: Bound | null }
  | { kind: 'and' | 'or'; parts: IndexPlan[] };

/** One end of a range: a normalised timestamp, the end included or not. */
export interface Bound {
  value: string;
  inclusive: boolean;
}

/**
 * The index plan of a parsed list query: its `where` items (which override `query`), or what
 * its DSL node requires of every matching row (`eq` on uuid and string columns; `eq`, `lt`,
 * `le`, `gt`, `ge` on timestamps; through `and` (any part) and `or` (every operand must have a
 * plan)); and `created_after`/`updated_after`. Literals are cast as the filter casts them, so
 * the plan names exactly the values the filter compares with.
 */
export function indexPlan(q: ListQuery, schema: ResourceSchema): IndexPlan | null {
  const after: IndexPlan[] = [];
  for (const [column, value] of [
    ['created_at', q.createdAfter],
    ['updated_at', q.updatedAfter],
  ] as const) {
    if (value !== null && schema.columns[column] === 'datetime') {
      after.push({ kind: 'range', column, lower: { value, inclusive: true }, upper: null });
    }
  }
  if (q.where) {
    const parts: IndexPlan[] = [...after];
    for (const { column, value } of q.where) {
      const type = schema.columns[column];
      if (value === null) continue;
      if (type === 'uuid') {
        parts.push({
          kind: 'eq',
          column,
          value: castUuid(value, column, '='),
          caseInsensitive: true,
        });
      } else if (type === 'string') {
        const lower = value.toLowerCase();
        // `x*` is a substring match, not an equality.
        if (lower.endsWith('*') && lower.split('*').length === 2) continue;
        parts.push({ kind: 'eq', column, value: lower, caseInsensitive: true });
      }
    }
    return combine('and', parts);
  }
  const dsl = q.query ? dslPlan(q.query, schema) : null;
  return combine('and', dsl ? [dsl, ...after] : after);
}

function dslPlan(node: DslNode, schema: ResourceSchema): IndexPlan | null {
  if (node.kind === 'logic') {
    if (node.op === 'not') return null;
    const parts = node.operands.map((o) => dslPlan(o, schema));
    if (node.op === 'or' && parts.some((p) => p === null)) return null;
    return combine(
      node.op,
      parts.filter((p): p is IndexPlan => p !== null),
    );
  }
  if (node.kind !== 'binop') return null;
  const type = schema.columns[node.field];
  if (type === 'datetime' && RANGE_OPS.has(node.op)) {
    const value = castTimestamp(node.value, node.field, SQL_OP[node.op]);
    const op = node.op;
    const lower =
      op === 'eq' || op === 'ge' || op === 'gt' ? { value, inclusive: op !== 'gt' } : null;
    const upper =
      op === 'eq' || op === 'le' || op === 'lt' ? { value, inclusive: op !== 'lt' } : null;
    return { kind: 'range', column: node.field, lower, upper };
  }
  if (node.op !== 'eq') return null;
  if (type === 'uuid') {
    const value = castUuid(node.value, node.field, '=');
    return { kind: 'eq', column: node.field, value, caseInsensitive: true };
  }
  if (type === 'string') {
    return { kind: 'eq', column: node.field, value: node.value, caseInsensitive: false };
  }
  return null;
}

/**
 * Whether the query's filter holds for exactly the rows its plan names (no more), each named
 * once: one `where` equality, one DSL `eq` or timestamp comparison, an `or` of equalities on one
 * column, or `created_after`/`updated_after` alone. `_meta.count` is then the plan's rows, no
 * filter evaluated (but on archived or out-of-scope ones).
 */
export function isExactPlan(q: ListQuery, plan: IndexPlan | null): boolean {
  if (plan === null) return false;
  const afters = Number(q.createdAfter !== null) + Number(q.updatedAfter !== null);
  if (q.where) return afters === 0 && q.where.length === 1 && plan.kind === 'eq';
  if (q.query === null) return afters === 1 && plan.kind === 'range';
  if (afters > 0) return false;
  const node = unwrap(q.query);
  if (node.kind === 'binop') return plan.kind === 'eq' || plan.kind === 'range';
  if (node.kind !== 'logic' || node.op !== 'or' || plan.kind !== 'or') return false;
  // Every operand an equality on the same column, the values distinct: disjoint groups.
  const values = new Set<string>();
  for (const part of plan.parts) {
    if (part.kind !== 'eq' || part.column !== (plan.parts[0] as { column: string }).column) {
      return false;
    }
    values.add(part.value);
  }
  return (
    values.size === plan.parts.length &&
    node.operands.length === plan.parts.length &&
    node.operands.every((o) => unwrap(o).kind === 'binop')
  );
}

/** A logic node of one operand means its operand. */
function unwrap(node: DslNode): DslNode {
  return node.kind === 'logic' && node.op !== 'not' && node.operands.length === 1
    ? unwrap(node.operands[0]!)
    : node;
}

/** The DSL operators a timestamp range serves. */
const RANGE_OPS = new Set<DslBinOp>(['eq', 'lt', 'le', 'gt', 'ge']);

function combine(kind: 'and' | 'or', parts: IndexPlan[]): IndexPlan | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { kind, parts };
}

/**
 * Helpers shared by the route modules: validated lists, If-Match, UUID body fields.
 */
import type { Reply, RouteContext } from '../context.js';
import { listReply } from '../context.js';
import { dciError, malformed } from '../errors.js';
import { applyListQuery, parseListParams, type ResourceSchema } from '../query-language.js';
import { isUuid } from '../router.js';

/**
 * A list answered through the shared parameter validator (§3.1): limit/offset/sort/where/query
 * apply, unknown parameters are 400, `_meta.count` ignores pagination.
 */
export function validatedList<T extends object>(
  ctx: RouteContext,
  schema: ResourceSchema,
  key: string,
  rows: T[],
  view: (row: T) => unknown,
): Reply {
  const q = parseListParams(ctx.query, schema);
  const { rows: page, count } = applyListQuery(rows, q, schema);
  return listReply(key, page.map(view), count);
}

/**
 * The raw If-Match value; missing -> 412 with the server's exact message (§6). The value is
 * compared raw: a quoted etag does not match.
 */
export function requireIfMatch(ctx: RouteContext): string {
  const raw = ctx.headers['if-match'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) throw dciError(412, "'If-match' header must be provided");
  return value;
}

/** JSON-schema style pattern error for a uuid field (§7.1). */
export function uuidField(body: Record<string, unknown>, field: string, required = false) {
  const v = body[field];
  if (v === undefined || v === null) {
    if (required) throw malformed(`'${field}' is a required property`);
    return null;
  }
  if (!isUuid(v)) {
    throw malformed(
      `${field}: ${pyRepr(v)} ${pyRepr(v)} does not match '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`,
    );
  }
  return v.toLowerCase();
}

/** Python-ish repr of a JSON value for validation messages. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return JSON.stringify(v);
}

/** Rejects fields outside `allowed` with jsonschema's message (§7.2). */
export function noExtraFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extras = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extras.length === 0) return;
  const names = extras.map(pyRepr).join(', ');
  throw malformed(
    `Additional properties are not allowed (${names} ${extras.length === 1 ? 'was' : 'were'} unexpected)`,
  );
}

/** Type check helpers for body fields: 400 "<field>: <v> is not of type '<t>'". */
export function typed(
  body: Record<string, unknown>,
  field: string,
  type: 'string' | 'array' | 'object' | 'number',
  nullable = false,
): void {
  const v = body[field];
  if (v === undefined || (nullable && v === null)) return;
  const good =
    type === 'array'
      ? Array.isArray(v)
      : type === 'object'
        ? v !== null && typeof v === 'object' && !Array.isArray(v)
        : typeof v === type;
  if (!good) throw malformed(`${field}: ${pyRepr(v)} is not of type '${type}'`);
}

/** Each element of an array field must be a UUID; returns them lower-cased. */
export function uuidItems(body: Record<string, unknown>, field: string): string[] {
  const list = body[field];
  if (list === undefined || list === null) return [];
  return (list as unknown[]).map((v) => uuidField({ [field]: v }, field)!);
}

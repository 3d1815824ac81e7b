/**
 * Relay pagination over DCI lists. Cursors are opaque to clients (base64 of a versioned text),
 * in two versions:
 *
 * - **keyset** (`cursor:v2:<column>:<value>:<id>`), for lists ordered by a timestamp
 *   (`created_at`, `updated_at`, `released_at`) with `id` as the tie-breaker: the cursor carries
 *   the row's sort key and id, and the next page asks DCI for the rows strictly after that pair
 *   through the query DSL (`or(lt(created_at,K),and(eq(created_at,K),gt(id,I)))`), so rows
 *   inserted or deleted between two page reads never repeat or skip a row;
 * - **offset** (`cursor:v1:<offset>`), for every other order (by name, status...), whose values
 *   DCI's DSL cannot always express. Offset cursors issued before keyset paging existed keep
 *   working on every list, with offset semantics.
 *
 * Forwards: `first`/`after`; backwards: `last`/`before` (the same query with the sort reversed,
 * the rows handed back in list order). Mixing the two directions is BAD_USER_INPUT.
 */
import { userInputError } from '../errors.js';
import type { Condition } from './condition.js';

/** Page size when a connection field gets neither `first` nor `last`. */
export const DEFAULT_FIRST = 20;
/** DCI silently caps `limit` at 200 (REST-REFERENCE §3.2); the gateway refuses more instead. */
export const MAX_FIRST = 200;

const V1 = 'cursor:v1:';
const V2 = 'cursor:v2:';

/** The timestamp columns keyset cursors page on. */
const KEYSET_COLUMNS = new Set(['created_at', 'updated_at', 'released_at']);
/** DCI's naive UTC timestamps, as the DSL accepts them (§3.4 value characters). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The opaque offset cursor of the item at this offset. */
export function encodeCursor(offset: number): string {
  return b64(`${V1}${offset}`);
}

/** The position a keyset cursor stands for: the row's sort value and id. */
export interface KeysetPosition {
  column: string;
  value: string;
  id: string;
}

/** The opaque keyset cursor of a row, or null when its values cannot make one. */
export function encodeKeysetCursor(position: KeysetPosition): string | null {
  const { column, value, id } = position;
  if (!KEYSET_COLUMNS.has(column) || !TIMESTAMP.test(value) || !UUID.test(id.toLowerCase())) {
    return null;
  }
  return b64(`${V2}${column}:${value}:${id.toLowerCase()}`);
}

/** A decoded cursor. */
export type Cursor = { kind: 'offset'; offset: number } | ({ kind: 'keyset' } & KeysetPosition);

/** Decodes a cursor; throws BAD_USER_INPUT naming `field` (`after`/`before`) on anything else. */
export function decodeAnyCursor(cursor: string, field = 'after'): Cursor {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (b64(text) === cursor) {
    if (text.startsWith(V1)) {
      const digits = text.slice(V1.length);
      if (/^\d{1,9}$/.test(digits)) return { kind: 'offset', offset: Number(digits) };
    } else if (text.startsWith(V2)) {
      const m = /^([a-z_]+):(.+):([^:]+)$/.exec(text.slice(V2.length));
      if (m && encodeKeysetCursor({ column: m[1]!, value: m[2]!, id: m[3]! }) === cursor) {
        return { kind: 'keyset', column: m[1]!, value: m[2]!, id: m[3]! };
      }
    }
  }
  throw userInputError('Invalid cursor: pass a cursor returned by this API.', field);
}

/** The offset an offset cursor stands for (BAD_USER_INPUT on anything else). */
export function decodeCursor(cursor: string): number {
  const decoded = decodeAnyCursor(cursor);
  if (decoded.kind !== 'offset') {
    throw userInputError('Invalid cursor: pass a cursor returned by this API.', 'after');
  }
  return decoded.offset;
}

/** Connection arguments as GraphQL passes them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What to ask DCI for a page: `limit` (never 0, DCI refuses it), `offset`, and how many to keep. */
export interface PageWindow {
  limit: number;
  offset: number;
  take: number;
}

/** Validates `first`/`after` and turns them into a DCI window (offset cursors only). */
export function pageWindow(args: ConnectionArgs, maxFirst = MAX_FIRST): PageWindow {
  const first = pageSize(args.first, 'first', maxFirst) ?? DEFAULT_FIRST;
  const offset = args.after == null ? 0 : decodeCursor(args.after) + 1;
  return { limit: Math.max(first, 1), offset, take: first };
}

function pageSize(value: number | null | undefined, field: string, max: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw userInputError(`\`${field}\` must be between 0 and ${max}.`, field);
  }
  return value;
}

/** The keyset column of a DCI sort (`['-created_at', 'id']`), or null when it has none. */
export function keysetColumn(sort: readonly string[] | undefined): string | null {
  if (sort?.length !== 2) return null;
  const column = sort[0]!.replace(/^-/, '');
  return KEYSET_COLUMNS.has(column) && sort[1]!.replace(/^-/, '') === 'id' ? column : null;
}

/** A sort with every key's direction flipped. */
export function reverseSort(sort: readonly string[]): string[] {
  return sort.map((k) => (k.startsWith('-') ? k.slice(1) : `-${k}`));
}

/**
 * The condition "strictly after this position in this sort": for `['-created_at', 'id']`,
 * `or(lt(created_at,K),and(eq(created_at,K),gt(id,I)))`.
 */
export function afterCondition(sort: readonly string[], position: KeysetPosition): Condition {
  const [key, tie] = sort as [string, string];
  const keyOp = key.startsWith('-') ? 'lt' : 'gt';
  const idOp = tie.startsWith('-') ? 'lt' : 'gt';
  const { column, value, id } = position;
  return {
    kind: 'or',
    items: [
      { kind: 'cmp', op: keyOp, column, value, type: 'datetime' },
      {
        kind: 'and',
        items: [
          { kind: 'cmp', op: 'eq', column, value, type: 'datetime' },
          { kind: 'cmp', op: idOp, column: 'id', value: id, type: 'id' },
        ],
      },
    ],
  };
}

/**
 * A page request, resolved against the list's sort: which way to read, how many rows, from
 * where (an offset, or rows strictly after a keyset position in the direction read).
 */
export interface PagePlan {
  /** `forward` for first/after, `backward` for last/before (rows read in reverse, then flipped). */
  direction: 'forward' | 'backward';
  /** The DCI sort to send: the list's sort, reversed when reading backwards. */
  sort: string[];
  /** How many rows the page keeps. */
  take: number;
  /** The DCI limit (never 0). */
  limit: number;
  /** The DCI offset. */
  offset: number;
  /** Rows strictly after this (in the sort sent), for keyset cursors. */
  keyset: Condition | null;
  /** Whether a cursor (`after`/`before`) was given. */
  fromCursor: boolean;
  /**
   * For a backward read with an offset cursor: the offset of the `before` row, so the page
   * is the `take` rows ending just before it (read forwards at offset - take).
   */
  beforeOffset: number | null;
}

/**
 * Validates connection arguments against a list's DCI sort and plans the request; throws
 * BAD_USER_INPUT for mixed directions, sizes out of range, bad cursors and a keyset cursor of
 * another order.
 */
export function planPage(
  args: ConnectionArgs,
  sort: readonly string[],
  maxFirst = MAX_FIRST,
): PagePlan {
  const first = pageSize(args.first, 'first', maxFirst);
  const last = pageSize(args.last, 'last', maxFirst);
  const backward = last !== null || args.before != null;
  if (backward && (first !== null || args.after != null)) {
    throw userInputError(
      'Page forwards with `first`/`after` or backwards with `last`/`before`, not both.',
      first !== null ? 'first' : 'after',
    );
  }
  const take = (backward ? last : first) ?? DEFAULT_FIRST;
  const field = backward ? 'before' : 'after';
  const raw = backward ? args.before : args.after;
  const cursor = raw == null ? null : decodeAnyCursor(raw, field);
  const column = keysetColumn(sort);
  const plan: PagePlan = {
    direction: backward ? 'backward' : 'forward',
    sort: backward ? reverseSort(sort) : [...sort],
    take,
    limit: Math.max(take, 1),
    offset: 0,
    keyset: null,
    fromCursor: cursor !== null,
    beforeOffset: null,
  };
  if (cursor?.kind === 'keyset') {
    if (cursor.column !== column) {
      throw userInputError(
        'This cursor belongs to a list in another order: page with the `orderBy` it was read with.',
        field,
      );
    }
    plan.keyset = afterCondition(plan.sort, cursor);
  } else if (cursor?.kind === 'offset') {
    if (backward) {
      // The `take` rows before the cursor's row, read in the list's own order.
      const limit = Math.min(take, cursor.offset);
      return {
        ...plan,
        sort: [...sort],
        limit: Math.max(limit, 1),
        take: limit,
        offset: cursor.offset - limit,
        beforeOffset: cursor.offset,
      };
    }
    plan.offset = cursor.offset + 1;
  }
  return plan;
}

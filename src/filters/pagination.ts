/**
 * Relay pagination over DCI's limit/offset. Cursors are opaque to clients: base64 of a
 * versioned offset (`cursor:v1:<offset>`), so the format can change without breaking them.
 */
import { userInputError } from '../errors.js';

/** Page size when a connection field gets no `first`. */
export const DEFAULT_FIRST = 20;
/** DCI silently caps `limit` at 200 (REST-REFERENCE §3.2); the gateway refuses more instead. */
export const MAX_FIRST = 200;

const PREFIX = 'cursor:v1:';

/** The opaque cursor of the item at this offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64');
}

/** The offset a cursor stands for; throws BAD_USER_INPUT (field `after`) on anything else. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!/^\d{1,9}$/.test(digits) || encodeCursor(Number(digits)) !== cursor) {
    throw userInputError('Invalid cursor: pass a cursor returned by this API.', 'after');
  }
  return Number(digits);
}

/** Connection arguments as GraphQL passes them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

/** What to ask DCI for a page: `limit` (never 0, DCI refuses it), `offset`, and how many to keep. */
export interface PageWindow {
  limit: number;
  offset: number;
  take: number;
}

/** Validates `first`/`after` and turns them into a DCI window. */
export function pageWindow(args: ConnectionArgs, maxFirst = MAX_FIRST): PageWindow {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > maxFirst) {
    throw userInputError(`\`first\` must be between 0 and ${maxFirst}.`, 'first');
  }
  const offset = args.after == null ? 0 : decodeCursor(args.after) + 1;
  return { limit: Math.max(first, 1), offset, take: first };
}

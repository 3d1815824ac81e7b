/**
 * Resolver pieces shared by every type: timestamps as UTC ISO-8601 and Relay connections over
 * the gateway's internal Page.
 */
import { dciToIso } from '../filters/datetime.js';
import { encodeCursor, encodeKeysetCursor, keysetColumn } from '../filters/pagination.js';
import type { Edge, Page } from '../loaders/page.js';

/** `createdAt`/`updatedAt` of any row with DCI's naive timestamps. */
export const timestamps = {
  createdAt: (p: { created_at: string }) => dciToIso(p.created_at),
  updatedAt: (p: { updated_at: string }) => dciToIso(p.updated_at),
};

/** The cursor of a page's item: keyset for timestamp orders, offset otherwise. */
function cursorOf<T>(p: Page<T>, item: T, index: number): string {
  const column = keysetColumn(p.sort);
  if (column) {
    const row = item as Record<string, unknown>;
    const value = row[column];
    const id = row['id'];
    if (typeof value === 'string' && typeof id === 'string') {
      const cursor = encodeKeysetCursor({ column, value, id });
      if (cursor) return cursor;
    }
  }
  return encodeCursor(p.offset + index);
}

/** The fields of every `XConnection` type, over a Page. */
export function connection<T>() {
  return {
    edges: (p: Page<T>): Edge<T>[] =>
      p.items.map((node, i) => ({ node, cursor: cursorOf(p, node, i) })),
    nodes: (p: Page<T>) => p.items,
    totalCount: (p: Page<T>) => (p.keyset ? p.keyset.totalCount() : p.count),
    pageInfo: (p: Page<T>) => {
      const last = p.items.length - 1;
      return {
        hasNextPage: p.keyset ? p.keyset.hasNextPage : p.offset + p.items.length < p.count,
        hasPreviousPage: p.keyset ? p.keyset.hasPreviousPage : p.offset > 0,
        startCursor: last >= 0 ? cursorOf(p, p.items[0]!, 0) : null,
        endCursor: last >= 0 ? cursorOf(p, p.items[last]!, last) : null,
      };
    },
  };
}

/**
 * Resolver pieces shared by every type: timestamps as UTC ISO-8601 and Relay connections over
 * the gateway's internal Page.
 */
import { dciToIso } from '../filters/datetime.js';
import { encodeCursor, encodeKeysetCursor, keysetColumn } from '../filters/pagination.js';
import type { Edge, Page } from '../loaders/page.js';
import { missingCount } from '../loaders/rows.js';

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
  // Rows DCI answered twice were dropped: the item's position among the rows DCI sent.
  return encodeCursor(p.offset + (p.positions ? p.positions.of[index]! : index));
}

/** The index of the first (step 1) or last (step -1) well-formed item, or -1. */
function wellFormedAt<T>(items: Page<T>['items'], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < items.length; i += step) {
    if (!(items[i] instanceof Error)) return i;
  }
  return -1;
}

/**
 * The fields of every `XConnection` type, over a Page. A malformed row is an Error in
 * `items`: the executor raises it at the node's (or edge's) own path, and the page's cursors
 * are those of its first and last well-formed rows.
 */
export function connection<T>() {
  return {
    edges: (p: Page<T>) =>
      p.items.map((node, i) =>
        node instanceof Error ? node : ({ node, cursor: cursorOf(p, node, i) } as Edge<T>),
      ) as Edge<T>[],
    nodes: (p: Page<T>) => p.items as T[],
    totalCount: (p: Page<T>) => {
      if (p.keyset) return p.keyset.totalCount();
      if (p.count === null) throw missingCount();
      return p.count;
    },
    pageInfo: (p: Page<T>) => {
      const first = wellFormedAt(p.items, 0, 1);
      const last = first < 0 ? -1 : wellFormedAt(p.items, p.items.length - 1, -1);
      const sent = p.positions ? p.positions.sent : p.items.length;
      return {
        hasNextPage: p.keyset
          ? p.keyset.hasNextPage
          : p.count === null
            ? p.full === true
            : p.offset + sent < p.count,
        hasPreviousPage: p.keyset ? p.keyset.hasPreviousPage : p.offset > 0,
        startCursor: first >= 0 ? cursorOf(p, p.items[first] as T, first) : null,
        endCursor: last >= 0 ? cursorOf(p, p.items[last] as T, last) : null,
      };
    },
  };
}

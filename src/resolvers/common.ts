/**
 * Resolver pieces shared by every type: timestamps as UTC ISO-8601 and Relay connections over
 * the gateway's internal Page.
 */
import { dciToIso } from '../filters/datetime.js';
import { encodeCursor } from '../filters/pagination.js';
import type { Edge, Page } from '../loaders/page.js';

/** `createdAt`/`updatedAt` of any row with DCI's naive timestamps. */
export const timestamps = {
  createdAt: (p: { created_at: string }) => dciToIso(p.created_at),
  updatedAt: (p: { updated_at: string }) => dciToIso(p.updated_at),
};

/** The fields of every `XConnection` type, over a Page. */
export function connection<T>() {
  return {
    edges: (p: Page<T>): Edge<T>[] =>
      p.items.map((node, i) => ({ node, cursor: encodeCursor(p.offset + i) })),
    nodes: (p: Page<T>) => p.items,
    totalCount: (p: Page<T>) => p.count,
    pageInfo: (p: Page<T>) => ({
      hasNextPage: p.offset + p.items.length < p.count,
      hasPreviousPage: p.offset > 0,
      startCursor: p.items.length > 0 ? encodeCursor(p.offset) : null,
      endCursor: p.items.length > 0 ? encodeCursor(p.offset + p.items.length - 1) : null,
    }),
  };
}

/**
 * The gateway's internal page of a list: what a connection resolver receives as its parent.
 * Codegen maps every `XConnection` GraphQL type to `Page<DciX>` and every `XEdge` to `Edge<DciX>`.
 */
import type {
  DciComponent,
  DciFile,
  DciJob,
  DciPipeline,
  DciProduct,
  DciRemoteci,
  DciTeam,
  DciTopic,
} from '../dci/types.js';
import type { MalformedRow } from './rows.js';

/** One page of items, with where it starts and how many items match in all. */
export interface Page<T> {
  /**
   * The items of the page, in order; a row DCI answered malformed is its UPSTREAM_ERROR, which
   * the executor reports at the item's own path (src/loaders/rows.ts).
   */
  items: (T | MalformedRow)[];
  /**
   * Total number of matching items (DCI's `_meta.count`), across all pages; null when DCI's
   * answer had none (totalCount is then an UPSTREAM_ERROR, never the page's length).
   */
  count: number | null;
  /** Position of the first item in the whole list (DCI's `offset`). */
  offset: number;
  /**
   * The list's DCI sort (`['-created_at', 'id']`): a timestamp order gets keyset cursors
   * (src/filters/pagination.ts), any other offset cursors. Absent: offset cursors.
   */
  sort?: readonly string[];
  /**
   * For a page read relative to a keyset cursor, where `count` is only what lies beyond the
   * cursor: the page's neighbours and the whole list's size (one more request, when asked).
   */
  keyset?: { hasNextPage: boolean; hasPreviousPage: boolean; totalCount: () => Promise<number> };
  /** An offset page of a list whose count is unknown: whether DCI filled it (more may follow). */
  full?: boolean;
  /**
   * Only when rows DCI answered twice were dropped (rows.ts): each item's position among the
   * rows DCI sent, and how many it sent. Cursors and hasNextPage follow DCI's positions.
   */
  positions?: { of: readonly number[]; sent: number };
}

/** An item and its cursor. */
export interface Edge<T> {
  node: T;
  cursor: string;
}

/** Page parents of the connection types (codegen mappers). */
export type ProductPage = Page<DciProduct>;
export type TopicPage = Page<DciTopic>;
export type ComponentPage = Page<DciComponent>;
export type JobPage = Page<DciJob>;
export type FilePage = Page<DciFile>;
export type RemoteciPage = Page<DciRemoteci>;
export type TeamPage = Page<DciTeam>;
export type PipelinePage = Page<DciPipeline>;
/** Edge parents of the edge types (codegen mappers). */
export type ProductEdgeParent = Edge<DciProduct>;
export type TopicEdgeParent = Edge<DciTopic>;
export type ComponentEdgeParent = Edge<DciComponent>;
export type JobEdgeParent = Edge<DciJob>;
export type FileEdgeParent = Edge<DciFile>;
export type RemoteciEdgeParent = Edge<DciRemoteci>;
export type TeamEdgeParent = Edge<DciTeam>;
export type PipelineEdgeParent = Edge<DciPipeline>;

/**
 * Paged list loaders. A page request is keyed by its path and its normalized DCI parameters, so
 * identical requests made from several places of one operation are sent once, while distinct
 * ones run concurrently (never one after the other). Filters and `orderBy` are compiled and
 * checked before anything is sent: an input DCI cannot express fails with BAD_USER_INPUT.
 */
import DataLoader from 'dataloader';
import {
  type ListParams,
  listParamsToQuery,
  MAX_REQUEST_LINE,
  requestLineLength,
} from '../dci/query.js';
import { userInputError } from '../errors.js';
import { type Condition, compileFilter } from '../filters/condition.js';
import { queryParam } from '../filters/dsl.js';
import { type OrderInput, sortKeys } from '../filters/order.js';
import { type ConnectionArgs, type PagePlan, planPage } from '../filters/pagination.js';
import type { FilterSpec } from '../filters/specs.js';
import type { Page } from './page.js';
import type { DciReader } from './reader.js';
import {
  checkRows,
  dropDuplicates,
  type MalformedRow,
  missingCount,
  type RowType,
  wellFormed,
} from './rows.js';

/** Arguments of a connection field. */
export interface ListArgs extends ConnectionArgs {
  filter?: { readonly [key: string]: unknown } | null;
  orderBy?: readonly OrderInput[] | null;
}

/** A list request, compiled: ready to send and to use as a cache key. */
export interface CompiledList {
  path: string;
  params: ListParams;
  /** The page plan: direction, size, cursor position. */
  plan: PagePlan;
  /** The list's own sort (the plan's is reversed when paging backwards). */
  sort: string[];
  /** The same list without the keyset condition, for the total count of a keyset page. */
  totalParams: ListParams | null;
}

/** What a resource's lists have in common. */
export interface ListDefinition {
  /** The collection route, `/jobs`. */
  path: string;
  /** The filterable fields. */
  spec: FilterSpec;
  /** DCI's default order for this route (`-created_at`, `-released_at` for components). */
  defaultSort: string;
  /** What its rows are, to check them (rows.ts). */
  row: RowType;
}

/** Compiles connection arguments for a list; throws BAD_USER_INPUT on invalid input. */
export function compileList(
  def: ListDefinition,
  args: ListArgs,
  options: { maxFirst: number; path?: string; scope?: Condition | null },
): CompiledList {
  const sort = sortKeys(args.orderBy, def.defaultSort);
  const plan = planPage(args, sort, options.maxFirst);
  const filter = compileFilter(args.filter, def.spec);
  const query = queryParam(options.scope, filter, plan.keyset);
  const params: ListParams = {
    limit: plan.limit,
    offset: plan.offset,
    sort: plan.sort,
    ...(query ? { query } : {}),
  };
  let totalParams: ListParams | null = null;
  const path = options.path ?? def.path;
  if (plan.keyset) {
    // The cursor's condition costs ~190 bytes of DCI's 4,094-byte request line (§3.4).
    if (requestLineLength('GET', path, listParamsToQuery(params)) > MAX_REQUEST_LINE) {
      throw userInputError(
        'This filter is too long to page from a cursor within DCI’s 4 KB request line: use fewer `in` values.',
        plan.direction === 'forward' ? 'after' : 'before',
      );
    }
    const all = queryParam(options.scope, filter);
    totalParams = { limit: 1, offset: 0, sort, ...(all ? { query: all } : {}) };
  }
  return { path, params, plan, sort, totalParams };
}

/**
 * A page from the rows DCI answered for a compiled list (malformed rows already replaced by
 * their errors). Rows DCI answered twice are dropped (the first copy stays): `count` remains
 * DCI's, and cursors and hasNextPage follow the positions of the rows DCI sent, so paging on
 * neither skips nor repeats a row; such a page shows fewer items than asked. Without a count,
 * a full page may have more after it.
 */
export function pageOf<T>(
  list: CompiledList,
  rows: (T | MalformedRow)[],
  count: number | null,
  total: () => Promise<number>,
): Page<T> {
  const { plan } = list;
  const kept = rows.slice(0, plan.take);
  const sent = plan.direction === 'backward' && plan.beforeOffset === null ? kept.reverse() : kept;
  const { items, positions } = dropDuplicates(sent);
  const deduplicated = positions ? { positions: { of: positions, sent: sent.length } } : {};
  if (plan.keyset) {
    // `count` is what lies beyond the cursor in the direction read.
    const more = count === null ? rows.length >= plan.limit : count > sent.length;
    return {
      items,
      count,
      offset: 0,
      sort: list.sort,
      keyset: {
        hasNextPage: plan.direction === 'forward' ? more : true,
        hasPreviousPage: plan.direction === 'forward' ? true : more,
        totalCount: total,
      },
      ...deduplicated,
    };
  }
  // Offset pages; `last` without `before` read the end of the list in reverse (its position is
  // unknown without a count: the page is then placed at 0).
  const offset =
    plan.direction === 'backward' && plan.beforeOffset === null
      ? Math.max((count ?? sent.length) - sent.length, 0)
      : plan.offset;
  return {
    items,
    count,
    offset,
    sort: list.sort,
    ...(count === null ? { full: rows.length >= plan.limit } : {}),
    ...deduplicated,
  };
}

/** Fetches pages of one resource, coalescing identical requests within the operation. */
export class PageLoader<T> {
  private readonly loader: DataLoader<
    string,
    { items: (T | MalformedRow)[]; count: number | null }
  >;

  constructor(
    reader: DciReader,
    /** The list route and its defaults. */
    private readonly def: ListDefinition,
    private readonly maxFirst: number,
    /** Called with every row of every page, to prime by-id loaders. */
    onRows: (rows: T[]) => void,
    batching: boolean,
    /** Called with the number of keys of every batch. */
    onBatch?: (size: number) => void,
  ) {
    this.loader = new DataLoader(
      (keys) => {
        onBatch?.(keys.length);
        return Promise.all(
          keys.map(async (key) => {
            const { path, params } = JSON.parse(key) as { path: string; params: ListParams };
            try {
              const result = await reader.list<unknown>(path, params);
              const items = checkRows<T>(def.row, result.items);
              onRows(items === result.items ? (items as T[]) : wellFormed(items));
              return { items, count: result.count };
            } catch (error) {
              return error as Error;
            }
          }),
        );
      },
      batching ? {} : { cache: false },
    );
  }

  /**
   * One page of the list for connection arguments, optionally on another route of the same
   * rows (`/topics/<id>/components`) or scoped by conditions ANDed with the filter.
   */
  page(
    args: ListArgs,
    options: { path?: string; scope?: Condition | null } = {},
  ): Promise<Page<T>> {
    return this.load(compileList(this.def, args, { maxFirst: this.maxFirst, ...options }));
  }

  /** One page of a compiled list. */
  async load(list: CompiledList): Promise<Page<T>> {
    const { items, count } = await this.loader.load(
      JSON.stringify({ path: list.path, params: list.params }),
    );
    const totalParams = list.totalParams;
    const total = async () => {
      const all = totalParams
        ? (await this.loader.load(JSON.stringify({ path: list.path, params: totalParams }))).count
        : count;
      if (all === null) throw missingCount();
      return all;
    };
    return pageOf(list, items, count, total);
  }
}

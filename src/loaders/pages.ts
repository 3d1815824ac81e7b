/**
 * Paged list loaders. A page request is keyed by its path and its normalized DCI parameters, so
 * identical requests made from several places of one operation are sent once, while distinct
 * ones run concurrently (never one after the other). Filters and `orderBy` are compiled and
 * checked before anything is sent: an input DCI cannot express fails with BAD_USER_INPUT.
 */
import DataLoader from 'dataloader';
import type { ListParams } from '../dci/query.js';
import { type Condition, compileFilter } from '../filters/condition.js';
import { queryParam } from '../filters/dsl.js';
import { type OrderInput, sortKeys } from '../filters/order.js';
import { type ConnectionArgs, type PageWindow, pageWindow } from '../filters/pagination.js';
import type { FilterSpec } from '../filters/specs.js';
import type { Page } from './page.js';
import type { DciReader } from './reader.js';

/** Arguments of a connection field. */
export interface ListArgs extends ConnectionArgs {
  filter?: { readonly [key: string]: unknown } | null;
  orderBy?: readonly OrderInput[] | null;
}

/** A list request, compiled: ready to send and to use as a cache key. */
export interface CompiledList {
  path: string;
  params: ListParams;
  window: PageWindow;
}

/** What a resource's lists have in common. */
export interface ListDefinition {
  /** The collection route, `/jobs`. */
  path: string;
  /** The filterable fields. */
  spec: FilterSpec;
  /** DCI's default order for this route (`-created_at`, `-released_at` for components). */
  defaultSort: string;
}

/** Compiles connection arguments for a list; throws BAD_USER_INPUT on invalid input. */
export function compileList(
  def: ListDefinition,
  args: ListArgs,
  options: { maxFirst: number; path?: string; scope?: Condition | null },
): CompiledList {
  const window = pageWindow(args, options.maxFirst);
  const query = queryParam(options.scope, compileFilter(args.filter, def.spec));
  const params: ListParams = {
    limit: window.limit,
    offset: window.offset,
    sort: sortKeys(args.orderBy, def.defaultSort),
    ...(query ? { query } : {}),
  };
  return { path: options.path ?? def.path, params, window };
}

/** Fetches pages of one resource, coalescing identical requests within the operation. */
export class PageLoader<T> {
  private readonly loader: DataLoader<string, { items: T[]; count: number }>;

  constructor(
    reader: DciReader,
    /** The list route and its defaults. */
    private readonly def: ListDefinition,
    private readonly maxFirst: number,
    /** Called with every row of every page, to prime by-id loaders. */
    onRows: (rows: T[]) => void,
    batching: boolean,
  ) {
    this.loader = new DataLoader(
      (keys) =>
        Promise.all(
          keys.map(async (key) => {
            const { path, params } = JSON.parse(key) as { path: string; params: ListParams };
            try {
              const result = await reader.list<T>(path, params);
              onRows(result.items);
              return result;
            } catch (error) {
              return error as Error;
            }
          }),
        ),
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
    return { items: items.slice(0, list.window.take), count, offset: list.window.offset };
  }
}

/**
 * First pages of a one-to-many relation for many parents at once: the children of up to 50
 * parents in one `GET /<plural>?query=and(or(eq(<fk>,A),eq(<fk>,B),...),<filter>)&limit=200`,
 * grouped by the foreign key (REST-REFERENCE §5, "Product -> topics"). When the 200 rows do
 * not hold every match, the parents fall back to one request each (run concurrently). Later
 * pages (`after`) and backward pages (`last`/`before`) always use one request per parent.
 */
import DataLoader from 'dataloader';
import {
  chunk,
  type ListParams,
  listParamsToQuery,
  MAX_IDS_PER_QUERY,
  MAX_REQUEST_LINE,
  requestLineLength,
} from '../dci/query.js';
import { type Condition, compileFilter } from '../filters/condition.js';
import { anyOf, eq, queryParam } from '../filters/dsl.js';
import { sortKeys } from '../filters/order.js';
import { pageWindow } from '../filters/pagination.js';
import type { Page } from './page.js';
import { compileList, type ListArgs, type ListDefinition, type PageLoader } from './pages.js';
import type { DciReader } from './reader.js';
import { checkRows, dropDuplicates, wellFormed } from './rows.js';

interface Group {
  filter: Condition | null;
  sort: string[];
  take: number;
  args: ListArgs;
}

/** Pages of children keyed by parent id, batched across parents. */
export class GroupedPageLoader<T extends object> {
  private readonly groups = new Map<string, Group>();
  private readonly loader: DataLoader<string, Page<T>>;

  constructor(
    private readonly reader: DciReader,
    private readonly def: ListDefinition,
    /** The foreign key column (`product_id`). */
    private readonly column: string,
    private readonly pages: PageLoader<T>,
    private readonly onRows: (rows: T[]) => void,
    private readonly maxFirst: number,
    /** false: one request per parent, as in naive mode. */
    private readonly batching: boolean,
    /** Called with the number of keys of every batch. */
    private readonly onBatch?: (size: number) => void,
  ) {
    this.loader = new DataLoader((keys) => {
      this.onBatch?.(keys.length);
      return this.batch(keys);
    });
  }

  /** The first page of a parent's children, or any page when `after` is given. */
  load(parentId: string, args: ListArgs): Promise<Page<T>> {
    const scope = eq(this.column, parentId.toLowerCase());
    const firstPage = args.after == null && args.before == null && args.last == null;
    if (!firstPage || !this.batching) {
      return this.pages.load(compileList(this.def, args, { maxFirst: this.maxFirst, scope }));
    }
    const group: Group = {
      filter: compileFilter(args.filter, this.def.spec),
      sort: sortKeys(args.orderBy, this.def.defaultSort),
      take: pageWindow(args, this.maxFirst).take,
      args,
    };
    const groupKey = JSON.stringify([group.filter, group.sort, group.take]);
    this.groups.set(groupKey, group);
    return this.loader.load(JSON.stringify([groupKey, parentId.toLowerCase()]));
  }

  private async batch(keys: readonly string[]): Promise<(Page<T> | Error)[]> {
    const byGroup = new Map<string, string[]>();
    for (const key of keys) {
      const [groupKey, parentId] = JSON.parse(key) as [string, string];
      byGroup.set(groupKey, [...(byGroup.get(groupKey) ?? []), parentId]);
    }
    const results = new Map<string, Page<T> | Error>();
    await Promise.all(
      [...byGroup].flatMap(([groupKey, parents]) => {
        const group = this.groups.get(groupKey)!;
        const sorted = [...new Set(parents)].sort();
        return chunk(sorted, this.batchSize(group, sorted)).map(async (ids) => {
          const params = this.batchParams(group, ids);
          const pages = this.fits(params)
            ? await this.fetchGroup(group, ids, params)
            : await this.oneByOne(group, ids);
          for (const [id, page] of pages) results.set(JSON.stringify([groupKey, id]), page);
        });
      }),
    );
    return keys.map((k) => results.get(k) ?? new Error('missing page'));
  }

  /** The request of one batch: every parent's rows in one list, filtered and sorted. */
  private batchParams(group: Group, ids: readonly string[]): ListParams {
    const query = queryParam(anyOf(this.column, ids), group.filter);
    return { limit: 200, offset: 0, sort: group.sort, ...(query ? { query } : {}) };
  }

  /** Whether a batch's request line stays within DCI's limit (gunicorn's 4,094 bytes). */
  private fits(params: ListParams): boolean {
    const query = listParamsToQuery(params);
    return requestLineLength('GET', this.def.path, query) <= MAX_REQUEST_LINE;
  }

  /**
   * Parents per request: {@link MAX_IDS_PER_QUERY}, fewer when the filter is long enough that
   * fifty ids would take the request line past DCI's limit (the argument check only bounds
   * a filter with one parent). Parent ids are UUIDs, so every batch of this size has the same
   * length; a batch that still does not fit asks for its parents' pages one by one.
   */
  private batchSize(group: Group, ids: readonly string[]): number {
    let size = Math.min(ids.length, MAX_IDS_PER_QUERY);
    while (size > 1 && !this.fits(this.batchParams(group, ids.slice(0, size)))) {
      size = size > 8 ? Math.ceil(size / 2) : size - 1;
    }
    return Math.max(1, size);
  }

  private async fetchGroup(
    group: Group,
    ids: string[],
    params: ListParams,
  ): Promise<Map<string, Page<T> | Error>> {
    const out = new Map<string, Page<T> | Error>();
    try {
      const answer = await this.reader.list<unknown>(this.def.path, params);
      const checked = checkRows<T>(this.def.row, answer.items);
      const items = checked === answer.items ? (answer.items as T[]) : wellFormed(checked);
      this.onRows(items);
      // Incomplete (more matches than rows), or holding a malformed row no parent can be told
      // from: each parent asks for its own page, where such a row shows at its own place.
      const incomplete =
        answer.count === null ? answer.items.length >= 200 : answer.count > answer.items.length;
      if (incomplete || items.length < checked.length) return this.oneByOne(group, ids);
      for (const id of ids) {
        // A row DCI answered twice counts once: the gateway counts these pages itself.
        const rows = dropDuplicates(
          items.filter((r) => (r as Record<string, unknown>)[this.column] === id),
        ).items;
        out.set(id, {
          items: rows.slice(0, group.take),
          count: rows.length,
          offset: 0,
          sort: group.sort,
        });
      }
    } catch (error) {
      for (const id of ids) out.set(id, error as Error);
    }
    return out;
  }

  private async oneByOne(group: Group, ids: string[]): Promise<Map<string, Page<T> | Error>> {
    const pages = await Promise.all(
      ids.map((id) =>
        this.pages
          .load(
            compileList(this.def, group.args, {
              maxFirst: this.maxFirst,
              scope: eq(this.column, id),
            }),
          )
          .catch((error: Error) => error),
      ),
    );
    return new Map(ids.map((id, i) => [id, pages[i]!]));
  }
}

/**
 * By-id loaders. Batched, every id asked for in one tick of a request becomes
 * `GET /<plural>?query=or(eq(id,A),eq(id,B),...)&limit=200&offset=0`, at most 50 sorted ids per
 * request (the real server's request line is limited to ~4 KB, REST-REFERENCE §3.4). DCI's
 * scoping applies: an id it does not return is unknown, archived or invisible, and loads as
 * null. Naive (`batching: false`): one `GET /<plural>/<id>` per load and no cache, the N+1
 * baseline the benchmarks compare against.
 */
import DataLoader from 'dataloader';
import { chunk, MAX_IDS_PER_QUERY, orEq } from '../dci/query.js';
import { gatewayError, isInvisible } from '../errors.js';
import type { DciReader } from './reader.js';
import { checkRow, malformedRow, type RowType } from './rows.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A DataLoader that also answers synchronously for the objects primed into it, so that a
 * field whose object arrived embedded in its parent's response (a job's topic, team...) is a
 * plain value for the executor rather than one more promise to await. What it remembers is
 * forgotten with the loader's own cache (`clear`, `clearAll`).
 */
export class PrimedLoader<V> extends DataLoader<string, V> {
  private readonly known = new Map<string, V>();

  /** The primed value of a key, if any. */
  peek(key: string): V | undefined {
    return this.known.get(key);
  }

  override prime(key: string, value: V | PromiseLike<V> | Error): this {
    if (
      !this.known.has(key) &&
      !(value instanceof Error) &&
      !(value && typeof (value as PromiseLike<V>).then === 'function')
    ) {
      this.known.set(key, value as V);
    }
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.known.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }
}

/** A by-id loader: null for ids DCI does not return. */
export type ByIdLoader<T> = PrimedLoader<T | null>;

/**
 * The object by id: synchronously when it was primed, else through the loader (batched). A
 * relation id DCI left out of a row (a job without `remoteci_id`) is an UPSTREAM_ERROR at the
 * relation's field, the rest of the row intact.
 */
export function loadById<T>(loader: ByIdLoader<T>, id: string): T | null | Promise<T | null> {
  if (typeof id !== 'string') throw missingRelationId();
  const known = loader.peek(id);
  return known !== undefined ? known : loader.load(id);
}

/** How one by-id loader fetches. */
export interface ByIdOptions<T> {
  /** The collection, `/jobs`. */
  path: string;
  /** What its rows are, to check them (rows.ts). */
  row: RowType;
  /** Batch through the list route (true) or one GET per id (false). */
  batching: boolean;
  /** Shapes a fetched row the way the loader returns it (see shapes.ts). */
  shape?: (row: T) => T | null;
  /** Called with every fetched row, to prime other loaders from its embeds. */
  onRow?: (row: T) => void;
  /**
   * Ask `GET /<plural>/<id>` for the ids the list did not return. For `/components`, whose
   * list is scoped through product-team links even for admins (REST-REFERENCE §4.3), while
   * the single GET is not: a missing id may still be visible.
   */
  verifyMissing?: boolean;
  /** Called with every row a single GET returned (verifyMissing): the detail object. */
  onDetail?: (row: T) => void;
  /** Called with the number of keys of every batch (the loader-batch-size metric). */
  onBatch?: (size: number) => void;
}

/** A by-id loader over a list route (batched) or single GETs (naive). */
export function byIdLoader<T extends { id: string }>(
  reader: DciReader,
  options: ByIdOptions<T>,
): ByIdLoader<T> {
  const shape = options.shape ?? ((row: T) => row);
  if (!options.batching) {
    return new PrimedLoader<T | null>(
      (ids) => {
        options.onBatch?.(ids.length);
        return Promise.all(ids.map((id) => getOne<T>(reader, options.path, id, options.row)));
      },
      { batch: false, cache: false },
    );
  }
  return new PrimedLoader<T | null>(async (keys) => {
    options.onBatch?.(keys.length);
    const ids = [...new Set(keys.map((k) => k.toLowerCase()).filter((k) => UUID.test(k)))].sort();
    const found = new Map<string, T | Error | null>();
    await Promise.all(
      chunk(ids, MAX_IDS_PER_QUERY).map(async (batch) => {
        try {
          const { items } = await reader.list<T>(options.path, {
            query: orEq('id', batch),
            limit: 200,
            offset: 0,
          });
          let unattributed: string | null = null;
          for (const row of items) {
            const problem = checkRow(options.row, row);
            if (problem !== null) {
              // Malformed: its id errs. A row without one may be any id not found.
              const id = (row as { id?: unknown } | null)?.id;
              if (typeof id === 'string' && id !== '') found.set(id, malformedRow(problem));
              else unattributed = problem;
              continue;
            }
            options.onRow?.(row);
            const shaped = shape(row);
            if (shaped) found.set(row.id, shaped);
            // Not archived yet not of the list's shape (a proxy stripped its embeds): an error,
            // not a missing object.
            else if ((row as { state?: unknown }).state !== 'archived') {
              found.set(row.id, malformedRow(`a ${options.row} without all of its columns`));
            }
          }
          if (unattributed !== null) {
            for (const id of batch) if (!found.has(id)) found.set(id, malformedRow(unattributed));
          }
        } catch (error) {
          for (const id of batch) found.set(id, error as Error);
        }
      }),
    );
    if (options.verifyMissing) {
      const missing = ids.filter((id) => !found.has(id));
      const rows = await Promise.all(
        missing.map((id) => getOne<T>(reader, options.path, id, options.row)),
      );
      missing.forEach((id, i) => {
        const row = rows[i];
        if (row && !(row instanceof Error)) options.onDetail?.(row);
        found.set(id, row instanceof Error || !row ? (row ?? null) : (shape(row) ?? null));
      });
    }
    return keys.map((k) => found.get(k.toLowerCase()) ?? null);
  });
}

/** Hooks of a {@link singleGetLoader}. */
export interface SingleGetHooks<T> {
  /** Called with every object fetched, to prime other loaders with it. */
  onItem?: (item: T) => void;
  /** Called with the number of keys of every batch. */
  onBatch?: (size: number) => void;
  /** What the object is, to check it (rows.ts); unchecked when absent. */
  row?: RowType;
}

/** A loader of single GETs, for resources without a list route (jobstates, files) and detail
 * objects (a job's `data`, a component's jobs): cached per request when batching is on. */
export function singleGetLoader<T>(
  reader: DciReader,
  pathOf: (id: string) => string,
  batching: boolean,
  hooks: SingleGetHooks<T> = {},
): ByIdLoader<T> {
  const { onItem, onBatch, row } = hooks;
  return new PrimedLoader<T | null>(
    (ids) => {
      onBatch?.(ids.length);
      return Promise.all(
        ids.map(async (id) => {
          const item = await getOne<T>(reader, pathOf(id), null, row);
          if (batching && onItem && item && !(item instanceof Error)) onItem(item);
          return item;
        }),
      );
    },
    batching ? {} : { cache: false },
  );
}

async function getOne<T>(
  reader: DciReader,
  path: string,
  id: string | null,
  row: RowType | undefined,
): Promise<T | null | Error> {
  const target = id === null ? path : `${path}/${id}`;
  // A non-UUID id answers an HTML 404 on the real server: it cannot exist, do not ask.
  const last = target.split('/').at(-1) ?? '';
  if (!UUID.test(last)) return null;
  try {
    const { item } = await reader.get<T>(target.toLowerCase());
    const problem = row ? checkRow(row, item) : null;
    return problem === null ? item : malformedRow(problem);
  } catch (error) {
    return isInvisible(error) ? null : (error as Error);
  }
}

function missingRelationId() {
  return gatewayError('DCI answered this row without the id of this relation.', {
    code: 'UPSTREAM_ERROR',
  });
}

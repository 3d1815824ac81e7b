/**
 * Row -> wire shapes, with each endpoint's fixed embeds (§4). Embedded collections are not
 * filtered by state (§4.0); secrets are returned where the server returns them.
 */
import { type AnswerCache, itemCache, tablesVersion } from './answer-cache.js';
import { markSorted, RawJson, sortedJson, sortedValue } from './json.js';
import {
  type ComponentRow,
  componentIdsOfJob,
  type EmulatorStore,
  type FileRow,
  groupBy,
  type JobRow,
  type JobstateRow,
  keyValuesOfJob,
  type PipelineRow,
  type ProductRow,
  type RemoteciRow,
  rowsWhere,
  type TeamRow,
  type TopicRow,
} from './store-access.js';

type Obj = Record<string, unknown>;

/**
 * Sorted key orders by row shape. Every view is built with its keys inserted in sorted order,
 * the order the server writes them (§1.2), so serialising needs no re-sorting; and a view is
 * built by assignment, never as `{ ...row, more }`, which V8 answers with a fresh hidden class
 * per object (25 us and a kilobyte each).
 */
const keyOrders = new Map<string, string[]>();

/** The sorted keys of `row` without `omit` and `password`, plus `extra` keys. */
function keyOrder(row: object, omit: string | null, extra: readonly string[]): string[] {
  const keys = Object.keys(row);
  const signature = `${omit ?? ''}|${extra.join(',')}|${keys.join(',')}`;
  let order = keyOrders.get(signature);
  if (!order) {
    const set = new Set(keys.filter((k) => k !== 'password' && k !== omit));
    for (const k of extra) set.add(k);
    order = [...set].sort();
    if (keyOrders.size < 1000) keyOrders.set(signature, order);
  }
  return order;
}

/**
 * A view of `row`: its columns (but `omit` and `password`), with `extra` fields added or
 * replacing columns, keys in sorted order, nested objects (a `data` column, embeds) sorted
 * too; marked as such, so the answer's serialisation does not check it again (json.ts). A
 * view is never changed once built.
 */
function view(row: object, extra: Obj | null = null, omit: string | null = null): Obj {
  const extraKeys = extra ? Object.keys(extra) : EMPTY_KEYS;
  const out: Obj = {};
  for (const k of keyOrder(row, omit, extraKeys)) {
    const v = extra !== null && Object.hasOwn(extra, k) ? extra[k] : (row as Obj)[k];
    out[k] = typeof v === 'object' && v !== null ? sortedValue(v) : v;
  }
  return markSorted(out);
}

const EMPTY_KEYS: readonly string[] = [];

/** The row's own columns (a shallow copy; `password` is never returned, §4.7). */
export function columns<T extends object>(row: T): Obj {
  return view(row);
}

/** A row's serialised columns and what they were built from (its keys and their values). */
export interface Fragment {
  keys: string[];
  values: unknown[];
  json: RawJson;
}

const fragments = new WeakMap<object, Fragment>();

/**
 * `columns(row)` already serialised, kept with the row while its keys and their values are the
 * same (compared one by one, so a row changed in place, touched or not, is serialised again;
 * a nested value such as `data` is compared by reference). A component's detail embeds every
 * job using it, and the same components are read again and again: serialising their jobs was
 * most of what the emulator spent on them.
 */
export function columnsJson(row: object): RawJson {
  const keys = Object.keys(row);
  const cached = fragments.get(row);
  if (cached !== undefined && sameColumns(cached, row, keys)) return cached.json;
  const json = new RawJson(sortedJson(columns(row)));
  fragments.set(row, { keys, values: keys.map((k) => (row as Obj)[k]), json });
  return json;
}

function sameColumns(f: Fragment, row: object, keys: string[]): boolean {
  if (f.keys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (f.keys[i] !== keys[i] || f.values[i] !== (row as Obj)[keys[i]!]) return false;
  }
  return true;
}

/**
 * The column views of one answer, each row's built once: the jobs of a list page share a
 * handful of topics, teams, remotecis and components, embedded in every job. Only for an
 * answer built without writes in between (a read route's list).
 */
export class ColumnsMemo {
  readonly #views = new Map<object, Obj>();

  /** `columns(row)`, the same object for the same row. */
  of = (row: object): Obj => {
    let v = this.#views.get(row);
    if (v === undefined) {
      v = view(row);
      this.#views.set(row, v);
    }
    return v;
  };
}

/** `columns`, through the answer's memo when there is one. */
const columnsOf = (memo: ColumnsMemo | null) => (memo ? memo.of : columns);

/** Product with all its topics, archived and invisible ones included (§4.1). */
export function productView(store: EmulatorStore, p: ProductRow): Obj {
  const topics = (groupBy(store.topics, 'product_id').get(p.id) ?? []).map(columns);
  return view(p, { topics });
}

/** Topic with `product` and `next_topic` objects (§4.2). */
export function topicView(store: EmulatorStore, t: TopicRow): Obj {
  const product = t.product_id ? store.products.get(t.product_id) : undefined;
  const next = t.next_topic_id ? store.topics.get(t.next_topic_id) : undefined;
  return view(t, {
    product: product ? columns(product) : null,
    next_topic: next ? columns(next) : null,
  });
}

/** Remoteci with `team` and `users`; `api_secret` included as the server does (§4.7). */
export function remoteciView(store: EmulatorStore, r: RemoteciRow): Obj {
  const team = store.teams.get(r.team_id);
  return view(r, { team: team ? columns(team) : null, users: [] });
}

/** Team with all its remotecis, secrets included (§4.7). */
export function teamView(store: EmulatorStore, t: TeamRow): Obj {
  const remotecis = (groupBy(store.remotecis, 'team_id').get(t.id) ?? []).map(columns);
  return view(t, { remotecis });
}

/** Pipeline with `team` (§4.7). */
export function pipelineView(store: EmulatorStore, p: PipelineRow): Obj {
  const team = store.teams.get(p.team_id);
  return view(p, { team: team ? columns(team) : null });
}

/** The job's components, as plain columns. */
export function jobComponents(store: EmulatorStore, jobId: string): ComponentRow[] {
  return componentIdsOfJob(store, jobId)
    .map((id) => store.components.get(id))
    .filter((c): c is ComponentRow => c !== undefined);
}

/** The job's embedded `results[]` (§4.4). */
export function jobResults(store: EmulatorStore, jobId: string): Obj[] {
  return rowsWhere(store.results, 'job_id', jobId).map(columns);
}

/** The embeds every job list item carries (§4.4). */
function jobEmbeds(store: EmulatorStore, j: JobRow, memo: ColumnsMemo | null = null): Obj {
  const cols = columnsOf(memo);
  const topic = store.topics.get(j.topic_id);
  const remoteci = store.remotecis.get(j.remoteci_id);
  const team = store.teams.get(j.team_id);
  const pipeline = j.pipeline_id ? store.pipelines.get(j.pipeline_id) : undefined;
  return {
    components: jobComponents(store, j.id).map(cols),
    topic: topic ? cols(topic) : null,
    remoteci: remoteci ? cols(remoteci) : null,
    team: team ? cols(team) : null,
    pipeline: pipeline ? cols(pipeline) : null,
    results: jobResults(store, j.id),
    keys_values: keyValuesOfJob(store, j.id).map(columns),
  };
}

/** `GET /jobs` item: every list embed, no `data` (§4.4); `memo` shares embeds in a page. */
export function jobListView(store: EmulatorStore, j: JobRow, memo: ColumnsMemo | null = null): Obj {
  return view(j, jobEmbeds(store, j, memo), 'data');
}

/**
 * `jobListView` serialised, kept per job while the tables it is built from keep `version`
 * (`jobItemVersion`, computed once per answer; null: not kept) and the job's own columns are
 * the same (compared one by one, as `columnsJson` does: a job changed in place is seen even
 * untouched). A 50-job page spent most of its time building and serialising the same items.
 */
export function jobListJson(
  store: EmulatorStore,
  j: JobRow,
  memo: ColumnsMemo,
  version: string | null,
): RawJson {
  return keptItem(itemCache(store, 'job'), j, version, () => jobListView(store, j, memo));
}

/**
 * `build()`'s view of `row` serialised, kept in `cache` under the row's id while `version` is
 * the same and the row's own columns are unchanged (compared one by one).
 */
function keptItem(
  cache: AnswerCache<Fragment>,
  row: { id: string },
  version: string | null,
  build: () => Obj,
): RawJson {
  const keys = Object.keys(row);
  const kept = version === null ? undefined : cache.get(row.id, version);
  if (kept !== undefined && sameColumns(kept, row, keys)) return kept.json;
  const json = new RawJson(sortedJson(build()));
  if (version !== null) {
    cache.set(row.id, version, { keys, values: keys.map((k) => (row as Obj)[k]), json });
  }
  return json;
}

/**
 * `productView` serialised, kept per product while the products and topics keep their
 * versions and the product's own columns are unchanged (`GET /products` items).
 */
export function productJson(store: EmulatorStore, p: ProductRow): RawJson {
  const version = tablesVersion(store.products, store.topics);
  return keptItem(itemCache(store, 'product'), p, version, () => productView(store, p));
}

/**
 * `topicView` serialised, kept per topic while the topics and products keep their versions
 * and the topic's own columns are unchanged (`GET /topics` items).
 */
export function topicJson(store: EmulatorStore, t: TopicRow): RawJson {
  const version = tablesVersion(store.topics, store.products);
  return keptItem(itemCache(store, 'topic'), t, version, () => topicView(store, t));
}

/** `GET /jobs/<id>`: the list shape plus `data`, ascending jobstates (no files), job-level files. */
export function jobView(store: EmulatorStore, j: JobRow): Obj {
  const jobstates = jobstatesOf(store, j.id)
    .sort((a, b) => cmp(a.created_at, b.created_at))
    .map(columns);
  const files = filesOf(store, j.id).filter((f) => f.jobstate_id === null);
  const extra = jobEmbeds(store, j);
  extra['data'] = j.data ?? {};
  extra['jobstates'] = jobstates;
  extra['files'] = files.map(columns);
  return view(j, extra);
}

/** `/pipelines/<id>/jobs` item: columns plus results, remoteci, components, team (§4.7). */
export function pipelineJobView(
  store: EmulatorStore,
  j: JobRow,
  memo: ColumnsMemo | null = null,
): Obj {
  const cols = columnsOf(memo);
  const remoteci = store.remotecis.get(j.remoteci_id);
  const team = store.teams.get(j.team_id);
  return view(j, {
    results: jobResults(store, j.id),
    remoteci: remoteci ? cols(remoteci) : null,
    components: jobComponents(store, j.id).map(cols),
    team: team ? cols(team) : null,
  });
}

/** Jobstate with its files (`/jobs/<id>/jobstates`, `/jobstates/<id>`, §4.5). */
export function jobstateView(store: EmulatorStore, s: JobstateRow): Obj {
  // A jobstate's files are among its job's (no index over every file by jobstate).
  const files = rowsWhere(store.files, 'job_id', s.job_id).filter(
    (f) => f.jobstate_id === s.id && f.state !== 'archived',
  );
  return view(s, { files: files.map(columns) });
}

/** Every jobstate of a job. */
export function jobstatesOf(store: EmulatorStore, jobId: string): JobstateRow[] {
  return [...rowsWhere(store.jobstates, 'job_id', jobId)];
}

/** Every non-archived file of a job, jobstate files included. */
export function filesOf(store: EmulatorStore, jobId: string): FileRow[] {
  return rowsWhere(store.files, 'job_id', jobId).filter((f) => f.state !== 'archived');
}

/** Plain string order (timestamps of the same format sort chronologically). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

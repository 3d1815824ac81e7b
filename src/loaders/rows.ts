/**
 * Rows as DCI (or a proxy in front of it) may really answer them: a `null` in a list, a row
 * without a column the schema promises, the same row twice in one page. Each row is checked
 * once, where its DCI answer arrives (list pages, by-id batches, single GETs), so that the
 * resolvers on the hot path can trust the rows they get. A malformed row is replaced by a
 * {@link MalformedRow} error, which the executor reports at the row's own path
 * (`jobs.nodes.3`) as UPSTREAM_ERROR while the rest of the page is answered.
 *
 * What is checked is what backs a non-null GraphQL field: a string `id` and the columns of the
 * `String!`, `Int!`, `Boolean!`, `DateTime!` and list fields. Relation ids (`remoteci_id`...)
 * are not: their fields are nullable and report a missing id themselves (loadById), so a job
 * without `remoteci_id` keeps every other field. Enum values are not either: a status DCI
 * adds later reads as UNKNOWN (src/resolvers/unknown-enums.ts).
 *
 * Entries embedded in a row are checked with it, in place: a job's components, results and
 * key/values, a jobstate's and a component detail's files. `GET /stats` (topics and their jobs) is checked by
 * {@link checkStats}; `GET /identity`'s teams by loaders/identity.ts; rows another row embeds
 * (a remote CI's team) are primed into their loader only when well-formed (loaders/index.ts).
 * The test of a well-formed row is compiled per type: about 0.2 µs a job row with its embeds.
 */
import type { GraphQLError } from 'graphql';
import type { DciComponent, DciJob, DciStatsTopic } from '../dci/types.js';
import { gatewayError } from '../errors.js';

/** The row types the gateway checks. */
export type RowType =
  | 'product'
  | 'topic'
  | 'component'
  | 'job'
  | 'jobstate'
  | 'file'
  | 'remoteci'
  | 'team'
  | 'pipeline'
  | 'result'
  | 'keyvalue'
  | 'statsJob';

/** A row DCI answered malformed: an UPSTREAM_ERROR standing in its place. */
export type MalformedRow = GraphQLError;

type Kind = 'string' | 'number' | 'boolean' | 'array';

const ETAGGED: [string, Kind][] = [
  ['created_at', 'string'],
  ['updated_at', 'string'],
  ['etag', 'string'],
  ['state', 'string'],
];

/** The columns behind non-null fields, besides `id`, with the JSON type each must have. */
const REQUIRED: Record<RowType, readonly [string, Kind][]> = {
  product: [...ETAGGED, ['name', 'string'], ['label', 'string']],
  topic: [
    ...ETAGGED,
    ['name', 'string'],
    ['component_types', 'array'],
    ['component_types_optional', 'array'],
    ['export_control', 'boolean'],
  ],
  component: [
    ...ETAGGED,
    ['released_at', 'string'],
    ['name', 'string'],
    ['display_name', 'string'],
    ['version', 'string'],
    ['uid', 'string'],
    ['type', 'string'],
    ['tags', 'array'],
  ],
  job: [
    ...ETAGGED,
    ['name', 'string'],
    ['comment', 'string'],
    ['status_reason', 'string'],
    ['configuration', 'string'],
    ['url', 'string'],
    ['status', 'string'],
    ['duration', 'number'],
    ['tags', 'array'],
  ],
  jobstate: [
    ['created_at', 'string'],
    ['status', 'string'],
  ],
  file: [...ETAGGED, ['name', 'string']],
  remoteci: [...ETAGGED, ['name', 'string'], ['public', 'boolean']],
  team: [
    ...ETAGGED,
    ['name', 'string'],
    ['external', 'boolean'],
    ['has_pre_release_access', 'boolean'],
  ],
  pipeline: [...ETAGGED, ['name', 'string']],
  // A job's embedded test result summaries (`job.results[]`).
  result: [
    ['created_at', 'string'],
    ['updated_at', 'string'],
    ['name', 'string'],
    ['total', 'number'],
    ['success', 'number'],
    ['skips', 'number'],
    ['failures', 'number'],
    ['errors', 'number'],
    ['regressions', 'number'],
    ['successfixes', 'number'],
    ['time', 'number'],
  ],
  // A job's embedded metrics (`job.keys_values[]`): no id of their own.
  keyvalue: [
    ['key', 'string'],
    ['value', 'number'],
  ],
  // One job of a `GET /stats` topic (its `id` is the job's).
  statsJob: [
    ['team_name', 'string'],
    ['remoteci_name', 'string'],
    ['status', 'string'],
    ['created_at', 'string'],
  ],
};

/** The types whose rows have no `id` of their own. */
const WITHOUT_ID: ReadonlySet<RowType> = new Set(['keyvalue']);

/** The required columns of each type as two parallel arrays, to name what a failing row lacks. */
const CHECKS = Object.fromEntries(
  Object.entries(REQUIRED).map(([type, pairs]) => [
    type,
    { columns: pairs.map((p) => p[0]), kinds: pairs.map((p) => p[1]) },
  ]),
) as Record<RowType, { columns: string[]; kinds: Kind[] }>;

type Valid = (row: Record<string, unknown>) => boolean;

/**
 * Per type, one compiled test of every column at once (`typeof r["name"] === "string" && ...`):
 * a row and its embedded results and key/values pass it in a few inlined comparisons, where
 * the loop over the column list costs about twice as much. The source is built from the
 * constant column names above only, never from data. {@link rowProblem} walks the columns
 * only for a row that fails it, to say what is wrong.
 */
const VALID = Object.fromEntries(
  Object.entries(REQUIRED).map(([type, pairs]) => {
    const column = (c: string) => `r[${JSON.stringify(c)}]`;
    const tests = pairs.map(([c, kind]) =>
      kind === 'array' ? `Array.isArray(${column(c)})` : `typeof ${column(c)} === "${kind}"`,
    );
    if (!WITHOUT_ID.has(type as RowType)) tests.unshift(`typeof r.id === "string" && r.id !== ""`);
    return [type, new Function('r', `return ${tests.join(' && ')};`) as Valid];
  }),
) as Record<RowType, Valid>;

/** What is wrong with a row, or null when it has every column its non-null fields need. */
export function rowProblem(type: RowType, row: unknown): string | null {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    return `a ${row === null ? 'null' : Array.isArray(row) ? 'list' : typeof row} instead of a ${type}`;
  }
  if (VALID[type](row as Record<string, unknown>)) return null;
  const r = row as Record<string, unknown>;
  const id = r['id'];
  if ((typeof id !== 'string' || id === '') && !WITHOUT_ID.has(type)) {
    return `a ${type} without an id`;
  }
  const { columns, kinds } = CHECKS[type];
  for (let i = 0; i < columns.length; i++) {
    const value = r[columns[i]!];
    const kind = kinds[i];
    if (kind === 'array' ? !Array.isArray(value) : typeof value !== kind) {
      return `a ${type} without a valid ${columns[i]}`;
    }
  }
  return null;
}

/**
 * {@link rowProblem}, and for a well-formed job its embedded components, results and
 * key/values (a jobstate or a component detail: its files) checked in place: each malformed one becomes its error,
 * which the list field reports at its own path (`jobs.nodes.3.components.1`,
 * `job.jobstates.0.files.2`). Called once per row, where DCI's answer arrives.
 */
export function checkRow(type: RowType, row: unknown): string | null {
  const problem = rowProblem(type, row);
  if (problem === null) {
    if (type === 'job') {
      const job = row as Record<string, unknown>;
      checkEmbedded(job, 'components', 'component');
      checkEmbedded(job, 'results', 'result');
      checkEmbedded(job, 'keys_values', 'keyvalue');
    } else if (type === 'jobstate' || type === 'component') {
      // A jobstate's files; a component's detail (GET /components/<id>) embeds its own.
      checkEmbedded(row as Record<string, unknown>, 'files', 'file');
    }
  }
  return problem;
}

/**
 * The jobs `GET /components/<id>` embeds, which the gateway filters, sorts, pages and counts
 * itself: a malformed one cannot be given a place there, so it fails the whole field that reads
 * them (UPSTREAM_ERROR), the component itself intact.
 */
export function embeddedJobs(component: DciComponent): DciJob[] {
  const jobs = component.jobs ?? [];
  for (const job of jobs) {
    const problem = rowProblem('job', job);
    if (problem !== null)
      throw malformedRow(`${problem} among the jobs of component ${component.id}`);
  }
  return jobs;
}

/** The error standing for a malformed row. */
export function malformedRow(what: string): MalformedRow {
  return gatewayError(`DCI answered ${what}.`, { code: 'UPSTREAM_ERROR' });
}

/** The error of a totalCount DCI did not give (no `_meta.count` in its answer). */
export function missingCount(): GraphQLError {
  return gatewayError('DCI answered this list without its count (`_meta.count`).', {
    code: 'UPSTREAM_ERROR',
  });
}

/**
 * The rows of a DCI answer, each malformed one replaced by its error. Returns the same array
 * when every row is well-formed (the usual case: no copy).
 */
export function checkRows<T>(type: RowType, rows: readonly unknown[]): (T | MalformedRow)[] {
  let out: (T | MalformedRow)[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const problem = checkRow(type, rows[i]);
    if (problem === null) continue;
    out ??= rows.slice() as (T | MalformedRow)[];
    out[i] = malformedRow(problem);
  }
  return out ?? (rows as (T | MalformedRow)[]);
}

/** A row's embedded list `key`, each malformed entry replaced by its error, in place. */
function checkEmbedded(row: Record<string, unknown>, key: string, type: RowType): void {
  const entries = row[key];
  if (!Array.isArray(entries) || entries.length === 0) return;
  const checked = checkRows(type, entries);
  if (checked !== entries) row[key] = checked;
}

/** The first malformed entry's error of a checked list, to fail a field that needs them all. */
export function assertWellFormed<T>(items: readonly (T | MalformedRow)[]): T[] {
  for (const item of items) if (item instanceof Error) throw item;
  return items as T[];
}

/** Whether an item of a checked answer is a malformed row's error. */
export function isMalformed<T>(item: T | MalformedRow): item is MalformedRow {
  return item instanceof Error;
}

/** The well-formed rows of a checked answer. */
export function wellFormed<T>(items: readonly (T | MalformedRow)[]): T[] {
  return items.filter((item): item is T => !(item instanceof Error));
}

/**
 * A page's items without the later copies of a row DCI answered twice (offset paging while
 * rows are inserted, or a faulty proxy). The first copy keeps its place. `positions` gives,
 * only when something was dropped, each kept item's position among the rows DCI sent, so that
 * offset cursors still point at DCI's rows and paging on neither skips nor repeats one.
 */
export function dropDuplicates<T>(items: readonly (T | MalformedRow)[]): {
  items: (T | MalformedRow)[];
  positions: number[] | null;
} {
  if (items.length < 2) return { items: items as (T | MalformedRow)[], positions: null };
  const seen = new Set<unknown>();
  let duplicate = false;
  for (const item of items) {
    if (item instanceof Error) continue;
    const id = (item as { id: unknown }).id;
    if (seen.has(id)) {
      duplicate = true;
      break;
    }
    seen.add(id);
  }
  if (!duplicate) return { items: items as (T | MalformedRow)[], positions: null };
  seen.clear();
  const kept: (T | MalformedRow)[] = [];
  const positions: number[] = [];
  items.forEach((item, i) => {
    if (!(item instanceof Error)) {
      const id = (item as { id: unknown }).id;
      if (seen.has(id)) return;
      seen.add(id);
    }
    kept.push(item);
    positions.push(i);
  });
  return { items: kept, positions };
}

/**
 * `GET /stats`'s topics, each malformed one (no `topic` with its id and name, no `product`
 * name, no `jobs` list or counts) replaced by its error, and in each well-formed one its
 * malformed jobs replaced by theirs (`stats.2.latestJobs.1`). A body without its list is an
 * UPSTREAM_ERROR of every field reading it, never "no statistics".
 */
export function checkStats(topics: unknown): (DciStatsTopic | MalformedRow)[] {
  if (!Array.isArray(topics)) throw malformedRow('its statistics without their list');
  return topics.map((entry: unknown) => {
    const problem = statsTopicProblem(entry);
    if (problem !== null) return malformedRow(problem);
    checkEmbedded(entry as Record<string, unknown>, 'jobs', 'statsJob');
    return entry as DciStatsTopic;
  });
}

function statsTopicProblem(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object') return 'a statistics topic that is no object';
  const e = entry as Record<string, unknown>;
  const topic = e['topic'] as Record<string, unknown> | null | undefined;
  const product = e['product'] as Record<string, unknown> | null | undefined;
  if (typeof topic?.['id'] !== 'string' || typeof topic['name'] !== 'string') {
    return 'a statistics topic without its topic id and name';
  }
  if (typeof product?.['name'] !== 'string') return 'a statistics topic without its product name';
  if (!Array.isArray(e['jobs'])) return 'a statistics topic without its jobs';
  for (const count of ['percentageOfSuccess', 'nbOfSuccessfulJobs', 'nbOfJobs']) {
    if (typeof e[count] !== 'number') return `a statistics topic without a valid ${count}`;
  }
  return null;
}

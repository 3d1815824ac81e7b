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
 */
import type { GraphQLError } from 'graphql';
import type { DciComponent, DciJob } from '../dci/types.js';
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
  | 'pipeline';

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
};

/** The required columns of each type as two parallel arrays: the check runs per row. */
const CHECKS = Object.fromEntries(
  Object.entries(REQUIRED).map(([type, pairs]) => [
    type,
    { columns: pairs.map((p) => p[0]), kinds: pairs.map((p) => p[1]) },
  ]),
) as Record<RowType, { columns: string[]; kinds: Kind[] }>;

/** What is wrong with a row, or null when it has every column its non-null fields need. */
export function rowProblem(type: RowType, row: unknown): string | null {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    return `a ${row === null ? 'null' : Array.isArray(row) ? 'list' : typeof row} instead of a ${type}`;
  }
  const r = row as Record<string, unknown>;
  const id = r['id'];
  if (typeof id !== 'string' || id === '') return `a ${type} without an id`;
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
 * {@link rowProblem}, and for a well-formed job its embedded components checked in place: each
 * malformed one becomes its error, which `Job.components` reports at its own path
 * (`jobs.nodes.3.components.1`). Called once per row, where DCI's answer arrives.
 */
export function checkRow(type: RowType, row: unknown): string | null {
  const problem = rowProblem(type, row);
  if (problem === null && type === 'job') checkEmbeddedComponents(row as Record<string, unknown>);
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

/** A job's embedded components, each malformed one replaced by its error. */
function checkEmbeddedComponents(job: Record<string, unknown>): void {
  const components = job['components'];
  if (!Array.isArray(components)) return;
  const checked = checkRows('component', components);
  if (checked !== components) job['components'] = checked;
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

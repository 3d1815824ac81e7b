/**
 * The emulator's view of the store (src/emulator/store.ts): row types and the link-table
 * accessors the routes use, so route code does not depend on how links are stored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  DciComponent,
  DciComponentFile,
  DciFile,
  DciJob,
  DciJobState,
  DciKeyValue,
  DciPipeline,
  DciProduct,
  DciRemoteci,
  DciResult,
  DciTeam,
  DciTopic,
  DciUser,
} from '../dci/types.js';
import { DeferredTable, VersionedMap } from './table.js';

export { DeferredTable, VersionedMap } from './table.js';

// Stored rows: wire columns without embeds, plus the secrets the server keeps.
/** A stored product (no embedded topics). */
export type ProductRow = Omit<DciProduct, 'topics'>;
/** A stored topic (no embedded product or next topic). */
export type TopicRow = Omit<DciTopic, 'product' | 'next_topic'>;
/** A stored component (no embedded files or jobs). */
export type ComponentRow = Omit<DciComponent, 'files' | 'jobs'>;
/** A stored component file. */
export type ComponentFileRow = DciComponentFile;
/** A stored job: columns only, `data` included. */
export type JobRow = Omit<
  DciJob,
  | 'components'
  | 'topic'
  | 'remoteci'
  | 'team'
  | 'pipeline'
  | 'results'
  | 'keys_values'
  | 'jobstates'
  | 'files'
>;
/** A stored jobstate (no files). */
export type JobstateRow = Omit<DciJobState, 'files'>;
/** A stored job or jobstate file. */
export type FileRow = DciFile;
/** A stored test result summary. */
export type ResultRow = DciResult;
/** A stored team (no embedded remotecis). */
export type TeamRow = Omit<DciTeam, 'remotecis'>;
/** A stored user; `password` is plain text here and never returned. */
export type UserRow = DciUser & { password: string | null };
/** A stored remoteci with its `api_secret`. */
export type RemoteciRow = Omit<DciRemoteci, 'team' | 'users'> & { api_secret: string };
/** A stored feeder with its `api_secret`. */
export type FeederRow = {
  id: string;
  created_at: string;
  updated_at: string;
  etag: string;
  name: string;
  data: Record<string, unknown>;
  api_secret: string;
  team_id: string;
  state: DciTeam['state'];
};
/** A stored pipeline (no embedded team). */
export type PipelineRow = Omit<DciPipeline, 'team'>;
/** A remoteci or feeder: what HMAC authentication needs. */
export type HmacRow = {
  id: string;
  api_secret: string;
  team_id: string;
  state: string;
  name: string;
};

/** The tables the routes read and write. */
export interface EmulatorStore {
  products: Map<string, ProductRow>;
  topics: Map<string, TopicRow>;
  components: Map<string, ComponentRow>;
  componentFiles: Map<string, ComponentFileRow>;
  jobs: Map<string, JobRow>;
  jobstates: Map<string, JobstateRow>;
  files: Map<string, FileRow>;
  results: Map<string, ResultRow>;
  teams: Map<string, TeamRow>;
  users: Map<string, UserRow>;
  remotecis: Map<string, RemoteciRow>;
  feeders: Map<string, FeederRow>;
  pipelines: Map<string, PipelineRow>;
  productTeams: { product_id: string; team_id: string }[];
  userTeams: { user_id: string; team_id: string }[];
  jobComponents: { job_id: string; component_id: string }[];
  jobKeyValues: DciKeyValue[];
  componentPermissions: { team_id: string; access_team_id: string }[];
}

/** A new lower-case UUID. */
export const newId = (): string => randomUUID();
/** A new random 32-hex etag (not a content hash, §6). */
export const newEtag = (): string => randomBytes(16).toString('hex');
let lastMicros = 0;

/**
 * Naive UTC ISO timestamp with microseconds (§1.2). Successive calls within one millisecond get
 * increasing microseconds, as PostgreSQL's clock would, so rows written in a burst still sort.
 */
export function timestamp(d: Date): string {
  const wall = d.getTime() * 1000;
  // A clock moved back by tests (more than a second) restarts the sequence.
  const micros = wall < lastMicros - 1_000_000 ? wall : Math.max(wall, lastMicros + 1);
  lastMicros = micros;
  const ms = Math.floor(micros / 1000);
  const frac = micros % 1_000_000;
  const base = new Date(ms).toISOString().slice(0, 19);
  // Python's isoformat() drops a zero fraction (§1.2).
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0')}`;
}

interface ArrayIndex {
  /** The length of the array when it was last indexed. */
  length: number;
  groups: Map<string, unknown[]>;
}
const arrayIndexes = new WeakMap<object, Map<string, ArrayIndex>>();
let transient = new Map<object, Map<string, Map<string, unknown[]>>>();
let clearScheduled = false;

/**
 * Rows of `table` grouped by `String(row[key])`, each group in table order. A store table
 * (VersionedMap) answers from its hash index, kept current on every write; a link array only
 * grows by `push` and is replaced (`filter`) on removal, so rows appended since the last call
 * are added to the groups and a new array is indexed afresh; a plain Map (a test's own) is
 * trusted only until the current macrotask ends. Rebuilding an index for every request made
 * each job-detail read cost a scan of every jobstate and file.
 */
export function groupBy<T>(table: Map<string, T> | T[], key: keyof T & string): Map<string, T[]> {
  // Every group is read from the Map: a deferred table builds all its rows first.
  if (table instanceof DeferredTable) table.loadAll();
  if (table instanceof VersionedMap) {
    return (table as VersionedMap<string, T & object>).hashIndex(key).groups as Map<string, T[]>;
  }
  if (Array.isArray(table)) return groupArray(table, key);
  let byTable = transient.get(table);
  if (!byTable) {
    byTable = new Map();
    transient.set(table, byTable);
    if (!clearScheduled) {
      clearScheduled = true;
      setImmediate(() => {
        transient = new Map();
        clearScheduled = false;
      });
    }
  }
  let groups = byTable.get(key) as Map<string, T[]> | undefined;
  if (!groups) {
    groups = new Map();
    addToGroups(groups, table.values(), key);
    byTable.set(key, groups as Map<string, unknown[]>);
  }
  return groups;
}

function groupArray<T>(rows: T[], key: keyof T & string): Map<string, T[]> {
  let byArray = arrayIndexes.get(rows);
  if (!byArray) {
    byArray = new Map();
    arrayIndexes.set(rows, byArray);
  }
  let index = byArray.get(key);
  if (!index || index.length > rows.length) {
    index = { length: 0, groups: new Map() };
    byArray.set(key, index);
  }
  if (index.length < rows.length) {
    const groups = index.groups as Map<string, T[]>;
    if (index.length === 0) groupRuns(groups, rows, key);
    else addToGroups(groups, rows.slice(index.length), key);
    index.length = rows.length;
  }
  return index.groups as Map<string, T[]>;
}

/**
 * Groups a whole link array by runs of equal values (a job's links are pushed together): one
 * map lookup per run, new groups at their exact size, and only groups that grew by `push`
 * trimmed afterwards.
 */
function groupRuns<T>(groups: Map<string, T[]>, rows: readonly T[], key: keyof T & string) {
  const grown = new Set<string>();
  let start = 0;
  while (start < rows.length) {
    const value = String(rows[start]![key]);
    let end = start + 1;
    while (end < rows.length && String(rows[end]![key]) === value) end++;
    const group = groups.get(value);
    if (group) {
      for (let i = start; i < end; i++) group.push(rows[i]!);
      grown.add(value);
    } else {
      groups.set(value, rows.slice(start, end));
    }
    start = end;
  }
  for (const value of grown) {
    const group = groups.get(value)!;
    if (group.length < 64) groups.set(value, group.slice());
  }
}

function addToGroups<T>(groups: Map<string, T[]>, rows: Iterable<T>, key: keyof T & string) {
  for (const row of rows) {
    const k = String(row[key]);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
}

/**
 * Rows of `table` whose `column` is `value`, in table order (read-only): one group of the hash
 * index, so a deferred table builds only that group (a job's jobstates, files or results).
 */
export function rowsWhere<T>(
  table: Map<string, T>,
  column: keyof T & string,
  value: string,
): readonly T[] {
  if (table instanceof VersionedMap) {
    return (table as VersionedMap<string, T & object>).hashIndex(column).get(value);
  }
  return groupBy(table, column).get(value) ?? [];
}

/**
 * Tells the row's table that the row was changed in place, so its indexes file it again
 * (`markWritten` calls it for every write). No-op for a row no table holds.
 */
export function touchRow(s: EmulatorStore, row: { id: string }): void {
  for (const table of Object.values(s)) {
    if (table instanceof VersionedMap && table.peek(row.id) === row) {
      table.touch(row.id);
      return;
    }
  }
}

/**
 * Builds the indexes every dashboard read uses (a job's jobstates, files, results, components
 * and key/values; a component's jobs and files; the job list's order), so that the first
 * requests do not pay for them. Others are built on first use.
 */
export function warmIndexes(s: EmulatorStore): void {
  const hash: [Map<string, object>, string][] = [
    [s.jobstates, 'job_id'],
    [s.files, 'job_id'],
    [s.results, 'job_id'],
    [s.topics, 'product_id'],
    [s.remotecis, 'team_id'],
    [s.components, 'topic_id'],
    [s.componentFiles, 'component_id'],
  ];
  for (const [table, column] of hash) {
    if (table instanceof VersionedMap) table.hashIndex(column);
  }
  for (const [table, column] of [
    [s.jobs, 'created_at'],
    [s.components, 'released_at'],
  ] as const) {
    if (table instanceof VersionedMap) table.sortedIndex(column);
  }
  groupBy(s.jobComponents, 'job_id');
  groupBy(s.jobComponents, 'component_id');
  groupBy(s.jobKeyValues, 'job_id');
}

/** The ids of a user's teams. */
export const teamIdsOfUser = (s: EmulatorStore, userId: string): string[] =>
  s.userTeams.filter((l) => l.user_id === userId).map((l) => l.team_id);

/** Products linked to any of the teams. */
export const productIdsOfTeams = (s: EmulatorStore, teamIds: readonly string[]): Set<string> =>
  new Set(s.productTeams.filter((l) => teamIds.includes(l.team_id)).map((l) => l.product_id));

/** Teams whose private components the given teams were granted to see (§4.3). */
export const componentGrantsOf = (s: EmulatorStore, teamIds: readonly string[]): Set<string> =>
  new Set(
    s.componentPermissions.filter((l) => teamIds.includes(l.team_id)).map((l) => l.access_team_id),
  );

/** The job's component ids, in attach order. */
export const componentIdsOfJob = (s: EmulatorStore, jobId: string): string[] =>
  (groupBy(s.jobComponents, 'job_id').get(jobId) ?? []).map((l) => l.component_id);

/** The ids of the jobs a component is attached to. */
export const jobIdsOfComponent = (s: EmulatorStore, componentId: string): Set<string> =>
  new Set((groupBy(s.jobComponents, 'component_id').get(componentId) ?? []).map((l) => l.job_id));

/** Attaches a component (idempotent). */
export function attachComponent(s: EmulatorStore, jobId: string, componentId: string): void {
  if (!componentIdsOfJob(s, jobId).includes(componentId)) {
    s.jobComponents.push({ job_id: jobId, component_id: componentId });
  }
}

/** Detaches a component (no-op when absent). */
export function detachComponent(s: EmulatorStore, jobId: string, componentId: string): void {
  s.jobComponents = s.jobComponents.filter(
    (l) => !(l.job_id === jobId && l.component_id === componentId),
  );
}

/** The job's key/values. */
export const keyValuesOfJob = (s: EmulatorStore, jobId: string): DciKeyValue[] =>
  (groupBy(s.jobKeyValues, 'job_id').get(jobId) ?? []).map((kv) => ({ ...kv }));

/** Adds a key/value. */
export function addKeyValue(s: EmulatorStore, kv: DciKeyValue): void {
  s.jobKeyValues.push(kv);
}

/** Deletes a key/value (no-op when absent). */
export function deleteKeyValue(s: EmulatorStore, jobId: string, key: string): void {
  s.jobKeyValues = s.jobKeyValues.filter((kv) => !(kv.job_id === jobId && kv.key === key));
}

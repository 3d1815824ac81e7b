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

/**
 * A Map that counts its writes, so an index built over it knows when it is stale. The store's
 * tables are VersionedMaps; rows are replaced (`set`) or removed (`delete`), never re-keyed in
 * place, because their grouping keys are foreign keys that DCI never changes.
 */
export class VersionedMap<K, V> extends Map<K, V> {
  /** Incremented by every set, delete and clear. */
  version = 0;
  override set(key: K, value: V): this {
    this.version++;
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.version++;
    return super.delete(key);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

interface Index {
  stamp: number;
  groups: Map<string, unknown[]>;
}
const indexes = new WeakMap<object, Map<string, Index>>();
let transient = new Map<object, Map<string, Index>>();
let clearScheduled = false;

/**
 * A table's write stamp, or null when it cannot tell: a VersionedMap counts its writes; a link
 * array only grows by `push` and is replaced (`filter`) on removal, so identity plus length is
 * exact; a plain Map (a test's own) is trusted only until the current macrotask ends.
 */
function stampOf(table: Map<string, unknown> | unknown[]): number | null {
  if (table instanceof VersionedMap) return table.version;
  if (Array.isArray(table)) return table.length;
  return null;
}

/**
 * Rows of `table` grouped by `key`, from an index kept until the table changes. Rebuilding it
 * for every request made each job-detail read cost a scan of every jobstate and file: at the
 * benchmark's 20,000 jobs that was ~150 ms of emulator time per request, dwarfing the latency
 * the benchmark injects.
 */
export function groupBy<T>(table: Map<string, T> | T[], key: keyof T & string): Map<string, T[]> {
  const stamp = stampOf(table as Map<string, unknown> | unknown[]);
  let cache: Map<object, Map<string, Index>> | WeakMap<object, Map<string, Index>> = indexes;
  if (stamp === null) {
    cache = transient;
    if (!clearScheduled) {
      clearScheduled = true;
      setImmediate(() => {
        transient = new Map();
        clearScheduled = false;
      });
    }
  }
  let byTable = cache.get(table);
  if (!byTable) {
    byTable = new Map();
    cache.set(table, byTable);
  }
  const cached = byTable.get(key);
  if (cached && cached.stamp === (stamp ?? 0)) return cached.groups as Map<string, T[]>;
  const groups = new Map<string, T[]>();
  for (const row of table.values()) {
    const k = String(row[key]);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  byTable.set(key, { stamp: stamp ?? 0, groups: groups as Map<string, unknown[]> });
  return groups;
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

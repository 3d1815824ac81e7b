/**
 * DCI wire types, exactly as the control server returns them (snake_case, naive UTC timestamps
 * as ISO strings without a zone). REST-REFERENCE §4 is the source of every field.
 *
 * These are the GraphQL parents (codegen mappers point at them) and the emulator's rows.
 * Secrets (`api_secret`) are typed as optional because the client strips them on arrival.
 */

/** A lower-case UUID string. */
export type Uuid = string;
/** A naive UTC timestamp, `YYYY-MM-DDTHH:MM:SS[.ffffff]`. */
export type DciTimestamp = string;
/** Row lifecycle state; `archived` rows are invisible (soft delete). */
export type DciState = 'active' | 'inactive' | 'archived';
/** Job statuses (REST-REFERENCE §8); transitions are free. */
export type DciJobStatus =
  | 'new'
  | 'pre-run'
  | 'running'
  | 'post-run'
  | 'success'
  | 'failure'
  | 'killed'
  | 'error';

/** All job statuses, in lifecycle order. */
export const JOB_STATUSES: readonly DciJobStatus[] = [
  'new',
  'pre-run',
  'running',
  'post-run',
  'success',
  'failure',
  'killed',
  'error',
];

/** A JSON object as DCI stores it in `data` columns. */
export type JsonObject = { [key: string]: unknown };

interface Row {
  id: Uuid;
  created_at: DciTimestamp;
}

interface EtaggedRow extends Row {
  updated_at: DciTimestamp;
  etag: string;
}

/** `/products` row; lists and single GETs embed `topics` (unfiltered by state or visibility). */
export interface DciProduct extends EtaggedRow {
  name: string;
  label: string;
  description: string | null;
  state: DciState;
  topics?: DciTopic[];
}

/** `/topics` row; lists and single GETs embed `product` and `next_topic`. */
export interface DciTopic extends EtaggedRow {
  name: string;
  component_types: string[];
  component_types_optional: string[];
  product_id: Uuid | null;
  next_topic_id: Uuid | null;
  export_control: boolean;
  state: DciState;
  data: JsonObject;
  product?: DciProduct | null;
  next_topic?: DciTopic | null;
}

/** A component file (embedded in `GET /components/<id>`). */
export interface DciComponentFile extends EtaggedRow {
  name: string;
  mime: string | null;
  md5: string | null;
  size: number | null;
  component_id: Uuid;
  state: DciState;
}

/** `/components` row; `GET /components/<id>` also embeds `files` and `jobs`. */
export interface DciComponent extends EtaggedRow {
  released_at: DciTimestamp;
  name: string;
  display_name: string;
  version: string;
  uid: string;
  type: string;
  canonical_project_name: string | null;
  title: string | null;
  message: string | null;
  url: string | null;
  data: JsonObject | null;
  topic_id: Uuid;
  team_id: Uuid | null;
  state: DciState;
  tags: string[];
  files?: DciComponentFile[];
  jobs?: DciJob[];
}

/** An embedded test result summary (`job.results[]`). */
export interface DciResult {
  id: Uuid;
  created_at: DciTimestamp;
  updated_at: DciTimestamp;
  name: string;
  total: number;
  success: number;
  skips: number;
  failures: number;
  errors: number;
  regressions: number;
  successfixes: number;
  time: number;
  job_id: Uuid;
  file_id: Uuid;
}

/** An embedded key/value metric (`job.keys_values[]`). */
export interface DciKeyValue {
  job_id: Uuid;
  key: string;
  value: number;
}

/** `/files` row (job and jobstate files). */
export interface DciFile extends EtaggedRow {
  name: string;
  mime: string | null;
  md5: string | null;
  size: number | null;
  state: DciState;
  jobstate_id: Uuid | null;
  job_id: Uuid;
  team_id: Uuid;
}

/** A jobstate: no etag, no updated_at, no state. `/jobs/<id>/jobstates` embeds `files`. */
export interface DciJobState extends Row {
  status: DciJobStatus;
  comment: string | null;
  job_id: Uuid;
  files?: DciFile[];
}

/** `/teams` row; lists and single GETs embed `remotecis` (secrets stripped by the client). */
export interface DciTeam extends EtaggedRow {
  name: string;
  country: string | null;
  state: DciState;
  external: boolean;
  has_pre_release_access: boolean;
  remotecis?: DciRemoteci[];
}

/** A user as embedded in a remoteci. `password` is never returned. */
export interface DciUser extends EtaggedRow {
  name: string;
  sso_username: string | null;
  sso_sub: string | null;
  fullname: string | null;
  email: string | null;
  timezone: string | null;
  state: DciState;
}

/** `/remotecis` row; embeds `team` and `users`. `api_secret` is removed by the client. */
export interface DciRemoteci extends EtaggedRow {
  name: string;
  data: JsonObject;
  api_secret?: string;
  team_id: Uuid;
  public: boolean;
  state: DciState;
  team?: DciTeam;
  users?: DciUser[];
}

/** `/pipelines` row; embeds `team`. No ETag header on GET. */
export interface DciPipeline extends EtaggedRow {
  name: string;
  team_id: Uuid;
  state: DciState;
  team?: DciTeam;
}

/** `/jobs` row. Lists embed components, topic, remoteci, team, pipeline, results, keys_values
 * and omit `data`; `GET /jobs/<id>` adds `data`, ascending `jobstates` (no files) and job-level
 * `files`. */
export interface DciJob extends EtaggedRow {
  name: string;
  comment: string;
  status_reason: string;
  configuration: string;
  url: string;
  status: DciJobStatus;
  state: DciState;
  duration: number;
  topic_id: Uuid;
  product_id: Uuid;
  remoteci_id: Uuid;
  team_id: Uuid;
  pipeline_id: Uuid | null;
  previous_job_id: Uuid | null;
  update_previous_job_id: Uuid | null;
  user_agent: string | null;
  client_version: string | null;
  tags: string[];
  data?: JsonObject;
  components?: DciComponent[];
  topic?: DciTopic;
  remoteci?: DciRemoteci;
  team?: DciTeam;
  pipeline?: DciPipeline | null;
  results?: DciResult[];
  keys_values?: DciKeyValue[];
  jobstates?: DciJobState[];
  files?: DciFile[];
}

/** One team as seen by `GET /identity`. Users get `{id, name, has_pre_release_access}`;
 * HMAC identities get `{team_name, state, has_pre_release_access}`. */
export interface DciIdentityTeam {
  id?: Uuid;
  name?: string;
  team_name?: string;
  state?: DciState;
  has_pre_release_access: boolean;
}

/** `GET /identity`. For HMAC callers name/fullname/email/timezone/etag are null. */
export interface DciIdentity {
  id: Uuid;
  etag: string | null;
  name: string | null;
  fullname: string | null;
  email: string | null;
  timezone: string | null;
  teams: Record<Uuid, DciIdentityTeam>;
}

/** The error body of every application error (REST-REFERENCE §7.1). */
export interface DciErrorBody {
  message: string;
  payload: Record<string, unknown>;
  status_code: number;
}

/** List envelope metadata; `count` ignores limit and offset. */
export interface DciListMeta {
  count: number;
}

/** One job of `GET /stats`: the latest success or failure of a remoteci on a topic (§4.8). */
export interface DciStatsJob {
  id: string;
  team_name: string;
  remoteci_name: string;
  status: DciJobStatus;
  created_at: string;
}

/** One topic of `GET /stats` (§4.8). */
export interface DciStatsTopic {
  product: { id: string; name: string };
  topic: { id: string; name: string };
  jobs: DciStatsJob[];
  percentageOfSuccess: number;
  nbOfSuccessfulJobs: number;
  nbOfJobs: number;
}

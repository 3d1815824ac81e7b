import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DciProduct, DciTopic, DciComponent, DciComponentFile, DciJob, DciJobState, DciFile, DciResult, DciStatsTopic, DciStatsJob, DciKeyValue, DciRemoteci, DciTeam, DciPipeline } from '../dci/types.js';
import type { JunitTestCase, TestCasePage, TestCaseEdgeParent } from '../files/junit.js';
import type { JobStatsSource } from '../loaders/job-stats.js';
import type { CoverageRowSource, CoverageCellSource } from '../loaders/coverage.js';
import type { JobEventMessage } from '../live/events.js';
import type { IdentityView, IdentityTeamView } from '../loaders/identity.js';
import type { ProductPage, TopicPage, ComponentPage, JobPage, FilePage, RemoteciPage, TeamPage, PipelinePage, ProductEdgeParent, TopicEdgeParent, ComponentEdgeParent, JobEdgeParent, FileEdgeParent, RemoteciEdgeParent, TeamEdgeParent, PipelineEdgeParent } from '../loaders/page.js';
import type { GatewayContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A point in time, ISO-8601 in UTC with a `Z` suffix (`2026-11-23T20:09:04.001689Z`). DCI stores
   * naive UTC timestamps; the gateway adds the zone on output. As input, any ISO-8601 date-time
   * with `Z` or an offset is accepted (a value without a zone is read as UTC), as is a bare date
   * (`2026-11-23`, midnight UTC).
   */
  DateTime: { input: string; output: string; }
  /** Free-form JSON, exactly as DCI stores it (`data` columns). */
  JSON: { input: unknown; output: unknown; }
};

/** The result of addJobState. */
export type AddJobStatePayload = {
  __typename?: 'AddJobStatePayload';
  /** The job after the change, with its new status and etag. */
  job: Job;
  /**
   * The jobstate recorded. Its status can differ from the one asked for: DCI stores FAILURE or
   * ERROR posted on a NEW or PRE_RUN job as ERROR (the job itself takes the requested status).
   */
  jobState: JobState;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/**
 * A DCI component: one versioned deliverable of a topic (a compose, a container image, a package
 * set...) that jobs test.
 */
export type Component = {
  __typename?: 'Component';
  /** Canonical project name. */
  canonicalProjectName: Maybe<Scalars['String']['output']>;
  /** When the component was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Free-form component data. */
  data: Maybe<Scalars['JSON']['output']>;
  /** Human-readable name. */
  displayName: Scalars['String']['output'];
  /** Opaque version tag; changes on every write. */
  etag: Scalars['String']['output'];
  /** The component's files; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  files: Maybe<Array<Maybe<ComponentFile>>>;
  /** The component's UUID. */
  id: Scalars['ID']['output'];
  /**
   * Statistics of the jobs that used the component, created in [since, until), optionally of one
   * remote CI. DCI's job list cannot filter on components, so these are counted from the
   * component's detail (`GET /components/<id>`, every job embedded): one request, shared with
   * `jobs`.
   */
  jobStats: Maybe<JobStats>;
  /**
   * Jobs that used this component, as far as you can see them. DCI returns them all at once
   * (GET /components/<id>), so the gateway filters, sorts and pages them itself.
   */
  jobs: Maybe<JobConnection>;
  /** Message. */
  message: Maybe<Scalars['String']['output']>;
  /** Name. */
  name: Scalars['String']['output'];
  /** When the component was released. */
  releasedAt: Scalars['DateTime']['output'];
  /** Lifecycle state. */
  state: ResourceState;
  /** Tags (case-sensitive). */
  tags: Array<Scalars['String']['output']>;
  /** The team owning the component; null for a public component. */
  team: Maybe<Team>;
  /** Title. */
  title: Maybe<Scalars['String']['output']>;
  /** The topic the component belongs to. */
  topic: Maybe<Topic>;
  /** Component type (lower-case, for example `compose`). */
  type: Scalars['String']['output'];
  /** Unique identifier given by the component's producer. */
  uid: Scalars['String']['output'];
  /** When the component was last modified. */
  updatedAt: Scalars['DateTime']['output'];
  /** Where the component comes from. */
  url: Maybe<Scalars['String']['output']>;
  /** Version string (empty when unknown). */
  version: Scalars['String']['output'];
};


/**
 * A DCI component: one versioned deliverable of a topic (a compose, a container image, a package
 * set...) that jobs test.
 */
export type ComponentJobStatsArgs = {
  remoteciId?: InputMaybe<Scalars['ID']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A DCI component: one versioned deliverable of a topic (a compose, a container image, a package
 * set...) that jobs test.
 */
export type ComponentJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<JobOrder>>;
};

/** A page of components. */
export type ComponentConnection = {
  __typename?: 'ComponentConnection';
  /** The components of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<ComponentEdge>>;
  /** The components of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Component>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many components match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of components, and its cursor. */
export type ComponentEdge = {
  __typename?: 'ComponentEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Component;
};

/** A file attached to a component. */
export type ComponentFile = {
  __typename?: 'ComponentFile';
  /** When the file was added. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque version tag. */
  etag: Scalars['String']['output'];
  /** The file's UUID. */
  id: Scalars['ID']['output'];
  /** MD5 checksum. */
  md5: Maybe<Scalars['String']['output']>;
  /** MIME type. */
  mime: Maybe<Scalars['String']['output']>;
  /** File name or path. */
  name: Scalars['String']['output'];
  /** Size in bytes. */
  size: Maybe<Scalars['Float']['output']>;
  /** Lifecycle state. */
  state: ResourceState;
  /** When the file was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};

/** Conditions on components; all given fields apply (AND). */
export type ComponentFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<ComponentFilter>>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the display name. */
  displayName?: InputMaybe<StringFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<ComponentFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<ComponentFilter>>;
  /** Conditions on the release time. */
  releasedAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the tags. */
  tags?: InputMaybe<TagsFilter>;
  /** Conditions on the owning team's id. */
  teamId?: InputMaybe<IdFilter>;
  /** Conditions on the topic's id. */
  topicId?: InputMaybe<IdFilter>;
  /** Conditions on the type. */
  type?: InputMaybe<StringFilter>;
  /** Conditions on the uid. */
  uid?: InputMaybe<StringFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the version. */
  version?: InputMaybe<StringFilter>;
};

/** One sort key for components. */
export type ComponentOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: ComponentOrderField;
};

/** Fields components can be sorted by. */
export type ComponentOrderField =
  /** Creation time. */
  | 'created_at'
  /** Name. */
  | 'name'
  /** Release time. */
  | 'released_at'
  /** Type. */
  | 'type'
  /** Last modification time. */
  | 'updated_at'
  /** Version. */
  | 'version';

/** The latest job of one remote CI on one component. */
export type CoverageCell = {
  __typename?: 'CoverageCell';
  /** When the job was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The latest job of this remote CI using the component. */
  job: Maybe<Job>;
  /** The remote CI (fetched by id, batched, when asked for). */
  remoteci: Maybe<RemoteCi>;
  /** The remote CI's UUID. */
  remoteciId: Scalars['ID']['output'];
  /** The job's status. */
  status: JobStatus;
  /** Failed and erroring test cases of the job's results (read with the job, batched). */
  testFailures: Maybe<Scalars['Int']['output']>;
};

/** One component of a coverage matrix: the latest job of every remote CI that ran it. */
export type CoverageRow = {
  __typename?: 'CoverageRow';
  /** The component. */
  component: Component;
  /**
   * One cell per remote CI that ran the component, newest job first; null with an UPSTREAM_ERROR
   * when the component's detail embeds a malformed job (the row's other fields are answered).
   */
  remotecis: Maybe<Array<CoverageCell>>;
};

/** A job to create with explicit components (`POST /jobs`). */
export type CreateJobInput = {
  /** Comment. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The components' UUIDs (may be empty, no duplicates, at most 200). */
  componentIds: Array<Scalars['ID']['input']>;
  /** Configuration name. */
  configuration?: InputMaybe<Scalars['String']['input']>;
  /** Free-form data: a JSON object. */
  data?: InputMaybe<Scalars['JSON']['input']>;
  /** Name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The pipeline the job belongs to. */
  pipelineId?: InputMaybe<Scalars['ID']['input']>;
  /** The job this one follows. */
  previousJobId?: InputMaybe<Scalars['ID']['input']>;
  /** Tags; blank ones are dropped, as DCI does. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The topic's UUID. */
  topicId: Scalars['ID']['input'];
  /** An http(s) URL, or empty. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** The result of createJob. */
export type CreateJobPayload = {
  __typename?: 'CreateJobPayload';
  /** The new job, as stored, with its etag. */
  job: Job;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/** Conditions on a date-time. Several conditions all apply (AND), so `{ge: A, lt: B}` is a range. */
export type DateTimeFilter = {
  /** At or after. */
  ge?: InputMaybe<Scalars['DateTime']['input']>;
  /** Strictly after. */
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before or at. */
  le?: InputMaybe<Scalars['DateTime']['input']>;
  /** Strictly before. */
  lt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The result of deleteJob. */
export type DeleteJobPayload = {
  __typename?: 'DeleteJobPayload';
  /** The UUID of the deleted job. */
  deletedId: Scalars['ID']['output'];
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/** A file attached to a job or one of its jobstates (Ansible logs, JUnit reports...). */
export type File = {
  __typename?: 'File';
  /**
   * The file's content as text, read with a byte limit: at most `maxBytes` bytes (1 to 1048576)
   * are downloaded from DCI, the rest is never read. Text mime types only (text/*, JSON, XML,
   * JUnit, YAML; a file without a mime type is checked to be UTF-8 text): other files answer
   * BINARY_CONTENT and are downloaded from the gateway's `/files/<id>/content` route instead.
   */
  content: Maybe<FileContent>;
  /** When the file was uploaded. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque version tag. */
  etag: Scalars['String']['output'];
  /** The file's UUID. */
  id: Scalars['ID']['output'];
  /** The job the file belongs to. */
  job: Maybe<Job>;
  /** Id of the jobstate the file was uploaded in, if any. */
  jobStateId: Maybe<Scalars['ID']['output']>;
  /** MD5 checksum (null for new uploads). */
  md5: Maybe<Scalars['String']['output']>;
  /** MIME type (`application/junit` for JUnit reports). */
  mime: Maybe<Scalars['String']['output']>;
  /** File name. */
  name: Scalars['String']['output'];
  /** Size in bytes. */
  size: Maybe<Scalars['Float']['output']>;
  /** Lifecycle state. */
  state: ResourceState;
  /** When the file was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A file attached to a job or one of its jobstates (Ansible logs, JUnit reports...). */
export type FileContentArgs = {
  maxBytes?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of files. */
export type FileConnection = {
  __typename?: 'FileConnection';
  /** The files of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<FileEdge>>;
  /** The files of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<File>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many files match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** The beginning (or all) of a text file. */
export type FileContent = {
  __typename?: 'FileContent';
  /** How the bytes were decoded: always `utf-8`. */
  encoding: Scalars['String']['output'];
  /** The whole file's size in bytes, from its metadata (null when DCI does not know it). */
  size: Maybe<Scalars['Float']['output']>;
  /** The text read, UTF-8 decoded; a character cut by the byte limit is dropped. */
  text: Scalars['String']['output'];
  /** True when the file is longer than what `text` holds. */
  truncated: Scalars['Boolean']['output'];
};

/** One of a page of files, and its cursor. */
export type FileEdge = {
  __typename?: 'FileEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: File;
};

/** Conditions on an identifier (a lower-case UUID). Several conditions all apply (AND). */
export type IdFilter = {
  /** Equal to this id. */
  eq?: InputMaybe<Scalars['ID']['input']>;
  /** One of these ids (at most 50). */
  in?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Different from this id. */
  ne?: InputMaybe<Scalars['ID']['input']>;
};

/** The caller as DCI knows it: a user (Basic or Bearer credentials) or a remote CI or feeder (HMAC). */
export type Identity = {
  __typename?: 'Identity';
  /** E-mail address (null for remote CIs and feeders). */
  email: Maybe<Scalars['String']['output']>;
  /** Opaque version tag of the user (null for remote CIs and feeders). */
  etag: Maybe<Scalars['String']['output']>;
  /** Full name (null for remote CIs and feeders). */
  fullname: Maybe<Scalars['String']['output']>;
  /** Whether one of the identity's teams has pre-release access. */
  hasPreReleaseAccess: Scalars['Boolean']['output'];
  /** The user's, remote CI's or feeder's UUID. */
  id: Scalars['ID']['output'];
  /**
   * EPM (partner engineer, acts as a member of every team): a member of the `EPM` team, or a super
   * admin, whom DCI also counts as EPM.
   */
  isEpm: Scalars['Boolean']['output'];
  /** Member of the `Red Hat` team: reads across all teams. */
  isReadOnly: Scalars['Boolean']['output'];
  /** Member of the `admin` team: super administrator, sees everything. */
  isSuperAdmin: Scalars['Boolean']['output'];
  /** What kind of identity this is. */
  kind: IdentityKind;
  /** Login name (null for remote CIs and feeders). */
  name: Maybe<Scalars['String']['output']>;
  /** The identity's teams; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  teams: Array<Maybe<IdentityTeam>>;
  /** Time zone (null for remote CIs and feeders). */
  timezone: Maybe<Scalars['String']['output']>;
};

/** The kind of a DCI identity. */
export type IdentityKind =
  /** A feeder (HMAC credentials). */
  | 'feeder'
  /** A remote CI (HMAC credentials). */
  | 'remoteci'
  /** A person (Basic or Bearer credentials). */
  | 'user';

/** A team of the current identity. */
export type IdentityTeam = {
  __typename?: 'IdentityTeam';
  /** Whether the team sees topics that are not export-controlled (pre-release). */
  hasPreReleaseAccess: Scalars['Boolean']['output'];
  /** The team's UUID. */
  id: Scalars['ID']['output'];
  /** The team's name. */
  name: Scalars['String']['output'];
  /** The full team. */
  team: Maybe<Team>;
};

/** A DCI job: one run of a remote CI on a topic with a set of components. */
export type Job = {
  __typename?: 'Job';
  /** Version of the client that created the job (null when it sent no Client-Version header). */
  clientVersion: Maybe<Scalars['String']['output']>;
  /** Comment. */
  comment: Scalars['String']['output'];
  /** The components the job tested. */
  components: Maybe<Array<Component>>;
  /** Configuration name. */
  configuration: Scalars['String']['output'];
  /** When the job was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Free-form job data. Lists do not carry it, so asking for it costs one request per job. */
  data: Maybe<Scalars['JSON']['output']>;
  /** Seconds between the job's creation and its last jobstate or file. */
  duration: Scalars['Int']['output'];
  /** Opaque version tag; changes on every write, jobstate, file or key/value. */
  etag: Scalars['String']['output'];
  /**
   * The job's failing and erroring test cases across all of its JUnit results, in result then
   * file order (one download per JUnit file, side by side).
   */
  failedTests: Maybe<Array<TestCase>>;
  /** Every file of the job (job-level and jobstate files), newest first. */
  files: Maybe<FileConnection>;
  /** The job's UUID. */
  id: Scalars['ID']['output'];
  /** Status changes of the job, oldest first (up to 200), each with its files. */
  jobstates: Maybe<Array<JobState>>;
  /** Numeric metrics recorded on the job; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  keyValues: Maybe<Array<Maybe<KeyValue>>>;
  /** Name (may be empty). */
  name: Scalars['String']['output'];
  /** The pipeline the job belongs to, if any. */
  pipeline: Maybe<Pipeline>;
  /** The job this one follows, if any. */
  previousJob: Maybe<Job>;
  /** The topic's product. */
  product: Maybe<Product>;
  /** The remote CI that ran the job. */
  remoteci: Maybe<RemoteCi>;
  /** Test result summaries (one per JUnit file); null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  results: Maybe<Array<Maybe<TestResult>>>;
  /** Lifecycle state. */
  state: ResourceState;
  /** Current status. */
  status: JobStatus;
  /** Why the job has its status. */
  statusReason: Scalars['String']['output'];
  /** Tags (case-sensitive). */
  tags: Array<Scalars['String']['output']>;
  /** The team owning the job. */
  team: Maybe<Team>;
  /** The topic the job ran on. */
  topic: Maybe<Topic>;
  /** When the job was last modified. */
  updatedAt: Scalars['DateTime']['output'];
  /** A link about the job. */
  url: Scalars['String']['output'];
  /** User agent of the agent that created the job (null when its request had none). */
  userAgent: Maybe<Scalars['String']['output']>;
};


/** A DCI job: one run of a remote CI on a topic with a set of components. */
export type JobFailedTestsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A DCI job: one run of a remote CI on a topic with a set of components. */
export type JobFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** The result of addComponentToJob and removeComponentFromJob. */
export type JobComponentPayload = {
  __typename?: 'JobComponentPayload';
  /** The job after the change (its etag is unchanged). */
  job: Job;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/** A page of jobs. */
export type JobConnection = {
  __typename?: 'JobConnection';
  /** The jobs of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<JobEdge>>;
  /** The jobs of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Job>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many jobs match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of jobs, and its cursor. */
export type JobEdge = {
  __typename?: 'JobEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Job;
};

/** Something that happened to a job. */
export type JobEvent = {
  __typename?: 'JobEvent';
  /** When it happened: the job's new `updatedAt`, or the time of the deletion. */
  at: Scalars['DateTime']['output'];
  /** The job as it is after the change (for DELETED: as last seen, with state ARCHIVED). */
  job: Job;
  /** What happened. */
  kind: JobEventKind;
};

/** The kinds of job events. */
export type JobEventKind =
  /** The job was created (since the previous look). */
  | 'CREATED'
  /** The job was deleted (archived). */
  | 'DELETED'
  /** The job changed: a field, its status, a jobstate, a file or a key/value. */
  | 'UPDATED';

/** Conditions on jobs; all given fields apply (AND). */
export type JobFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<JobFilter>>;
  /** Conditions on the comment. */
  comment?: InputMaybe<StringFilter>;
  /** Conditions on the configuration. */
  configuration?: InputMaybe<StringFilter>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<JobFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<JobFilter>>;
  /** Conditions on the pipeline's id. */
  pipelineId?: InputMaybe<IdFilter>;
  /** Conditions on the product's id. */
  productId?: InputMaybe<IdFilter>;
  /** Conditions on the remote CI's id. */
  remoteciId?: InputMaybe<IdFilter>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the status. */
  status?: InputMaybe<JobStatusFilter>;
  /** Conditions on the tags. */
  tags?: InputMaybe<TagsFilter>;
  /** Conditions on the team's id. */
  teamId?: InputMaybe<IdFilter>;
  /** Conditions on the topic's id. */
  topicId?: InputMaybe<IdFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** The result of deleteJobKeyValue. */
export type JobKeyValuePayload = {
  __typename?: 'JobKeyValuePayload';
  /** The job after the change, with its new etag. */
  job: Job;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/** One sort key for jobs. */
export type JobOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: JobOrderField;
};

/** Fields jobs can be sorted by. */
export type JobOrderField =
  /** Creation time. */
  | 'created_at'
  /** Duration. */
  | 'duration'
  /** Name. */
  | 'name'
  /**
   * Status, in DCI's lifecycle order (new, pre-run, running, post-run, success, failure, killed,
   * error), the declaration order of its status enum: not alphabetical.
   */
  | 'status'
  /** Last modification time. */
  | 'updated_at';

/** Changes to a job; absent fields are left as they are. */
export type JobPatch = {
  /** Comment. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** Configuration name. */
  configuration?: InputMaybe<Scalars['String']['input']>;
  /** Name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** ACTIVE or INACTIVE; to archive, use deleteJob. */
  state?: InputMaybe<ResourceState>;
  /** New status; DCI also records a jobstate (without comment) when it changes. */
  status?: InputMaybe<JobStatus>;
  /** Why the job has its status. */
  statusReason?: InputMaybe<Scalars['String']['input']>;
  /** Tags (the whole list); blank ones are dropped. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** An http(s) URL, or empty. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** A status change of a job, with the files uploaded while the job was in it. */
export type JobState = {
  __typename?: 'JobState';
  /** Comment given with the change. */
  comment: Maybe<Scalars['String']['output']>;
  /** When the change happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Files uploaded during this jobstate; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  files: Maybe<Array<Maybe<File>>>;
  /** The jobstate's UUID. */
  id: Scalars['ID']['output'];
  /** The job. */
  job: Maybe<Job>;
  /** The status the job entered. */
  status: JobStatus;
};

/**
 * How many jobs match, in total and per status, counted by DCI (`_meta.count` of `limit=1`
 * requests carrying the filter: one per status asked for, side by side in one wave), never by
 * listing jobs.
 */
export type JobStats = {
  __typename?: 'JobStats';
  /** Every status with its count, zeros included (eight DCI counts). */
  byStatus: Array<JobStatusCount>;
  /** Jobs matching the filter (one DCI count). */
  total: Scalars['Int']['output'];
};

/** Status of a job. Transitions are free; SUCCESS, FAILURE and ERROR are final for DCI. */
export type JobStatus =
  /** Infrastructure error. */
  | 'error'
  /** Tests failed. */
  | 'failure'
  /** Interrupted. */
  | 'killed'
  /** Created, not started. */
  | 'new'
  /** Finishing. */
  | 'post-run'
  /** Preparing. */
  | 'pre-run'
  /** Running. */
  | 'running'
  /** Succeeded. */
  | 'success'
  /**
   * A status DCI answered that this schema does not know (a newer DCI, a faulty proxy): the job
   * is answered with it rather than lost. Answers only: as an argument or filter value it is
   * refused with BAD_USER_INPUT.
   */
  | 'UNKNOWN';

/** The number of jobs in one status. */
export type JobStatusCount = {
  __typename?: 'JobStatusCount';
  /** How many jobs are in it. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: JobStatus;
};

/** Conditions on a job status. Several conditions all apply (AND). */
export type JobStatusFilter = {
  /** Equal to this status. */
  eq?: InputMaybe<JobStatus>;
  /** One of these statuses. */
  in?: InputMaybe<Array<JobStatus>>;
  /** Different from this status. */
  ne?: InputMaybe<JobStatus>;
};

/** A numeric metric recorded on a job (`POST /jobs/<id>/kv`). */
export type KeyValue = {
  __typename?: 'KeyValue';
  /** The metric's key. */
  key: Scalars['String']['output'];
  /** The metric's value. */
  value: Scalars['Float']['output'];
};

/** The latest job of one remote CI, as DCI's statistics report it. */
export type LatestJob = {
  __typename?: 'LatestJob';
  /** When the job was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The job (fetched by id, batched, when asked for). */
  job: Maybe<Job>;
  /** The job's UUID. */
  jobId: Scalars['ID']['output'];
  /** Name of the remote CI that ran the job. */
  remoteciName: Scalars['String']['output'];
  /** The job's status: SUCCESS or FAILURE. */
  status: JobStatus;
  /** Name of the remote CI's team. */
  teamName: Scalars['String']['output'];
};

/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Attaches a component to a job. The job's etag does not change. */
  addComponentToJob: Maybe<JobComponentPayload>;
  /**
   * Moves a job to a status by recording a jobstate (what agents do). Not etag-guarded, but it
   * changes the job's etag. The gateway only posts on jobs you can see (DCI itself does not check).
   */
  addJobState: Maybe<AddJobStatePayload>;
  /**
   * Creates a job with explicit components (remote CIs only). Every id is checked before DCI is
   * asked, because DCI inserts the job before checking its components and would otherwise leave
   * an empty job behind: an unknown id is BAD_USER_INPUT and nothing is created.
   */
  createJob: Maybe<CreateJobPayload>;
  /** Deletes (archives) a job and its files. A stale `etag` is ETAG_MISMATCH; an unknown job NOT_FOUND. */
  deleteJob: Maybe<DeleteJobPayload>;
  /** Deletes a metric of a job (a no-op when absent); the job's etag changes. */
  deleteJobKeyValue: Maybe<JobKeyValuePayload>;
  /** Detaches a component from a job (a no-op when it was not attached). The job's etag does not change. */
  removeComponentFromJob: Maybe<JobComponentPayload>;
  /**
   * Creates a job whose components DCI picks (remote CIs only): the newest public component of
   * each of the topic's component types, or the given ids (one per type).
   */
  scheduleJob: Maybe<ScheduleJobPayload>;
  /**
   * Records a numeric metric on a job; the job's etag changes. DCI has no upsert: an existing key
   * is CONFLICT (with `extensions.currentValue`) unless `replace` is true, in which case the old
   * value is deleted and the new one posted (two DCI writes, not atomic; see docs/MUTATIONS.md).
   */
  setJobKeyValue: Maybe<SetJobKeyValuePayload>;
  /**
   * Changes a job. `etag` must be the job's current etag: after any other write to the job (an
   * update, a jobstate, a key/value) it is stale and the answer is ETAG_MISMATCH with the current
   * etag in `extensions.currentEtag`.
   */
  updateJob: Maybe<UpdateJobPayload>;
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationAddComponentToJobArgs = {
  componentId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationAddJobStateArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  jobId: Scalars['ID']['input'];
  status: JobStatus;
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationCreateJobArgs = {
  input: CreateJobInput;
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationDeleteJobArgs = {
  etag: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationDeleteJobKeyValueArgs = {
  jobId: Scalars['ID']['input'];
  key: Scalars['String']['input'];
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationRemoveComponentFromJobArgs = {
  componentId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationScheduleJobArgs = {
  input: ScheduleJobInput;
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationSetJobKeyValueArgs = {
  jobId: Scalars['ID']['input'];
  key: Scalars['String']['input'];
  replace?: InputMaybe<Scalars['Boolean']['input']>;
  value: Scalars['Float']['input'];
};


/**
 * Root mutation type: job writes (docs/MUTATIONS.md). Every mutation answers with the object as
 * DCI stores it after the write (re-read, with its new etag), or with an error whose
 * `extensions.code` says what happened: ETAG_MISMATCH (with `extensions.currentEtag`), NOT_FOUND,
 * BAD_USER_INPUT (with `extensions.invalidIds` for unknown ids), FORBIDDEN, PRECONDITION_FAILED,
 * CONFLICT. A refused mutation writes nothing. Payloads are nullable so that one refused mutation
 * does not hide the results of the others in the same operation.
 */
export type MutationUpdateJobArgs = {
  etag: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  patch: JobPatch;
};

/** Sort direction of an `orderBy` entry. */
export type OrderDirection =
  /** Ascending: oldest, smallest or A first. */
  | 'asc'
  /** Descending: newest, largest or Z first. */
  | 'desc';

/**
 * Relay pagination information for a connection. Lists ordered by a timestamp (the default
 * `createdAt DESC`, or `orderBy` on createdAt, updatedAt or releasedAt alone) have keyset
 * cursors: the next page holds the rows strictly after the cursor's row, so rows created or
 * deleted between two reads never repeat or skip one. Other orders have offset cursors.
 */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge, or null when the page is empty. Pass it as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow the last edge of this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when items precede the first edge of this page (always true on a page read after a keyset cursor). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first edge, or null when the page is empty. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A pipeline: a named chain of jobs of a team. */
export type Pipeline = {
  __typename?: 'Pipeline';
  /** When the pipeline was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque version tag; changes on every write. */
  etag: Scalars['String']['output'];
  /** The pipeline's UUID. */
  id: Scalars['ID']['output'];
  /** Jobs of the pipeline, newest first unless `orderBy` says otherwise. */
  jobs: Maybe<JobConnection>;
  /** Name. */
  name: Scalars['String']['output'];
  /** Lifecycle state. */
  state: ResourceState;
  /** The team owning the pipeline. */
  team: Maybe<Team>;
  /** When the pipeline was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A pipeline: a named chain of jobs of a team. */
export type PipelineJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<JobOrder>>;
};

/** A page of pipelines. */
export type PipelineConnection = {
  __typename?: 'PipelineConnection';
  /** The pipelines of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<PipelineEdge>>;
  /** The pipelines of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Pipeline>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many pipelines match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of pipelines, and its cursor. */
export type PipelineEdge = {
  __typename?: 'PipelineEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Pipeline;
};

/** Conditions on pipelines; all given fields apply (AND). */
export type PipelineFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<PipelineFilter>>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<PipelineFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<PipelineFilter>>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the team's id. */
  teamId?: InputMaybe<IdFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** One sort key for pipelines. */
export type PipelineOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: PipelineOrderField;
};

/** Fields pipelines can be sorted by. */
export type PipelineOrderField =
  /** Creation time. */
  | 'created_at'
  /** Name. */
  | 'name'
  /** Last modification time. */
  | 'updated_at';

/** A DCI product (for example RHEL or OpenShift): a family of topics. */
export type Product = {
  __typename?: 'Product';
  /** When the product was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Free-text description. */
  description: Maybe<Scalars['String']['output']>;
  /** Opaque version tag; changes on every write. Send it back as If-Match when updating. */
  etag: Scalars['String']['output'];
  /** The product's UUID. */
  id: Scalars['ID']['output'];
  /** Statistics of the product's jobs, created in [since, until), optionally of one remote CI. */
  jobStats: Maybe<JobStats>;
  /** Unique label, upper-case (`RHEL`). */
  label: Scalars['String']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Lifecycle state. */
  state: ResourceState;
  /** The product's topics you can see, newest first unless `orderBy` says otherwise. */
  topics: Maybe<TopicConnection>;
  /** When the product was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A DCI product (for example RHEL or OpenShift): a family of topics. */
export type ProductJobStatsArgs = {
  remoteciId?: InputMaybe<Scalars['ID']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A DCI product (for example RHEL or OpenShift): a family of topics. */
export type ProductTopicsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TopicFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TopicOrder>>;
};

/** A page of products. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** The products of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<ProductEdge>>;
  /** The products of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Product>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many products match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** A product and its cursor. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The product. */
  node: Product;
};

/** Conditions on products; all given fields apply (AND). */
export type ProductFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<ProductFilter>>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the label. */
  label?: InputMaybe<StringFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<ProductFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<ProductFilter>>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** One sort key for products. */
export type ProductOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: ProductOrderField;
};

/** Fields products can be sorted by. */
export type ProductOrderField =
  /** Creation time. */
  | 'created_at'
  /** Label. */
  | 'label'
  /** Name. */
  | 'name'
  /** Last modification time. */
  | 'updated_at';

/** Root query type. Each schema file extends it with the fields that return its type. */
export type Query = {
  __typename?: 'Query';
  /** A component by id; null when it does not exist or you cannot see it. */
  component: Maybe<Component>;
  /** The components you can see (through your teams' products). */
  components: Maybe<ComponentConnection>;
  /** A job file by id; null when it does not exist. */
  file: Maybe<File>;
  /** Who you are: the identity of the credentials of this request. */
  identity: Maybe<Identity>;
  /** A job by id; null when it does not exist or you cannot see it (another team's job). */
  job: Maybe<Job>;
  /** A jobstate by id; null when it does not exist. */
  jobState: Maybe<JobState>;
  /** The jobs you can see. */
  jobs: Maybe<JobConnection>;
  /** A pipeline by id; null when it does not exist or you cannot see it. */
  pipeline: Maybe<Pipeline>;
  /** The pipelines you can see. */
  pipelines: Maybe<PipelineConnection>;
  /** A product by id; null when it does not exist or you cannot see it. */
  product: Maybe<Product>;
  /** The products you can see. */
  products: Maybe<ProductConnection>;
  /** A remote CI by id; null when it does not exist or you cannot see it. */
  remoteci: Maybe<RemoteCi>;
  /** The remote CIs you can see. */
  remotecis: Maybe<RemoteCiConnection>;
  /**
   * DCI's statistics (`GET /stats`): per topic, the latest success or failure job of every remote
   * CI; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path).
   */
  stats: Maybe<Array<Maybe<TopicStats>>>;
  /** A team by id; null when it does not exist or you cannot see it. */
  team: Maybe<Team>;
  /** The teams you can see. */
  teams: Maybe<TeamConnection>;
  /** A topic by id; null when it does not exist or you cannot see it. */
  topic: Maybe<Topic>;
  /** The topics you can see. */
  topics: Maybe<TopicConnection>;
  /** The gateway's version string. */
  version: Scalars['String']['output'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryComponentArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryFileArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryJobStateArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<JobOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryPipelineArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryPipelinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PipelineFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PipelineOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ProductOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryRemoteciArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryRemotecisArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RemoteCiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<RemoteCiOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryTeamArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryTeamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TeamFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TeamOrder>>;
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryTopicArgs = {
  id: Scalars['ID']['input'];
};


/** Root query type. Each schema file extends it with the fields that return its type. */
export type QueryTopicsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TopicFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TopicOrder>>;
};

/**
 * A remote CI: a lab agent of a team that runs jobs and signs its requests with an API secret
 * (the secret is never exposed).
 */
export type RemoteCi = {
  __typename?: 'RemoteCI';
  /** When the remote CI was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Free-form data. */
  data: Maybe<Scalars['JSON']['output']>;
  /** Opaque version tag; changes on every write. */
  etag: Scalars['String']['output'];
  /** The remote CI's UUID. */
  id: Scalars['ID']['output'];
  /** Statistics of the remote CI's jobs, created in [since, until), optionally on one topic. */
  jobStats: Maybe<JobStats>;
  /** Name. */
  name: Scalars['String']['output'];
  /** Whether the remote CI is public. */
  public: Scalars['Boolean']['output'];
  /** Lifecycle state; an inactive remote CI cannot create jobs. */
  state: ResourceState;
  /** The team owning the remote CI. */
  team: Maybe<Team>;
  /** When the remote CI was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A remote CI: a lab agent of a team that runs jobs and signs its requests with an API secret
 * (the secret is never exposed).
 */
export type RemoteCiJobStatsArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
  topicId?: InputMaybe<Scalars['ID']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A page of remote CIs. */
export type RemoteCiConnection = {
  __typename?: 'RemoteCIConnection';
  /** The remote CIs of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<RemoteCiEdge>>;
  /** The remote CIs of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<RemoteCi>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many remote CIs match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of remote CIs, and its cursor. */
export type RemoteCiEdge = {
  __typename?: 'RemoteCIEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: RemoteCi;
};

/** Conditions on remote CIs; all given fields apply (AND). */
export type RemoteCiFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<RemoteCiFilter>>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<RemoteCiFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<RemoteCiFilter>>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the team's id. */
  teamId?: InputMaybe<IdFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** One sort key for remote CIs. */
export type RemoteCiOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: RemoteCiOrderField;
};

/** Fields remote CIs can be sorted by. */
export type RemoteCiOrderField =
  /** Creation time. */
  | 'created_at'
  /** Name. */
  | 'name'
  /** Last modification time. */
  | 'updated_at';

/** Lifecycle state of a DCI object. Archived objects are deleted (soft delete) and never visible. */
export type ResourceState =
  /** In use. */
  | 'active'
  /** Deleted. DCI hides archived objects, so filtering on it matches nothing. */
  | 'archived'
  /** Kept but disabled: visible, blocks actions such as creating jobs. */
  | 'inactive'
  /**
   * A state DCI answered that this schema does not know (a newer DCI, a faulty proxy). Answers
   * only: as an argument or filter value it is refused with BAD_USER_INPUT.
   */
  | 'UNKNOWN';

/** Conditions on a lifecycle state. Several conditions all apply (AND). */
export type ResourceStateFilter = {
  /** Equal to this state. */
  eq?: InputMaybe<ResourceState>;
  /** One of these states. */
  in?: InputMaybe<Array<ResourceState>>;
  /** Different from this state. */
  ne?: InputMaybe<ResourceState>;
};

/** A job to schedule (`POST /jobs/schedule`): DCI picks the components. */
export type ScheduleJobInput = {
  /** Comment. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /**
   * Explicit components, exactly one per component type of the topic. Absent or empty: DCI
   * picks the newest public component of each type.
   */
  componentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Configuration name. */
  configuration?: InputMaybe<Scalars['String']['input']>;
  /** Free-form data: a JSON object. */
  data?: InputMaybe<Scalars['JSON']['input']>;
  /** Name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The pipeline the job belongs to. */
  pipelineId?: InputMaybe<Scalars['ID']['input']>;
  /** The job this one follows. */
  previousJobId?: InputMaybe<Scalars['ID']['input']>;
  /** Tags; blank ones are dropped, as DCI does. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The topic's UUID. */
  topicId: Scalars['ID']['input'];
  /** An http(s) URL; empty means none. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** The result of scheduleJob. */
export type ScheduleJobPayload = {
  __typename?: 'ScheduleJobPayload';
  /** The new job, as stored, with the components DCI picked and its etag. */
  job: Job;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};

/** The result of setJobKeyValue. */
export type SetJobKeyValuePayload = {
  __typename?: 'SetJobKeyValuePayload';
  /** The job after the change, with its new etag. */
  job: Job;
  /** The metric as stored. */
  keyValue: KeyValue;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
  /** True when an existing value was replaced (`replace: true`). */
  replaced: Scalars['Boolean']['output'];
};

/**
 * Conditions on a text field. Several conditions in one input all apply (AND). DCI cannot express
 * values containing `,` `(` `)` `*` `'` `@` `+` `#` `=` or non-ASCII characters: such a value is
 * refused with BAD_USER_INPUT before anything is sent.
 */
export type StringFilter = {
  /** Equal, case-sensitive. */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** SQL LIKE, case-insensitive (`rhel-8%`). */
  ilike?: InputMaybe<Scalars['String']['input']>;
  /** Equal to one of these values (at most 50), case-sensitive. */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** SQL LIKE, case-sensitive; `%` matches any run of characters, `_` any one character. */
  like?: InputMaybe<Scalars['String']['input']>;
  /** Not equal, case-sensitive. */
  ne?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Live job events over Server-Sent Events (send the subscription with `Accept: text/event-stream`;
 * graphql-sse "distinct connections" mode: one HTTP stream per subscription). DCI has no push: the
 * gateway polls it for what changed since its last look (`--poll-interval`, default 5 s), with one
 * poller per (DCI identity, filter) shared by every subscriber of that pair, and publishes the
 * mutations made through the gateway at once. Every event is resolved with the subscriber's own
 * credentials, so it only ever shows what the subscriber may see. A caller may hold at most
 * `--max-subscriptions-per-identity` subscriptions at once (SUBSCRIPTION_LIMIT_EXCEEDED beyond).
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The job now, and again each time its status, jobstates or fields change (every change that
   * gives the job a new etag). When the job is deleted (archived) the last event shows it with
   * state ARCHIVED and the stream ends. A job you cannot see is NOT_FOUND.
   */
  job: Job;
  /**
   * Jobs created, updated or deleted that match the filter (the caller's visibility applies).
   * Only changes after the subscription started are sent. DELETED events are sent for deletions
   * made through the gateway, for jobs this poller has already seen.
   */
  jobEvents: JobEvent;
};


/**
 * Live job events over Server-Sent Events (send the subscription with `Accept: text/event-stream`;
 * graphql-sse "distinct connections" mode: one HTTP stream per subscription). DCI has no push: the
 * gateway polls it for what changed since its last look (`--poll-interval`, default 5 s), with one
 * poller per (DCI identity, filter) shared by every subscriber of that pair, and publishes the
 * mutations made through the gateway at once. Every event is resolved with the subscriber's own
 * credentials, so it only ever shows what the subscriber may see. A caller may hold at most
 * `--max-subscriptions-per-identity` subscriptions at once (SUBSCRIPTION_LIMIT_EXCEEDED beyond).
 */
export type SubscriptionJobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Live job events over Server-Sent Events (send the subscription with `Accept: text/event-stream`;
 * graphql-sse "distinct connections" mode: one HTTP stream per subscription). DCI has no push: the
 * gateway polls it for what changed since its last look (`--poll-interval`, default 5 s), with one
 * poller per (DCI identity, filter) shared by every subscriber of that pair, and publishes the
 * mutations made through the gateway at once. Every event is resolved with the subscriber's own
 * credentials, so it only ever shows what the subscriber may see. A caller may hold at most
 * `--max-subscriptions-per-identity` subscriptions at once (SUBSCRIPTION_LIMIT_EXCEEDED beyond).
 */
export type SubscriptionJobEventsArgs = {
  filter?: InputMaybe<JobFilter>;
};

/** Conditions on a list of tags. Tag matching is case-sensitive. */
export type TagsFilter = {
  /** The tags include this one. */
  contains?: InputMaybe<Scalars['String']['input']>;
  /** The tags do not include this one. */
  notContains?: InputMaybe<Scalars['String']['input']>;
};

/** A DCI team: partners, Red Hat groups, or the admin team. */
export type Team = {
  __typename?: 'Team';
  /** Country. */
  country: Maybe<Scalars['String']['output']>;
  /** When the team was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque version tag; changes on every write. */
  etag: Scalars['String']['output'];
  /** Whether the team is external to Red Hat. */
  external: Scalars['Boolean']['output'];
  /** Whether the team sees topics that are not export-controlled (pre-release). */
  hasPreReleaseAccess: Scalars['Boolean']['output'];
  /** The team's UUID. */
  id: Scalars['ID']['output'];
  /** Unique name. */
  name: Scalars['String']['output'];
  /** The team's remote CIs. */
  remotecis: Maybe<RemoteCiConnection>;
  /** Lifecycle state. */
  state: ResourceState;
  /** When the team was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A DCI team: partners, Red Hat groups, or the admin team. */
export type TeamRemotecisArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RemoteCiFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<RemoteCiOrder>>;
};

/** A page of teams. */
export type TeamConnection = {
  __typename?: 'TeamConnection';
  /** The teams of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<TeamEdge>>;
  /** The teams of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Team>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many teams match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of teams, and its cursor. */
export type TeamEdge = {
  __typename?: 'TeamEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Team;
};

/** Conditions on teams; all given fields apply (AND). */
export type TeamFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<TeamFilter>>;
  /** Conditions on the country. */
  country?: InputMaybe<StringFilter>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** This filter does not match. */
  not?: InputMaybe<TeamFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<TeamFilter>>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** One sort key for teams. */
export type TeamOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: TeamOrderField;
};

/** Fields teams can be sorted by. */
export type TeamOrderField =
  /** Creation time. */
  | 'created_at'
  /** Name. */
  | 'name'
  /** Last modification time. */
  | 'updated_at';

/** One test case of a JUnit report, read from the report's file. */
export type TestCase = {
  __typename?: 'TestCase';
  /** Test class (`<testcase classname>`). */
  classname: Maybe<Scalars['String']['output']>;
  /** The JUnit file the test case was read from. */
  fileId: Scalars['ID']['output'];
  /** The failure, error or skip message (or the first line of its details). */
  message: Maybe<Scalars['String']['output']>;
  /** Test name (`<testcase name>`), cut at 1024 characters. */
  name: Scalars['String']['output'];
  /** Failure or error details, then the captured system-out and system-err, cut at 8192 characters. */
  output: Maybe<Scalars['String']['output']>;
  /** Outcome; ERROR wins over FAILURE, FAILURE over SKIPPED. */
  status: TestCaseStatus;
  /** Name of the enclosing `<testsuite>`. */
  suite: Maybe<Scalars['String']['output']>;
  /** Run time in seconds. */
  time: Maybe<Scalars['Float']['output']>;
};

/** A page of test cases. */
export type TestCaseConnection = {
  __typename?: 'TestCaseConnection';
  /** The test cases of this page, with their cursors. */
  edges: Array<TestCaseEdge>;
  /** The test cases of this page. */
  nodes: Array<TestCase>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many test cases match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One of a page of test cases, and its cursor. */
export type TestCaseEdge = {
  __typename?: 'TestCaseEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: TestCase;
};

/** The outcome of one test case of a JUnit report. */
export type TestCaseStatus =
  /** The test case could not run to its end (`<error>`). */
  | 'ERROR'
  /** An assertion failed (`<failure>`). */
  | 'FAILURE'
  /** The test case passed. */
  | 'PASSED'
  /** The test case was skipped (`<skipped>`). */
  | 'SKIPPED';

/** Summary of one JUnit report of a job. */
export type TestResult = {
  __typename?: 'TestResult';
  /** When the result was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** Test cases in error. */
  errors: Scalars['Int']['output'];
  /** Failed test cases. */
  failures: Scalars['Int']['output'];
  /** Id of the JUnit file. */
  fileId: Maybe<Scalars['ID']['output']>;
  /** The result's UUID. */
  id: Scalars['ID']['output'];
  /** Name of the report. */
  name: Scalars['String']['output'];
  /** Test cases that passed in the previous job and fail now. */
  regressions: Scalars['Int']['output'];
  /** Skipped test cases. */
  skips: Scalars['Int']['output'];
  /** Passed test cases. */
  success: Scalars['Int']['output'];
  /** Test cases that failed in the previous job and pass now. */
  successfixes: Scalars['Int']['output'];
  /**
   * The report's test cases, in file order, parsed from the result's JUnit file (one download per
   * file and request, at most 32 MiB). A file that is not well-formed JUnit answers
   * JUNIT_MALFORMED (a DOCTYPE is refused too), one above the size bounds JUNIT_TOO_LARGE; only
   * this field is affected.
   */
  testCases: Maybe<TestCaseConnection>;
  /** Total run time in seconds. */
  time: Scalars['Float']['output'];
  /** Number of test cases. */
  total: Scalars['Int']['output'];
  /** When the result was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/** Summary of one JUnit report of a job. */
export type TestResultTestCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<TestCaseStatus>>;
};

/**
 * A DCI topic: one release stream of a product (for example RHEL-9.4 or OCP-4.16), grouping the
 * components partners test and the jobs that test them.
 */
export type Topic = {
  __typename?: 'Topic';
  /** Component types a job of this topic must carry (lower-case). */
  componentTypes: Array<Scalars['String']['output']>;
  /** Component types a job may carry in addition. */
  componentTypesOptional: Array<Scalars['String']['output']>;
  /** The topic's components you can see, most recently released first unless `orderBy` says otherwise. */
  components: Maybe<ComponentConnection>;
  /**
   * Which remote CIs ran the topic's latest components of one type, and with what result: one row
   * per component (the `last` most recently released, newest first), one cell per remote CI with
   * its latest job. Built from the components' details (`GET /components/<id>`, every job
   * embedded), all in one wave after the component list.
   */
  coverage: Maybe<Array<CoverageRow>>;
  /** When the topic was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Free-form topic data. */
  data: Maybe<Scalars['JSON']['output']>;
  /** Opaque version tag; changes on every write. */
  etag: Scalars['String']['output'];
  /** When false, only teams with pre-release access can see the topic. */
  exportControl: Scalars['Boolean']['output'];
  /** The topic's UUID. */
  id: Scalars['ID']['output'];
  /** Statistics of the topic's jobs, created in [since, until), optionally of one remote CI. */
  jobStats: Maybe<JobStats>;
  /** Jobs run on this topic, newest first unless `orderBy` says otherwise. */
  jobs: Maybe<JobConnection>;
  /**
   * The latest success or failure job of every remote CI on this topic, from DCI's statistics
   * (`GET /stats`, one request for every topic of the operation); null for an entry DCI answered
   * malformed (an UPSTREAM_ERROR at its path).
   */
  latestJobsByRemoteci: Maybe<Array<Maybe<LatestJob>>>;
  /** Unique name (`RHEL-9.4`). */
  name: Scalars['String']['output'];
  /** The topic that follows this one (job upgrades move to it), when you can see it. */
  nextTopic: Maybe<Topic>;
  /** The product this topic belongs to. */
  product: Maybe<Product>;
  /** Lifecycle state. */
  state: ResourceState;
  /** When the topic was last modified. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A DCI topic: one release stream of a product (for example RHEL-9.4 or OCP-4.16), grouping the
 * components partners test and the jobs that test them.
 */
export type TopicComponentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ComponentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ComponentOrder>>;
};


/**
 * A DCI topic: one release stream of a product (for example RHEL-9.4 or OCP-4.16), grouping the
 * components partners test and the jobs that test them.
 */
export type TopicCoverageArgs = {
  componentType: Scalars['String']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A DCI topic: one release stream of a product (for example RHEL-9.4 or OCP-4.16), grouping the
 * components partners test and the jobs that test them.
 */
export type TopicJobStatsArgs = {
  remoteciId?: InputMaybe<Scalars['ID']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A DCI topic: one release stream of a product (for example RHEL-9.4 or OCP-4.16), grouping the
 * components partners test and the jobs that test them.
 */
export type TopicJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<JobOrder>>;
};

/** A page of topics. */
export type TopicConnection = {
  __typename?: 'TopicConnection';
  /** The topics of this page, with their cursors; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  edges: Array<Maybe<TopicEdge>>;
  /** The topics of this page; null for a row DCI answered malformed (an UPSTREAM_ERROR at its path). */
  nodes: Array<Maybe<Topic>>;
  /** Pagination information. */
  pageInfo: PageInfo;
  /** How many topics match, across all pages (DCI's count); null with an UPSTREAM_ERROR when DCI answered none. */
  totalCount: Maybe<Scalars['Int']['output']>;
};

/** One of a page of topics, and its cursor. */
export type TopicEdge = {
  __typename?: 'TopicEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Topic;
};

/** Conditions on topics; all given fields apply (AND). */
export type TopicFilter = {
  /** All of these filters match. */
  and?: InputMaybe<Array<TopicFilter>>;
  /** Conditions on the creation time. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** Conditions on the id. */
  id?: InputMaybe<IdFilter>;
  /** Conditions on the name. */
  name?: InputMaybe<StringFilter>;
  /** Conditions on the next topic's id. */
  nextTopicId?: InputMaybe<IdFilter>;
  /** This filter does not match. */
  not?: InputMaybe<TopicFilter>;
  /** At least one of these filters matches. */
  or?: InputMaybe<Array<TopicFilter>>;
  /** Conditions on the product's id. */
  productId?: InputMaybe<IdFilter>;
  /** Conditions on the state. */
  state?: InputMaybe<ResourceStateFilter>;
  /** Conditions on the last modification time. */
  updatedAt?: InputMaybe<DateTimeFilter>;
};

/** One sort key for topics. */
export type TopicOrder = {
  /** The direction (default ASC). */
  direction?: InputMaybe<OrderDirection>;
  /** The field to sort by. */
  field: TopicOrderField;
};

/** Fields topics can be sorted by. */
export type TopicOrderField =
  /** Creation time. */
  | 'created_at'
  /** Name. */
  | 'name'
  /** Last modification time. */
  | 'updated_at';

/**
 * DCI's statistics of one topic (`GET /stats`): the latest success or failure job of every
 * remote CI of an active external team that ran the topic.
 */
export type TopicStats = {
  __typename?: 'TopicStats';
  /** How many jobs (remote CIs) there are. */
  jobCount: Scalars['Int']['output'];
  /** The latest success or failure job per remote CI, newest first; null for an entry DCI answered malformed (an UPSTREAM_ERROR at its path). */
  latestJobs: Array<Maybe<LatestJob>>;
  /** Share of those jobs that succeeded, in percent (rounded). */
  percentageOfSuccess: Scalars['Int']['output'];
  /** The product's name. */
  productName: Scalars['String']['output'];
  /** How many of those jobs succeeded. */
  successfulJobs: Scalars['Int']['output'];
  /** The topic (fetched by id, batched, when asked for). */
  topic: Maybe<Topic>;
  /** The topic's UUID. */
  topicId: Scalars['ID']['output'];
  /** The topic's name. */
  topicName: Scalars['String']['output'];
};

/** The result of updateJob. */
export type UpdateJobPayload = {
  __typename?: 'UpdateJobPayload';
  /** The job after the change, with its new etag. */
  job: Job;
  /** The root query, to read anything else after this write within the same operation. */
  query: Query;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddJobStatePayload: ResolverTypeWrapper<Omit<AddJobStatePayload, 'job' | 'jobState' | 'query'> & { job: ResolversTypes['Job'], jobState: ResolversTypes['JobState'], query: ResolversTypes['Query'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Component: ResolverTypeWrapper<DciComponent>;
  ComponentConnection: ResolverTypeWrapper<ComponentPage>;
  ComponentEdge: ResolverTypeWrapper<ComponentEdgeParent>;
  ComponentFile: ResolverTypeWrapper<DciComponentFile>;
  ComponentFilter: ComponentFilter;
  ComponentOrder: ComponentOrder;
  ComponentOrderField: null;
  CoverageCell: ResolverTypeWrapper<CoverageCellSource>;
  CoverageRow: ResolverTypeWrapper<CoverageRowSource>;
  CreateJobInput: CreateJobInput;
  CreateJobPayload: ResolverTypeWrapper<Omit<CreateJobPayload, 'job' | 'query'> & { job: ResolversTypes['Job'], query: ResolversTypes['Query'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeFilter: DateTimeFilter;
  DeleteJobPayload: ResolverTypeWrapper<Omit<DeleteJobPayload, 'query'> & { query: ResolversTypes['Query'] }>;
  File: ResolverTypeWrapper<DciFile>;
  FileConnection: ResolverTypeWrapper<FilePage>;
  FileContent: ResolverTypeWrapper<FileContent>;
  FileEdge: ResolverTypeWrapper<FileEdgeParent>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdFilter: IdFilter;
  Identity: ResolverTypeWrapper<IdentityView>;
  IdentityKind: null;
  IdentityTeam: ResolverTypeWrapper<IdentityTeamView>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Job: ResolverTypeWrapper<DciJob>;
  JobComponentPayload: ResolverTypeWrapper<Omit<JobComponentPayload, 'job' | 'query'> & { job: ResolversTypes['Job'], query: ResolversTypes['Query'] }>;
  JobConnection: ResolverTypeWrapper<JobPage>;
  JobEdge: ResolverTypeWrapper<JobEdgeParent>;
  JobEvent: ResolverTypeWrapper<JobEventMessage>;
  JobEventKind: JobEventKind;
  JobFilter: JobFilter;
  JobKeyValuePayload: ResolverTypeWrapper<Omit<JobKeyValuePayload, 'job' | 'query'> & { job: ResolversTypes['Job'], query: ResolversTypes['Query'] }>;
  JobOrder: JobOrder;
  JobOrderField: null;
  JobPatch: JobPatch;
  JobState: ResolverTypeWrapper<DciJobState>;
  JobStats: ResolverTypeWrapper<JobStatsSource>;
  JobStatus: null;
  JobStatusCount: ResolverTypeWrapper<JobStatusCount>;
  JobStatusFilter: JobStatusFilter;
  KeyValue: ResolverTypeWrapper<DciKeyValue>;
  LatestJob: ResolverTypeWrapper<DciStatsJob>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrderDirection: null;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Pipeline: ResolverTypeWrapper<DciPipeline>;
  PipelineConnection: ResolverTypeWrapper<PipelinePage>;
  PipelineEdge: ResolverTypeWrapper<PipelineEdgeParent>;
  PipelineFilter: PipelineFilter;
  PipelineOrder: PipelineOrder;
  PipelineOrderField: null;
  Product: ResolverTypeWrapper<DciProduct>;
  ProductConnection: ResolverTypeWrapper<ProductPage>;
  ProductEdge: ResolverTypeWrapper<ProductEdgeParent>;
  ProductFilter: ProductFilter;
  ProductOrder: ProductOrder;
  ProductOrderField: null;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RemoteCI: ResolverTypeWrapper<DciRemoteci>;
  RemoteCIConnection: ResolverTypeWrapper<RemoteciPage>;
  RemoteCIEdge: ResolverTypeWrapper<RemoteciEdgeParent>;
  RemoteCIFilter: RemoteCiFilter;
  RemoteCIOrder: RemoteCiOrder;
  RemoteCIOrderField: null;
  ResourceState: null;
  ResourceStateFilter: ResourceStateFilter;
  ScheduleJobInput: ScheduleJobInput;
  ScheduleJobPayload: ResolverTypeWrapper<Omit<ScheduleJobPayload, 'job' | 'query'> & { job: ResolversTypes['Job'], query: ResolversTypes['Query'] }>;
  SetJobKeyValuePayload: ResolverTypeWrapper<Omit<SetJobKeyValuePayload, 'job' | 'keyValue' | 'query'> & { job: ResolversTypes['Job'], keyValue: ResolversTypes['KeyValue'], query: ResolversTypes['Query'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  StringFilter: StringFilter;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TagsFilter: TagsFilter;
  Team: ResolverTypeWrapper<DciTeam>;
  TeamConnection: ResolverTypeWrapper<TeamPage>;
  TeamEdge: ResolverTypeWrapper<TeamEdgeParent>;
  TeamFilter: TeamFilter;
  TeamOrder: TeamOrder;
  TeamOrderField: null;
  TestCase: ResolverTypeWrapper<JunitTestCase>;
  TestCaseConnection: ResolverTypeWrapper<TestCasePage>;
  TestCaseEdge: ResolverTypeWrapper<TestCaseEdgeParent>;
  TestCaseStatus: TestCaseStatus;
  TestResult: ResolverTypeWrapper<DciResult>;
  Topic: ResolverTypeWrapper<DciTopic>;
  TopicConnection: ResolverTypeWrapper<TopicPage>;
  TopicEdge: ResolverTypeWrapper<TopicEdgeParent>;
  TopicFilter: TopicFilter;
  TopicOrder: TopicOrder;
  TopicOrderField: null;
  TopicStats: ResolverTypeWrapper<DciStatsTopic>;
  UpdateJobPayload: ResolverTypeWrapper<Omit<UpdateJobPayload, 'job' | 'query'> & { job: ResolversTypes['Job'], query: ResolversTypes['Query'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddJobStatePayload: Omit<AddJobStatePayload, 'job' | 'jobState' | 'query'> & { job: ResolversParentTypes['Job'], jobState: ResolversParentTypes['JobState'], query: ResolversParentTypes['Query'] };
  Boolean: Scalars['Boolean']['output'];
  Component: DciComponent;
  ComponentConnection: ComponentPage;
  ComponentEdge: ComponentEdgeParent;
  ComponentFile: DciComponentFile;
  ComponentFilter: ComponentFilter;
  ComponentOrder: ComponentOrder;
  CoverageCell: CoverageCellSource;
  CoverageRow: CoverageRowSource;
  CreateJobInput: CreateJobInput;
  CreateJobPayload: Omit<CreateJobPayload, 'job' | 'query'> & { job: ResolversParentTypes['Job'], query: ResolversParentTypes['Query'] };
  DateTime: Scalars['DateTime']['output'];
  DateTimeFilter: DateTimeFilter;
  DeleteJobPayload: Omit<DeleteJobPayload, 'query'> & { query: ResolversParentTypes['Query'] };
  File: DciFile;
  FileConnection: FilePage;
  FileContent: FileContent;
  FileEdge: FileEdgeParent;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  IdFilter: IdFilter;
  Identity: IdentityView;
  IdentityTeam: IdentityTeamView;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Job: DciJob;
  JobComponentPayload: Omit<JobComponentPayload, 'job' | 'query'> & { job: ResolversParentTypes['Job'], query: ResolversParentTypes['Query'] };
  JobConnection: JobPage;
  JobEdge: JobEdgeParent;
  JobEvent: JobEventMessage;
  JobFilter: JobFilter;
  JobKeyValuePayload: Omit<JobKeyValuePayload, 'job' | 'query'> & { job: ResolversParentTypes['Job'], query: ResolversParentTypes['Query'] };
  JobOrder: JobOrder;
  JobPatch: JobPatch;
  JobState: DciJobState;
  JobStats: JobStatsSource;
  JobStatusCount: JobStatusCount;
  JobStatusFilter: JobStatusFilter;
  KeyValue: DciKeyValue;
  LatestJob: DciStatsJob;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Pipeline: DciPipeline;
  PipelineConnection: PipelinePage;
  PipelineEdge: PipelineEdgeParent;
  PipelineFilter: PipelineFilter;
  PipelineOrder: PipelineOrder;
  Product: DciProduct;
  ProductConnection: ProductPage;
  ProductEdge: ProductEdgeParent;
  ProductFilter: ProductFilter;
  ProductOrder: ProductOrder;
  Query: Record<PropertyKey, never>;
  RemoteCI: DciRemoteci;
  RemoteCIConnection: RemoteciPage;
  RemoteCIEdge: RemoteciEdgeParent;
  RemoteCIFilter: RemoteCiFilter;
  RemoteCIOrder: RemoteCiOrder;
  ResourceStateFilter: ResourceStateFilter;
  ScheduleJobInput: ScheduleJobInput;
  ScheduleJobPayload: Omit<ScheduleJobPayload, 'job' | 'query'> & { job: ResolversParentTypes['Job'], query: ResolversParentTypes['Query'] };
  SetJobKeyValuePayload: Omit<SetJobKeyValuePayload, 'job' | 'keyValue' | 'query'> & { job: ResolversParentTypes['Job'], keyValue: ResolversParentTypes['KeyValue'], query: ResolversParentTypes['Query'] };
  String: Scalars['String']['output'];
  StringFilter: StringFilter;
  Subscription: Record<PropertyKey, never>;
  TagsFilter: TagsFilter;
  Team: DciTeam;
  TeamConnection: TeamPage;
  TeamEdge: TeamEdgeParent;
  TeamFilter: TeamFilter;
  TeamOrder: TeamOrder;
  TestCase: JunitTestCase;
  TestCaseConnection: TestCasePage;
  TestCaseEdge: TestCaseEdgeParent;
  TestResult: DciResult;
  Topic: DciTopic;
  TopicConnection: TopicPage;
  TopicEdge: TopicEdgeParent;
  TopicFilter: TopicFilter;
  TopicOrder: TopicOrder;
  TopicStats: DciStatsTopic;
  UpdateJobPayload: Omit<UpdateJobPayload, 'job' | 'query'> & { job: ResolversParentTypes['Job'], query: ResolversParentTypes['Query'] };
};

export type AddJobStatePayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AddJobStatePayload'] = ResolversParentTypes['AddJobStatePayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  jobState?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type ComponentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Component'] = ResolversParentTypes['Component']> = {
  canonicalProjectName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  files?: Resolver<Maybe<Array<Maybe<ResolversTypes['ComponentFile']>>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobStats?: Resolver<Maybe<ResolversTypes['JobStats']>, ParentType, ContextType, Partial<ComponentJobStatsArgs>>;
  jobs?: Resolver<Maybe<ResolversTypes['JobConnection']>, ParentType, ContextType, Partial<ComponentJobsArgs>>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  topic?: Resolver<Maybe<ResolversTypes['Topic']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ComponentConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ComponentConnection'] = ResolversParentTypes['ComponentConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['ComponentEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Component']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ComponentEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ComponentEdge'] = ResolversParentTypes['ComponentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
};

export type ComponentFileResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ComponentFile'] = ResolversParentTypes['ComponentFile']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  md5?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ComponentOrderFieldResolvers = { CREATED_AT: 'created_at', NAME: 'name', RELEASED_AT: 'released_at', TYPE: 'type', UPDATED_AT: 'updated_at', VERSION: 'version' };

export type CoverageCellResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CoverageCell'] = ResolversParentTypes['CoverageCell']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  remoteci?: Resolver<Maybe<ResolversTypes['RemoteCI']>, ParentType, ContextType>;
  remoteciId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  testFailures?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CoverageRowResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CoverageRow'] = ResolversParentTypes['CoverageRow']> = {
  component?: Resolver<ResolversTypes['Component'], ParentType, ContextType>;
  remotecis?: Resolver<Maybe<Array<ResolversTypes['CoverageCell']>>, ParentType, ContextType>;
};

export type CreateJobPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreateJobPayload'] = ResolversParentTypes['CreateJobPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteJobPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DeleteJobPayload'] = ResolversParentTypes['DeleteJobPayload']> = {
  deletedId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type FileResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['File'] = ResolversParentTypes['File']> = {
  content?: Resolver<Maybe<ResolversTypes['FileContent']>, ParentType, ContextType, RequireFields<FileContentArgs, 'maxBytes'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  jobStateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  md5?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mime?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type FileConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['FileConnection'] = ResolversParentTypes['FileConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['FileEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['File']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type FileContentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['FileContent'] = ResolversParentTypes['FileContent']> = {
  encoding?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type FileEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['FileEdge'] = ResolversParentTypes['FileEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['File'], ParentType, ContextType>;
};

export type IdentityResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Identity'] = ResolversParentTypes['Identity']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  etag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasPreReleaseAccess?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isEpm?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isReadOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isSuperAdmin?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['IdentityKind'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  teams?: Resolver<Array<Maybe<ResolversTypes['IdentityTeam']>>, ParentType, ContextType>;
  timezone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IdentityKindResolvers = { FEEDER: 'feeder', REMOTECI: 'remoteci', USER: 'user' };

export type IdentityTeamResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['IdentityTeam'] = ResolversParentTypes['IdentityTeam']> = {
  hasPreReleaseAccess?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  clientVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  comment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  components?: Resolver<Maybe<Array<ResolversTypes['Component']>>, ParentType, ContextType>;
  configuration?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  duration?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failedTests?: Resolver<Maybe<Array<ResolversTypes['TestCase']>>, ParentType, ContextType, RequireFields<JobFailedTestsArgs, 'first'>>;
  files?: Resolver<Maybe<ResolversTypes['FileConnection']>, ParentType, ContextType, Partial<JobFilesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobstates?: Resolver<Maybe<Array<ResolversTypes['JobState']>>, ParentType, ContextType>;
  keyValues?: Resolver<Maybe<Array<Maybe<ResolversTypes['KeyValue']>>>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pipeline?: Resolver<Maybe<ResolversTypes['Pipeline']>, ParentType, ContextType>;
  previousJob?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  remoteci?: Resolver<Maybe<ResolversTypes['RemoteCI']>, ParentType, ContextType>;
  results?: Resolver<Maybe<Array<Maybe<ResolversTypes['TestResult']>>>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  statusReason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType>;
  topic?: Resolver<Maybe<ResolversTypes['Topic']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type JobComponentPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobComponentPayload'] = ResolversParentTypes['JobComponentPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['JobEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Job']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type JobEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type JobEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobEvent'] = ResolversParentTypes['JobEvent']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['JobEventKind'], ParentType, ContextType>;
};

export type JobKeyValuePayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobKeyValuePayload'] = ResolversParentTypes['JobKeyValuePayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type JobOrderFieldResolvers = { CREATED_AT: 'created_at', DURATION: 'duration', NAME: 'name', STATUS: 'status', UPDATED_AT: 'updated_at' };

export type JobStateResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobState'] = ResolversParentTypes['JobState']> = {
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  files?: Resolver<Maybe<Array<Maybe<ResolversTypes['File']>>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
};

export type JobStatsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobStats'] = ResolversParentTypes['JobStats']> = {
  byStatus?: Resolver<Array<ResolversTypes['JobStatusCount']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type JobStatusResolvers = { ERROR: 'error', FAILURE: 'failure', KILLED: 'killed', NEW: 'new', POST_RUN: 'post-run', PRE_RUN: 'pre-run', RUNNING: 'running', SUCCESS: 'success', UNKNOWN?: 'UNKNOWN' };

export type JobStatusCountResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobStatusCount'] = ResolversParentTypes['JobStatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
};

export type KeyValueResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['KeyValue'] = ResolversParentTypes['KeyValue']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type LatestJobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LatestJob'] = ResolversParentTypes['LatestJob']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  remoteciName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  teamName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addComponentToJob?: Resolver<Maybe<ResolversTypes['JobComponentPayload']>, ParentType, ContextType, RequireFields<MutationAddComponentToJobArgs, 'componentId' | 'jobId'>>;
  addJobState?: Resolver<Maybe<ResolversTypes['AddJobStatePayload']>, ParentType, ContextType, RequireFields<MutationAddJobStateArgs, 'jobId' | 'status'>>;
  createJob?: Resolver<Maybe<ResolversTypes['CreateJobPayload']>, ParentType, ContextType, RequireFields<MutationCreateJobArgs, 'input'>>;
  deleteJob?: Resolver<Maybe<ResolversTypes['DeleteJobPayload']>, ParentType, ContextType, RequireFields<MutationDeleteJobArgs, 'etag' | 'id'>>;
  deleteJobKeyValue?: Resolver<Maybe<ResolversTypes['JobKeyValuePayload']>, ParentType, ContextType, RequireFields<MutationDeleteJobKeyValueArgs, 'jobId' | 'key'>>;
  removeComponentFromJob?: Resolver<Maybe<ResolversTypes['JobComponentPayload']>, ParentType, ContextType, RequireFields<MutationRemoveComponentFromJobArgs, 'componentId' | 'jobId'>>;
  scheduleJob?: Resolver<Maybe<ResolversTypes['ScheduleJobPayload']>, ParentType, ContextType, RequireFields<MutationScheduleJobArgs, 'input'>>;
  setJobKeyValue?: Resolver<Maybe<ResolversTypes['SetJobKeyValuePayload']>, ParentType, ContextType, RequireFields<MutationSetJobKeyValueArgs, 'jobId' | 'key' | 'replace' | 'value'>>;
  updateJob?: Resolver<Maybe<ResolversTypes['UpdateJobPayload']>, ParentType, ContextType, RequireFields<MutationUpdateJobArgs, 'etag' | 'id' | 'patch'>>;
};

export type OrderDirectionResolvers = { ASC: 'asc', DESC: 'desc' };

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PipelineResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Pipeline'] = ResolversParentTypes['Pipeline']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobs?: Resolver<Maybe<ResolversTypes['JobConnection']>, ParentType, ContextType, Partial<PipelineJobsArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PipelineConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PipelineConnection'] = ResolversParentTypes['PipelineConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['PipelineEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Pipeline']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type PipelineEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PipelineEdge'] = ResolversParentTypes['PipelineEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Pipeline'], ParentType, ContextType>;
};

export type PipelineOrderFieldResolvers = { CREATED_AT: 'created_at', NAME: 'name', UPDATED_AT: 'updated_at' };

export type ProductResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobStats?: Resolver<Maybe<ResolversTypes['JobStats']>, ParentType, ContextType, Partial<ProductJobStatsArgs>>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  topics?: Resolver<Maybe<ResolversTypes['TopicConnection']>, ParentType, ContextType, Partial<ProductTopicsArgs>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ProductConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['ProductEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Product']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ProductEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type ProductOrderFieldResolvers = { CREATED_AT: 'created_at', LABEL: 'label', NAME: 'name', UPDATED_AT: 'updated_at' };

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  component?: Resolver<Maybe<ResolversTypes['Component']>, ParentType, ContextType, RequireFields<QueryComponentArgs, 'id'>>;
  components?: Resolver<Maybe<ResolversTypes['ComponentConnection']>, ParentType, ContextType, Partial<QueryComponentsArgs>>;
  file?: Resolver<Maybe<ResolversTypes['File']>, ParentType, ContextType, RequireFields<QueryFileArgs, 'id'>>;
  identity?: Resolver<Maybe<ResolversTypes['Identity']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobState?: Resolver<Maybe<ResolversTypes['JobState']>, ParentType, ContextType, RequireFields<QueryJobStateArgs, 'id'>>;
  jobs?: Resolver<Maybe<ResolversTypes['JobConnection']>, ParentType, ContextType, Partial<QueryJobsArgs>>;
  pipeline?: Resolver<Maybe<ResolversTypes['Pipeline']>, ParentType, ContextType, RequireFields<QueryPipelineArgs, 'id'>>;
  pipelines?: Resolver<Maybe<ResolversTypes['PipelineConnection']>, ParentType, ContextType, Partial<QueryPipelinesArgs>>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<Maybe<ResolversTypes['ProductConnection']>, ParentType, ContextType, Partial<QueryProductsArgs>>;
  remoteci?: Resolver<Maybe<ResolversTypes['RemoteCI']>, ParentType, ContextType, RequireFields<QueryRemoteciArgs, 'id'>>;
  remotecis?: Resolver<Maybe<ResolversTypes['RemoteCIConnection']>, ParentType, ContextType, Partial<QueryRemotecisArgs>>;
  stats?: Resolver<Maybe<Array<Maybe<ResolversTypes['TopicStats']>>>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType, RequireFields<QueryTeamArgs, 'id'>>;
  teams?: Resolver<Maybe<ResolversTypes['TeamConnection']>, ParentType, ContextType, Partial<QueryTeamsArgs>>;
  topic?: Resolver<Maybe<ResolversTypes['Topic']>, ParentType, ContextType, RequireFields<QueryTopicArgs, 'id'>>;
  topics?: Resolver<Maybe<ResolversTypes['TopicConnection']>, ParentType, ContextType, Partial<QueryTopicsArgs>>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RemoteCiResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteCI'] = ResolversParentTypes['RemoteCI']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobStats?: Resolver<Maybe<ResolversTypes['JobStats']>, ParentType, ContextType, Partial<RemoteCiJobStatsArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  public?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type RemoteCiConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteCIConnection'] = ResolversParentTypes['RemoteCIConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['RemoteCIEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['RemoteCI']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type RemoteCiEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemoteCIEdge'] = ResolversParentTypes['RemoteCIEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['RemoteCI'], ParentType, ContextType>;
};

export type RemoteCiOrderFieldResolvers = { CREATED_AT: 'created_at', NAME: 'name', UPDATED_AT: 'updated_at' };

export type ResourceStateResolvers = { ACTIVE: 'active', ARCHIVED: 'archived', INACTIVE: 'inactive', UNKNOWN?: 'UNKNOWN' };

export type ScheduleJobPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ScheduleJobPayload'] = ResolversParentTypes['ScheduleJobPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type SetJobKeyValuePayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SetJobKeyValuePayload'] = ResolversParentTypes['SetJobKeyValuePayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  keyValue?: Resolver<ResolversTypes['KeyValue'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
  replaced?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  job?: SubscriptionResolver<ResolversTypes['Job'], "job", ParentType, ContextType, RequireFields<SubscriptionJobArgs, 'id'>>;
  jobEvents?: SubscriptionResolver<ResolversTypes['JobEvent'], "jobEvents", ParentType, ContextType, Partial<SubscriptionJobEventsArgs>>;
};

export type TeamResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Team'] = ResolversParentTypes['Team']> = {
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  external?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreReleaseAccess?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remotecis?: Resolver<Maybe<ResolversTypes['RemoteCIConnection']>, ParentType, ContextType, Partial<TeamRemotecisArgs>>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TeamConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TeamConnection'] = ResolversParentTypes['TeamConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['TeamEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Team']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type TeamEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TeamEdge'] = ResolversParentTypes['TeamEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Team'], ParentType, ContextType>;
};

export type TeamOrderFieldResolvers = { CREATED_AT: 'created_at', NAME: 'name', UPDATED_AT: 'updated_at' };

export type TestCaseResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TestCase'] = ResolversParentTypes['TestCase']> = {
  classname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TestCaseStatus'], ParentType, ContextType>;
  suite?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  time?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type TestCaseConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TestCaseConnection'] = ResolversParentTypes['TestCaseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TestCaseEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['TestCase']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TestCaseEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TestCaseEdge'] = ResolversParentTypes['TestCaseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TestCase'], ParentType, ContextType>;
};

export type TestResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TestResult'] = ResolversParentTypes['TestResult']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  errors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fileId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skips?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  success?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  successfixes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  testCases?: Resolver<Maybe<ResolversTypes['TestCaseConnection']>, ParentType, ContextType, RequireFields<TestResultTestCasesArgs, 'first'>>;
  time?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TopicResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Topic'] = ResolversParentTypes['Topic']> = {
  componentTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  componentTypesOptional?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  components?: Resolver<Maybe<ResolversTypes['ComponentConnection']>, ParentType, ContextType, Partial<TopicComponentsArgs>>;
  coverage?: Resolver<Maybe<Array<ResolversTypes['CoverageRow']>>, ParentType, ContextType, RequireFields<TopicCoverageArgs, 'componentType' | 'last'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exportControl?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobStats?: Resolver<Maybe<ResolversTypes['JobStats']>, ParentType, ContextType, Partial<TopicJobStatsArgs>>;
  jobs?: Resolver<Maybe<ResolversTypes['JobConnection']>, ParentType, ContextType, Partial<TopicJobsArgs>>;
  latestJobsByRemoteci?: Resolver<Maybe<Array<Maybe<ResolversTypes['LatestJob']>>>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextTopic?: Resolver<Maybe<ResolversTypes['Topic']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ResourceState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TopicConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TopicConnection'] = ResolversParentTypes['TopicConnection']> = {
  edges?: Resolver<Array<Maybe<ResolversTypes['TopicEdge']>>, ParentType, ContextType>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Topic']>>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type TopicEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TopicEdge'] = ResolversParentTypes['TopicEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Topic'], ParentType, ContextType>;
};

export type TopicOrderFieldResolvers = { CREATED_AT: 'created_at', NAME: 'name', UPDATED_AT: 'updated_at' };

export type TopicStatsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TopicStats'] = ResolversParentTypes['TopicStats']> = {
  jobCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  latestJobs?: Resolver<Array<Maybe<ResolversTypes['LatestJob']>>, ParentType, ContextType>;
  percentageOfSuccess?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  successfulJobs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  topic?: Resolver<Maybe<ResolversTypes['Topic']>, ParentType, ContextType>;
  topicId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  topicName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UpdateJobPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UpdateJobPayload'] = ResolversParentTypes['UpdateJobPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['Query'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  AddJobStatePayload?: AddJobStatePayloadResolvers<ContextType>;
  Component?: ComponentResolvers<ContextType>;
  ComponentConnection?: ComponentConnectionResolvers<ContextType>;
  ComponentEdge?: ComponentEdgeResolvers<ContextType>;
  ComponentFile?: ComponentFileResolvers<ContextType>;
  ComponentOrderField?: ComponentOrderFieldResolvers;
  CoverageCell?: CoverageCellResolvers<ContextType>;
  CoverageRow?: CoverageRowResolvers<ContextType>;
  CreateJobPayload?: CreateJobPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteJobPayload?: DeleteJobPayloadResolvers<ContextType>;
  File?: FileResolvers<ContextType>;
  FileConnection?: FileConnectionResolvers<ContextType>;
  FileContent?: FileContentResolvers<ContextType>;
  FileEdge?: FileEdgeResolvers<ContextType>;
  Identity?: IdentityResolvers<ContextType>;
  IdentityKind?: IdentityKindResolvers;
  IdentityTeam?: IdentityTeamResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobComponentPayload?: JobComponentPayloadResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobEvent?: JobEventResolvers<ContextType>;
  JobKeyValuePayload?: JobKeyValuePayloadResolvers<ContextType>;
  JobOrderField?: JobOrderFieldResolvers;
  JobState?: JobStateResolvers<ContextType>;
  JobStats?: JobStatsResolvers<ContextType>;
  JobStatus?: JobStatusResolvers;
  JobStatusCount?: JobStatusCountResolvers<ContextType>;
  KeyValue?: KeyValueResolvers<ContextType>;
  LatestJob?: LatestJobResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrderDirection?: OrderDirectionResolvers;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pipeline?: PipelineResolvers<ContextType>;
  PipelineConnection?: PipelineConnectionResolvers<ContextType>;
  PipelineEdge?: PipelineEdgeResolvers<ContextType>;
  PipelineOrderField?: PipelineOrderFieldResolvers;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductOrderField?: ProductOrderFieldResolvers;
  Query?: QueryResolvers<ContextType>;
  RemoteCI?: RemoteCiResolvers<ContextType>;
  RemoteCIConnection?: RemoteCiConnectionResolvers<ContextType>;
  RemoteCIEdge?: RemoteCiEdgeResolvers<ContextType>;
  RemoteCIOrderField?: RemoteCiOrderFieldResolvers;
  ResourceState?: ResourceStateResolvers;
  ScheduleJobPayload?: ScheduleJobPayloadResolvers<ContextType>;
  SetJobKeyValuePayload?: SetJobKeyValuePayloadResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Team?: TeamResolvers<ContextType>;
  TeamConnection?: TeamConnectionResolvers<ContextType>;
  TeamEdge?: TeamEdgeResolvers<ContextType>;
  TeamOrderField?: TeamOrderFieldResolvers;
  TestCase?: TestCaseResolvers<ContextType>;
  TestCaseConnection?: TestCaseConnectionResolvers<ContextType>;
  TestCaseEdge?: TestCaseEdgeResolvers<ContextType>;
  TestResult?: TestResultResolvers<ContextType>;
  Topic?: TopicResolvers<ContextType>;
  TopicConnection?: TopicConnectionResolvers<ContextType>;
  TopicEdge?: TopicEdgeResolvers<ContextType>;
  TopicOrderField?: TopicOrderFieldResolvers;
  TopicStats?: TopicStatsResolvers<ContextType>;
  UpdateJobPayload?: UpdateJobPayloadResolvers<ContextType>;
};


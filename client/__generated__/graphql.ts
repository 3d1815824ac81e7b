/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The kinds of job events. */
export type JobEventKind =
  /** The job was created (since the previous look). */
  | 'CREATED'
  /** The job was deleted (archived). */
  | 'DELETED'
  /** The job changed: a field, its status, a jobstate, a file or a key/value. */
  | 'UPDATED';

/** Status of a job. Transitions are free; SUCCESS, FAILURE and ERROR are final for DCI. */
export type JobStatus =
  /** Infrastructure error. */
  | 'ERROR'
  /** Tests failed. */
  | 'FAILURE'
  /** Interrupted. */
  | 'KILLED'
  /** Created, not started. */
  | 'NEW'
  /** Finishing. */
  | 'POST_RUN'
  /** Preparing. */
  | 'PRE_RUN'
  /** Running. */
  | 'RUNNING'
  /** Succeeded. */
  | 'SUCCESS'
  /**
   * A status DCI answered that this schema does not know (a newer DCI, a faulty proxy): the job
   * is answered with it rather than lost. Answers only: as an argument or filter value it is
   * refused with BAD_USER_INPUT.
   */
  | 'UNKNOWN';

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

export type S1QueryVariables = Exact<{ [key: string]: never; }>;


export type S1Query = { topics: { nodes: Array<{ name: string, components: { nodes: Array<{ name: string, jobs: { nodes: Array<{ status: JobStatus } | null> } | null } | null> } | null } | null> } | null };

export type S2QueryVariables = Exact<{ [key: string]: never; }>;


export type S2Query = { jobs: { nodes: Array<{ id: string, name: string, status: JobStatus, topic: { name: string } | null, product: { name: string } | null, remoteci: { name: string } | null, team: { name: string } | null, components: Array<{ name: string, type: string, version: string }> | null } | null> } | null };

export type S3QueryVariables = Exact<{
  id: string | number;
}>;


export type S3Query = { job: { id: string, name: string, status: JobStatus, topic: { name: string } | null, remoteci: { name: string } | null, team: { name: string } | null, components: Array<{ name: string, type: string, version: string }> | null, jobstates: Array<{ status: JobStatus, comment: string | null, files: Array<{ name: string, mime: string | null, size: number | null } | null> | null }> | null } | null };

export type S4QueryVariables = Exact<{ [key: string]: never; }>;


export type S4Query = { products: { nodes: Array<{ name: string, topics: { nodes: Array<{ name: string, components: { nodes: Array<{ type: string, name: string } | null> } | null } | null> } | null } | null> } | null };

export type DashboardTopicsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardTopicsQuery = { topics: { nodes: Array<{ id: string, name: string, product: { name: string } | null } | null> } | null };

export type TopicMatrixQueryVariables = Exact<{
  topicId: string | number;
  components?: number | null | undefined;
  jobs?: number | null | undefined;
}>;


export type TopicMatrixQuery = { topic: { id: string, name: string, product: { name: string } | null, components: { nodes: Array<{ id: string, name: string, version: string, type: string, releasedAt: string } & ({ jobs: { nodes: Array<{ id: string, name: string, status: JobStatus, createdAt: string, remoteci: { id: string, name: string } | null } | null> } | null } | { jobs?: never }) | null> } | null } | null };

export type MatrixJobFragment = { id: string, name: string, status: JobStatus, createdAt: string, remoteci: { id: string, name: string } | null };

export type JobPageQueryVariables = Exact<{
  id: string | number;
}>;


export type JobPageQuery = { job: { id: string, name: string, status: JobStatus, statusReason: string, comment: string, createdAt: string, updatedAt: string, duration: number, tags: Array<string>, topic: { id: string, name: string } | null, remoteci: { id: string, name: string } | null, team: { name: string } | null, components: Array<{ id: string, name: string, version: string, type: string }> | null, results: Array<{ id: string, name: string, total: number, success: number, skips: number, failures: number, errors: number, regressions: number, successfixes: number, time: number } | null> | null } | null };

export type JobHeadFragment = { id: string, name: string, status: JobStatus, statusReason: string, comment: string, createdAt: string, updatedAt: string, duration: number, tags: Array<string>, topic: { id: string, name: string } | null, remoteci: { id: string, name: string } | null, team: { name: string } | null, components: Array<{ id: string, name: string, version: string, type: string }> | null, results: Array<{ id: string, name: string, total: number, success: number, skips: number, failures: number, errors: number, regressions: number, successfixes: number, time: number } | null> | null };

export type JobHistoryFragment = { jobstates: Array<{ id: string, status: JobStatus, comment: string | null, createdAt: string }> | null, files: { totalCount: number | null, nodes: Array<{ id: string, name: string, mime: string | null, size: number | null, createdAt: string } | null> } | null };

export type JobLiveSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type JobLiveSubscription = { job: { id: string, name: string, status: JobStatus, statusReason: string, comment: string, createdAt: string, updatedAt: string, duration: number, tags: Array<string>, topic: { id: string, name: string } | null, remoteci: { id: string, name: string } | null, team: { name: string } | null, components: Array<{ id: string, name: string, version: string, type: string }> | null, results: Array<{ id: string, name: string, total: number, success: number, skips: number, failures: number, errors: number, regressions: number, successfixes: number, time: number } | null> | null, jobstates: Array<{ id: string, status: JobStatus, comment: string | null, createdAt: string }> | null, files: { totalCount: number | null, nodes: Array<{ id: string, name: string, mime: string | null, size: number | null, createdAt: string } | null> } | null } };

export type TopicJobEventsSubscriptionVariables = Exact<{
  topicId: string | number;
}>;


export type TopicJobEventsSubscription = { jobEvents: { kind: JobEventKind, at: string, job: { id: string, name: string, status: JobStatus, createdAt: string, components: Array<{ id: string }> | null, remoteci: { id: string, name: string } | null } } };

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { identity: { name: string | null, isSuperAdmin: boolean, teams: Array<{ name: string, hasPreReleaseAccess: boolean } | null> } | null };

export type FailedJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type FailedJobsQuery = { jobs: { totalCount: number | null, nodes: Array<{ name: string, status: JobStatus, createdAt: string, remoteci: { name: string } | null, team: { name: string } | null } | null> } | null };

export type JobsWithRelationsQueryVariables = Exact<{ [key: string]: never; }>;


export type JobsWithRelationsQuery = { jobs: { nodes: Array<{ topic: { name: string, product: { name: string } | null } | null, remoteci: { name: string } | null, team: { name: string } | null, components: Array<{ name: string, topic: { name: string } | null }> | null } | null> } | null };

export type JobInDepthQueryVariables = Exact<{
  id: string | number;
}>;


export type JobInDepthQuery = { job: { name: string, status: JobStatus, data: unknown, jobstates: Array<{ status: JobStatus, createdAt: string, files: Array<{ name: string } | null> | null }> | null, files: { totalCount: number | null, nodes: Array<{ name: string } | null> } | null, results: Array<{ name: string, total: number, failures: number } | null> | null } | null };

export type TopicsComponentsJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type TopicsComponentsJobsQuery = { topics: { nodes: Array<{ name: string, product: { name: string } | null, components: { nodes: Array<{ name: string, jobs: { nodes: Array<{ status: JobStatus } | null> } | null } | null> } | null } | null> } | null };

export type TopicCoverageQueryVariables = Exact<{
  id: string | number;
}>;


export type TopicCoverageQuery = { topic: { coverage: Array<{ component: { name: string }, remotecis: Array<{ status: JobStatus, createdAt: string, testFailures: number | null, remoteci: { name: string } | null }> | null }> | null } | null };

export type TopicJobStatsQueryVariables = Exact<{
  id: string | number;
}>;


export type TopicJobStatsQuery = { topic: { jobStats: { total: number, byStatus: Array<{ status: JobStatus, count: number }> } | null, latestJobsByRemoteci: Array<{ remoteciName: string, teamName: string, status: JobStatus, createdAt: string } | null> | null } | null };

export type WhyDidThisJobFailQueryVariables = Exact<{
  id: string | number;
}>;


export type WhyDidThisJobFailQuery = { job: { name: string, status: JobStatus, results: Array<{ name: string, total: number, failures: number, errors: number, testCases: { totalCount: number, nodes: Array<{ name: string, classname: string | null, status: TestCaseStatus, message: string | null }> } | null } | null> | null, files: { nodes: Array<{ name: string, mime: string | null, content: { text: string, truncated: boolean, size: number | null } | null } | null> } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MatrixJobFragmentDoc = new TypedDocumentString(`
    fragment MatrixJob on Job {
  id
  name
  status
  createdAt
  remoteci {
    id
    name
  }
}
    `, {"fragmentName":"MatrixJob"}) as unknown as TypedDocumentString<MatrixJobFragment, unknown>;
export const JobHeadFragmentDoc = new TypedDocumentString(`
    fragment JobHead on Job {
  id
  name
  status
  statusReason
  comment
  createdAt
  updatedAt
  duration
  tags
  topic {
    id
    name
  }
  remoteci {
    id
    name
  }
  team {
    name
  }
  components {
    id
    name
    version
    type
  }
  results {
    id
    name
    total
    success
    skips
    failures
    errors
    regressions
    successfixes
    time
  }
}
    `, {"fragmentName":"JobHead"}) as unknown as TypedDocumentString<JobHeadFragment, unknown>;
export const JobHistoryFragmentDoc = new TypedDocumentString(`
    fragment JobHistory on Job {
  jobstates {
    id
    status
    comment
    createdAt
  }
  files(first: 50) {
    totalCount
    nodes {
      id
      name
      mime
      size
      createdAt
    }
  }
}
    `, {"fragmentName":"JobHistory"}) as unknown as TypedDocumentString<JobHistoryFragment, unknown>;
export const S1Document = new TypedDocumentString(`
    query S1 {
  topics(first: 10) {
    nodes {
      name
      components(first: 5) {
        nodes {
          name
          jobs(first: 3) {
            nodes {
              status
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:1581e95f0ee02db136c39302417b5ad0ee4d8899db6faec1dc13d06da9a0359d"}) as unknown as TypedDocumentString<S1Query, S1QueryVariables>;
export const S2Document = new TypedDocumentString(`
    query S2 {
  jobs(first: 50) {
    nodes {
      id
      name
      status
      topic {
        name
      }
      product {
        name
      }
      remoteci {
        name
      }
      team {
        name
      }
      components {
        name
        type
        version
      }
    }
  }
}
    `, {"hash":"sha256:48b789090cf30a8e5fd85d6b778d2f9c490dfc4bf47727d3a8ffdd3ce60699fb"}) as unknown as TypedDocumentString<S2Query, S2QueryVariables>;
export const S3Document = new TypedDocumentString(`
    query S3($id: ID!) {
  job(id: $id) {
    id
    name
    status
    topic {
      name
    }
    remoteci {
      name
    }
    team {
      name
    }
    components {
      name
      type
      version
    }
    jobstates {
      status
      comment
      files {
        name
        mime
        size
      }
    }
  }
}
    `, {"hash":"sha256:894d73bf9c9d7856aaee77f9ff91a05620259eb858b77e0a804cabe3e8d0e820"}) as unknown as TypedDocumentString<S3Query, S3QueryVariables>;
export const S4Document = new TypedDocumentString(`
    query S4 {
  products(first: 10) {
    nodes {
      name
      topics(first: 5) {
        nodes {
          name
          components(first: 20) {
            nodes {
              type
              name
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:1ee5cd9e857ef807df86885ddbf048cd3b2d31bf7c7c30a29433e4e9e883b201"}) as unknown as TypedDocumentString<S4Query, S4QueryVariables>;
export const DashboardTopicsDocument = new TypedDocumentString(`
    query DashboardTopics {
  topics(first: 100, orderBy: [{field: NAME, direction: ASC}]) {
    nodes {
      id
      name
      product {
        name
      }
    }
  }
}
    `, {"hash":"sha256:24ee9078de141650f39de41d5f4287027a1f08adae14da06eb7d3243f194c93e"}) as unknown as TypedDocumentString<DashboardTopicsQuery, DashboardTopicsQueryVariables>;
export const TopicMatrixDocument = new TypedDocumentString(`
    query TopicMatrix($topicId: ID!, $components: Int = 8, $jobs: Int = 50) {
  topic(id: $topicId) {
    id
    name
    product {
      name
    }
    components(first: $components) {
      nodes {
        id
        name
        version
        type
        releasedAt
        ... @defer(label: "jobs") {
          jobs(first: $jobs) {
            nodes {
              ...MatrixJob
            }
          }
        }
      }
    }
  }
}
    fragment MatrixJob on Job {
  id
  name
  status
  createdAt
  remoteci {
    id
    name
  }
}`, {"hash":"sha256:9dd3e878b862570df2bd9dd6923ead78dbb8d580915b3bc8457d5f74b8ba73a0"}) as unknown as TypedDocumentString<TopicMatrixQuery, TopicMatrixQueryVariables>;
export const JobPageDocument = new TypedDocumentString(`
    query JobPage($id: ID!) {
  job(id: $id) {
    ...JobHead
    ... @defer(label: "history") {
      ...JobHistory
    }
  }
}
    fragment JobHead on Job {
  id
  name
  status
  statusReason
  comment
  createdAt
  updatedAt
  duration
  tags
  topic {
    id
    name
  }
  remoteci {
    id
    name
  }
  team {
    name
  }
  components {
    id
    name
    version
    type
  }
  results {
    id
    name
    total
    success
    skips
    failures
    errors
    regressions
    successfixes
    time
  }
}
fragment JobHistory on Job {
  jobstates {
    id
    status
    comment
    createdAt
  }
  files(first: 50) {
    totalCount
    nodes {
      id
      name
      mime
      size
      createdAt
    }
  }
}`, {"hash":"sha256:089ae4fc23ca3842c34a9803d071f2aed09e5582abc0c3f9fa133e5376f899dc"}) as unknown as TypedDocumentString<JobPageQuery, JobPageQueryVariables>;
export const JobLiveDocument = new TypedDocumentString(`
    subscription JobLive($id: ID!) {
  job(id: $id) {
    ...JobHead
    ...JobHistory
  }
}
    fragment JobHead on Job {
  id
  name
  status
  statusReason
  comment
  createdAt
  updatedAt
  duration
  tags
  topic {
    id
    name
  }
  remoteci {
    id
    name
  }
  team {
    name
  }
  components {
    id
    name
    version
    type
  }
  results {
    id
    name
    total
    success
    skips
    failures
    errors
    regressions
    successfixes
    time
  }
}
fragment JobHistory on Job {
  jobstates {
    id
    status
    comment
    createdAt
  }
  files(first: 50) {
    totalCount
    nodes {
      id
      name
      mime
      size
      createdAt
    }
  }
}`, {"hash":"sha256:1a0f403957ce0fb1779610c883aaeaa3ce0288da9b7af8abfa78bf4d03c3eb17"}) as unknown as TypedDocumentString<JobLiveSubscription, JobLiveSubscriptionVariables>;
export const TopicJobEventsDocument = new TypedDocumentString(`
    subscription TopicJobEvents($topicId: ID!) {
  jobEvents(filter: {topicId: {eq: $topicId}}) {
    kind
    at
    job {
      ...MatrixJob
      components {
        id
      }
    }
  }
}
    fragment MatrixJob on Job {
  id
  name
  status
  createdAt
  remoteci {
    id
    name
  }
}`, {"hash":"sha256:7803af3dbc7b508bd95d846edaf97c938b9ce514c91aff9a530666a1e61a60d5"}) as unknown as TypedDocumentString<TopicJobEventsSubscription, TopicJobEventsSubscriptionVariables>;
export const WhoAmIDocument = new TypedDocumentString(`
    query WhoAmI {
  identity {
    name
    isSuperAdmin
    teams {
      name
      hasPreReleaseAccess
    }
  }
}
    `, {"hash":"sha256:a78708c8e930d677109d19eec99eff889c47d206201512be17ab0516caccfa5a"}) as unknown as TypedDocumentString<WhoAmIQuery, WhoAmIQueryVariables>;
export const FailedJobsDocument = new TypedDocumentString(`
    query FailedJobs {
  jobs(
    first: 20
    filter: {status: {in: [FAILURE, ERROR]}}
    orderBy: [{field: CREATED_AT, direction: DESC}]
  ) {
    totalCount
    nodes {
      name
      status
      createdAt
      remoteci {
        name
      }
      team {
        name
      }
    }
  }
}
    `, {"hash":"sha256:7961ad1e7d087cc69c7b0dd4901ade3979269665fc50af9791e9b05208e143f9"}) as unknown as TypedDocumentString<FailedJobsQuery, FailedJobsQueryVariables>;
export const JobsWithRelationsDocument = new TypedDocumentString(`
    query JobsWithRelations {
  jobs(first: 50) {
    nodes {
      topic {
        name
        product {
          name
        }
      }
      remoteci {
        name
      }
      team {
        name
      }
      components {
        name
        topic {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:f98f2173c9f98d7189bfe1239e018085ce6dd1535323eeba409000b58ed0683f"}) as unknown as TypedDocumentString<JobsWithRelationsQuery, JobsWithRelationsQueryVariables>;
export const JobInDepthDocument = new TypedDocumentString(`
    query JobInDepth($id: ID!) {
  job(id: $id) {
    name
    status
    data
    jobstates {
      status
      createdAt
      files {
        name
      }
    }
    files(first: 10) {
      totalCount
      nodes {
        name
      }
    }
    results {
      name
      total
      failures
    }
  }
}
    `, {"hash":"sha256:1e798c28b803776892f1c67dad9ee7eb24d7ed0c9336be863b60e15faec1a8d9"}) as unknown as TypedDocumentString<JobInDepthQuery, JobInDepthQueryVariables>;
export const TopicsComponentsJobsDocument = new TypedDocumentString(`
    query TopicsComponentsJobs {
  topics(first: 10) {
    nodes {
      name
      product {
        name
      }
      components(first: 5) {
        nodes {
          name
          jobs(first: 3) {
            nodes {
              status
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:0cd830214009f4aa3c38541785380ebaa32a740407c28708a9f69e2993e9b590"}) as unknown as TypedDocumentString<TopicsComponentsJobsQuery, TopicsComponentsJobsQueryVariables>;
export const TopicCoverageDocument = new TypedDocumentString(`
    query TopicCoverage($id: ID!) {
  topic(id: $id) {
    coverage(componentType: "ocp", last: 5) {
      component {
        name
      }
      remotecis {
        remoteci {
          name
        }
        status
        createdAt
        testFailures
      }
    }
  }
}
    `, {"hash":"sha256:3902752851cf1a5669e2f232f69ba389547f43eedba2a931328f6a711d8966ee"}) as unknown as TypedDocumentString<TopicCoverageQuery, TopicCoverageQueryVariables>;
export const TopicJobStatsDocument = new TypedDocumentString(`
    query TopicJobStats($id: ID!) {
  topic(id: $id) {
    jobStats(since: "2026-11-01T00:00:00Z") {
      total
      byStatus {
        status
        count
      }
    }
    latestJobsByRemoteci {
      remoteciName
      teamName
      status
      createdAt
    }
  }
}
    `, {"hash":"sha256:4c861fb74a8311415692aa9b5a27dc8deb22367db293bf7f0f23e46e45405e77"}) as unknown as TypedDocumentString<TopicJobStatsQuery, TopicJobStatsQueryVariables>;
export const WhyDidThisJobFailDocument = new TypedDocumentString(`
    query WhyDidThisJobFail($id: ID!) {
  job(id: $id) {
    name
    status
    results {
      name
      total
      failures
      errors
      testCases(status: [FAILURE, ERROR], first: 2) {
        totalCount
        nodes {
          name
          classname
          status
          message
        }
      }
    }
    files(first: 5) {
      nodes {
        name
        mime
        content(maxBytes: 300) {
          text
          truncated
          size
        }
      }
    }
  }
}
    `, {"hash":"sha256:5ec076d040683c0d7fc1fb2414136e2cff913f0e45f2e9396085f059bb1fd3c3"}) as unknown as TypedDocumentString<WhyDidThisJobFailQuery, WhyDidThisJobFailQueryVariables>;
/**
 * Shared pieces of the mutation tests: the GraphQL operations, and fixtures picked from the
 * emulator's store (a topic Partner A's remoteci can use, its components, one of its jobs).
 */
import type { Emulator } from '../../src/emulator/index.js';
import { type GraphQLResult, type Harness, visible } from '../graphql/harness.js';

/** The job fields every test reads back. */
export const JOB_FIELDS =
  'id etag status name comment url tags state components { id } keyValues { key value }';

/** createJob with the standard job fields. */
export const CREATE_JOB = `mutation($input: CreateJobInput!) {
  createJob(input: $input) { job { ${JOB_FIELDS} data topic { id } } }
}`;

/** updateJob with the standard job fields. */
export const UPDATE_JOB = `mutation($id: ID!, $etag: String!, $patch: JobPatch!) {
  updateJob(id: $id, etag: $etag, patch: $patch) { job { ${JOB_FIELDS} } }
}`;

/** deleteJob, then reading the job in the same operation. */
export const DELETE_JOB = `mutation($id: ID!, $etag: String!) {
  deleteJob(id: $id, etag: $etag) { deletedId query { job(id: $id) { id } } }
}`;

/** addJobState with the job and the jobstate recorded. */
export const ADD_JOB_STATE = `mutation($jobId: ID!, $status: JobStatus!, $comment: String) {
  addJobState(jobId: $jobId, status: $status, comment: $comment) {
    job { ${JOB_FIELDS} jobstates { id status comment } }
    jobState { id status comment }
  }
}`;

/**
 * An active topic Partner A's remoteci may create jobs on, with at least two component types
 * of three or more public components each: `typeA` and `typeB` are those components.
 */
export function partnerTopic(emulator: Emulator) {
  const { store } = emulator;
  const teamId = emulator.fixtures.identities.partnerRemoteci.teamId;
  const products = new Set(
    store.productTeams.filter((l) => l.team_id === teamId).map((l) => l.product_id),
  );
  const publicOf = (topicId: string, type: string) =>
    visible(store.components)
      .filter((c) => c.topic_id === topicId && c.type === type && c.team_id === null)
      .filter((c) => c.state === 'active');
  const topic = visible(store.topics).find(
    (t) =>
      t.state === 'active' &&
      products.has(t.product_id!) &&
      t.component_types.length >= 2 &&
      t.component_types.every((type) => publicOf(t.id, type).length >= 3),
  );
  if (!topic) throw new Error('no topic with two component types in the dataset');
  const components = visible(store.components).filter(
    (c) => c.topic_id === topic.id && c.team_id === null,
  );
  const [first, second] = topic.component_types as [string, string];
  return { topic, components, typeA: publicOf(topic.id, first), typeB: publicOf(topic.id, second) };
}

/** A job of Partner A's remoteci, with its current etag. */
export function partnerJob(emulator: Emulator) {
  const remoteciId = emulator.fixtures.identities.partnerRemoteci.id;
  return visible(emulator.store.jobs).find((j) => j.remoteci_id === remoteciId)!;
}

/** How many jobs the store holds that DCI shows. */
export function jobCount(emulator: Emulator): number {
  return visible(emulator.store.jobs).length;
}

/** A GraphQL error's extensions, or an empty object. */
export function extensionsOf(result: GraphQLResult): Record<string, unknown> {
  return result.errors?.[0]?.extensions ?? {};
}

/** A job as the standard fields read it. */
export interface JobView {
  id: string;
  etag: string;
  status: string;
  name: string;
  comment: string;
  url: string;
  tags: string[];
  state: string;
  components: { id: string }[];
  keyValues: { key: string; value: number }[];
  jobstates?: { id: string; status: string; comment: string | null }[];
}

/** Creates a job as Partner A's remoteci through the gateway and returns it. */
export async function newJob(h: Harness, name = 'fresh'): Promise<JobView> {
  const { topic, typeA, typeB } = partnerTopic(h.emulator);
  const r = await h.query<{ createJob: { job: JobView } }>('partnerRemoteci', CREATE_JOB, {
    input: { topicId: topic.id, componentIds: [typeA[0]!.id, typeB[0]!.id], name },
  });
  if (!r.data?.createJob) throw new Error(`createJob failed: ${JSON.stringify(r.errors)}`);
  return r.data.createJob.job;
}

/**
 * The four dashboard scenarios of the benchmark: the GraphQL operation each sends to the
 * gateway, and the physical limit of the REST API for it, the fewest sequential round trips
 * ("waves") any client needs against DCI.
 *
 * How the physical limit is derived (REST-REFERENCE §4.4 and §5): a request can only be sent
 * once the ids it names are known, so the limit is the length of the longest chain of requests
 * where one needs an id from another's response; everything a route embeds is free, requests
 * that need nothing from each other go in the same wave, and nothing is guessed (no speculative
 * "fetch everything and hope it fits in a page"). Connection limits are ignored: the limit
 * assumes as many parallel connections as a wave has requests.
 */

/** The scenario ids, in report order. */
export type ScenarioId = 'S1' | 'S2' | 'S3' | 'S4';

/** Values a scenario needs from the dataset, picked once before measuring. */
export interface ScenarioParams {
  /** The job S3 shows (one with jobstates and files). */
  jobId: string;
}

/** Page sizes of the scenarios (fixed: they are part of what is measured). */
export const SIZES = {
  s1Topics: 10,
  s1Components: 5,
  s1Jobs: 3,
  s2Jobs: 50,
  s4Products: 10,
  s4Topics: 5,
  s4Components: 20,
} as const;

/** One scenario: what the dashboard asks and what REST makes it cost at least. */
export interface Scenario {
  id: ScenarioId;
  /** A short title for tables. */
  title: string;
  /** The GraphQL operation the dashboard sends. */
  query: string;
  /** The operation's variables. */
  variables(params: ScenarioParams): Record<string, unknown>;
  /** Fewest sequential waves the REST API forces (see the file comment). */
  physicalWaves: number;
  /** Why that many waves, request by request. */
  physicalReason: string;
}

/**
 * S1, topics -> components -> jobs. Wave 1: `GET /topics` (the 10 topics). Wave 2: the first
 * components of each topic, `GET /topics/<id>/components?limit=5` (needs the topic ids; one
 * request per topic because a shared `or(eq(topic_id,...))` page cannot guarantee 5 per topic).
 * Wave 3: each component's jobs, `GET /components/<id>` (needs the component ids; the only
 * route listing a component's jobs, not batchable, §5 "Component -> jobs"). 3 waves.
 */
const S1: Scenario = {
  id: 'S1',
  title: 'topics -> components -> jobs',
  query: `query S1 {
  topics(first: ${SIZES.s1Topics}) {
    nodes {
      name
      components(first: ${SIZES.s1Components}) {
        nodes { name jobs(first: ${SIZES.s1Jobs}) { nodes { status } } }
      }
    }
  }
}`,
  variables: () => ({}),
  physicalWaves: 3,
  physicalReason:
    'GET /topics -> GET /topics/<id>/components per topic -> GET /components/<id> per component (jobs are only listed there)',
};

/**
 * S2, a job list page. Wave 1: `GET /jobs?limit=50` embeds topic, remoteci, team and
 * components (§4.4). Wave 2: the products, `GET /products?query=or(eq(id,...))`, because the
 * list carries only `product_id` and its embedded topic has no product object. 2 waves.
 */
const S2: Scenario = {
  id: 'S2',
  title: 'job list page (50 jobs)',
  query: `query S2 {
  jobs(first: ${SIZES.s2Jobs}) {
    nodes {
      id name status
      topic { name }
      product { name }
      remoteci { name }
      team { name }
      components { name type version }
    }
  }
}`,
  variables: () => ({}),
  physicalWaves: 2,
  physicalReason:
    'GET /jobs (embeds topic, remoteci, team, components) -> GET /products?query=or(eq(id,...)) for product_id',
};

/**
 * S3, one job's detail. The job id is known up front, so `GET /jobs/<id>` (job, topic,
 * remoteci, team, components) and `GET /jobs/<id>/jobstates` (jobstates with their files, §4.4)
 * go out together. 1 wave.
 */
const S3: Scenario = {
  id: 'S3',
  title: 'job detail + jobstates + files',
  query: `query S3($id: ID!) {
  job(id: $id) {
    id name status
    topic { name }
    remoteci { name }
    team { name }
    components { name type version }
    jobstates { status comment files { name mime size } }
  }
}`,
  variables: (params) => ({ id: params.jobId }),
  physicalWaves: 1,
  physicalReason: 'GET /jobs/<id> and GET /jobs/<id>/jobstates (embeds files) in parallel',
};

/**
 * S4, product overview: products, their newest topics and each topic's latest components (the
 * dashboard keeps the newest one per type). Wave 1: `GET /products` embeds every product's
 * topics (§4.1; archived ones are filtered out client-side). Wave 2: `GET
 * /topics/<id>/components?limit=20` per topic. 2 waves. (The embedded topics ignore
 * visibility: that is exact for privileged callers such as the default `redhat` identity; other
 * callers need `GET /topics?query=or(eq(product_id,...))` first, 3 waves.)
 */
const S4: Scenario = {
  id: 'S4',
  title: 'products -> topics -> latest components',
  query: `query S4 {
  products(first: ${SIZES.s4Products}) {
    nodes {
      name
      topics(first: ${SIZES.s4Topics}) {
        nodes { name components(first: ${SIZES.s4Components}) { nodes { type name } } }
      }
    }
  }
}`,
  variables: () => ({}),
  physicalWaves: 2,
  physicalReason:
    'GET /products (embeds topics) -> GET /topics/<id>/components per topic (privileged caller)',
};

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [S1, S2, S3, S4];

/**
 * Variant (c) of the benchmark: the scenarios written by hand against the REST API with the
 * project's DciClient (same signer, same pooled transport as the gateway), the way a dashboard
 * does it today, and as well as it sensibly can: it uses every embed (§4.4), sends each level's
 * requests together (`Promise.all`), uses the `or(eq(id,...))` batch where one exists (§3.4),
 * and has no DataLoader. Like the gateway it adds `id` to every sort, so that rows with equal
 * timestamps come in the same order and the data can be compared. Each function returns the data in the shape the GraphQL operation of
 * the same scenario returns, so the harness can check that the variants did the same work.
 */
import type { DciClient } from '../src/dci/client.js';
import { chunk, orEq } from '../src/dci/query.js';
import type {
  DciComponent,
  DciJob,
  DciJobState,
  DciJobStatus,
  DciProduct,
  DciTopic,
} from '../src/dci/types.js';
import { type ScenarioId, type ScenarioParams, SIZES } from './scenarios.js';

/** The REST client surface the baseline uses. */
export type RestReader = Pick<DciClient, 'list' | 'get'>;

/** GraphQL's JobStatus spelling of a DCI status (`pre-run` -> `PRE_RUN`). */
function status(value: DciJobStatus): string {
  return value.toUpperCase().replace(/-/g, '_');
}

/** Newest first, then by id: the order DCI gives `sort=-created_at,id` (ties happen). */
const newestFirst = (
  a: { created_at: string; id: string },
  b: { created_at: string; id: string },
) =>
  a.created_at < b.created_at
    ? 1
    : a.created_at > b.created_at
      ? -1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/** S1: GET /topics, then each topic's components, then each component's jobs (3 waves). */
export async function restS1(client: RestReader): Promise<unknown> {
  const topics = await client.list<DciTopic>('/topics', {
    limit: SIZES.s1Topics,
    offset: 0,
    sort: ['-created_at', 'id'],
  });
  const nodes = await Promise.all(
    topics.items.map(async (topic) => {
      const components = await client.list<DciComponent>(`/topics/${topic.id}/components`, {
        limit: SIZES.s1Components,
        offset: 0,
        sort: ['-released_at', 'id'],
      });
      const withJobs = await Promise.all(
        components.items.map(async (component) => {
          // The only route listing a component's jobs: all of them, unsorted (§4.3).
          const { item } = await client.get<DciComponent>(`/components/${component.id}`);
          const jobs = [...(item.jobs ?? [])].sort(newestFirst).slice(0, SIZES.s1Jobs);
          return {
            name: component.name,
            jobs: { nodes: jobs.map((j) => ({ status: status(j.status) })) },
          };
        }),
      );
      return { name: topic.name, components: { nodes: withJobs } };
    }),
  );
  return { topics: { nodes } };
}

/** S2: GET /jobs (everything embedded but the product), then the products by id (2 waves). */
export async function restS2(client: RestReader): Promise<unknown> {
  const jobs = await client.list<DciJob>('/jobs', {
    limit: SIZES.s2Jobs,
    offset: 0,
    sort: ['-created_at', 'id'],
  });
  const productIds = [...new Set(jobs.items.map((j) => j.product_id))];
  const products = new Map<string, DciProduct>();
  await Promise.all(
    chunk(productIds).map(async (ids) => {
      const page = await client.list<DciProduct>('/products', {
        query: orEq('id', ids),
        limit: 200,
        offset: 0,
      });
      for (const p of page.items) products.set(p.id, p);
    }),
  );
  const nodes = jobs.items.map((j) => {
    const product = products.get(j.product_id);
    return {
      id: j.id,
      name: j.name,
      status: status(j.status),
      topic: j.topic ? { name: j.topic.name } : null,
      product: product ? { name: product.name } : null,
      remoteci: j.remoteci ? { name: j.remoteci.name } : null,
      team: j.team ? { name: j.team.name } : null,
      components: (j.components ?? []).map(componentFields),
    };
  });
  return { jobs: { nodes } };
}

/** S3: GET /jobs/<id> and GET /jobs/<id>/jobstates together (1 wave). */
export async function restS3(client: RestReader, params: ScenarioParams): Promise<unknown> {
  const [job, jobstates] = await Promise.all([
    client.get<DciJob>(`/jobs/${params.jobId}`),
    client.list<DciJobState>(`/jobs/${params.jobId}/jobstates`, {
      limit: 200,
      offset: 0,
      sort: ['created_at'],
    }),
  ]);
  const j = job.item;
  return {
    job: {
      id: j.id,
      name: j.name,
      status: status(j.status),
      topic: j.topic ? { name: j.topic.name } : null,
      remoteci: j.remoteci ? { name: j.remoteci.name } : null,
      team: j.team ? { name: j.team.name } : null,
      components: (j.components ?? []).map(componentFields),
      jobstates: jobstates.items.map((s) => ({
        status: status(s.status),
        comment: s.comment,
        files: (s.files ?? []).map((f) => ({ name: f.name, mime: f.mime, size: f.size })),
      })),
    },
  };
}

/**
 * S4: GET /products (it embeds every product's topics), then each newest topic's latest
 * components (2 waves). The embedded topics include archived ones (dropped here) and ignore
 * visibility, which is exact for privileged callers only (see scenarios.ts).
 */
export async function restS4(client: RestReader): Promise<unknown> {
  const products = await client.list<DciProduct>('/products', {
    limit: SIZES.s4Products,
    offset: 0,
    sort: ['-created_at', 'id'],
  });
  const nodes = await Promise.all(
    products.items.map(async (product) => {
      const topics = (product.topics ?? [])
        .filter((t) => t.state !== 'archived')
        .sort(newestFirst)
        .slice(0, SIZES.s4Topics);
      const topicNodes = await Promise.all(
        topics.map(async (topic) => {
          const components = await client.list<DciComponent>(`/topics/${topic.id}/components`, {
            limit: SIZES.s4Components,
            offset: 0,
            sort: ['-released_at', 'id'],
          });
          return {
            name: topic.name,
            components: {
              nodes: components.items.map((c) => ({ type: c.type, name: c.name })),
            },
          };
        }),
      );
      return { name: product.name, topics: { nodes: topicNodes } };
    }),
  );
  return { products: { nodes } };
}

function componentFields(c: DciComponent) {
  return { name: c.name, type: c.type, version: c.version };
}

/** The hand-written REST implementation of each scenario. */
export const REST_BASELINE: Record<
  ScenarioId,
  (client: RestReader, params: ScenarioParams) => Promise<unknown>
> = {
  S1: (client) => restS1(client),
  S2: (client) => restS2(client),
  S3: restS3,
  S4: (client) => restS4(client),
};

/**
 * Every DataLoader of one GraphQL request, built by one factory (DESIGN.md): nothing here is
 * shared across requests or callers. With `batching` (the default) ids are batched into list
 * queries and every object a response embeds primes the matching by-id loader, so a job list
 * answers its topics, teams, remotecis, pipelines and components without another request.
 * Without it, every load is its own request: the N+1 baseline of the benchmarks.
 */
import DataLoader from 'dataloader';
import type {
  DciComponent,
  DciFile,
  DciIdentity,
  DciJob,
  DciJobState,
  DciPipeline,
  DciProduct,
  DciRemoteci,
  DciStatsTopic,
  DciTeam,
  DciTopic,
} from '../dci/types.js';
import { type ContentPrefix, readPrefix } from '../files/content.js';
import { JunitError, type JunitTestCase, junitGraphQLError, parseJunit } from '../files/junit.js';
import { MAX_FIRST } from '../filters/pagination.js';
import { type ByIdLoader, byIdLoader, singleGetLoader } from './by-id.js';
import { GroupedPageLoader } from './grouped.js';
import { LISTS } from './lists.js';
import { PageLoader } from './pages.js';
import type { DciReader } from './reader.js';
import { checkStats, type MalformedRow, rowProblem } from './rows.js';
import { type ShapedType, toShape } from './shapes.js';
import { jobStatesLoader } from './sub-resources.js';
import { type TopicScope, topicScopeOf } from './topic-scope.js';

/** Options of {@link createLoaders}. */
export interface LoaderOptions {
  /** Batch and prime (default true); false is the naive one-request-per-load mode. */
  batching?: boolean;
  /** Largest `first` accepted (default 200). */
  maxFirst?: number;
  /** Called with the number of keys of every DataLoader batch, by loader name. */
  onBatch?: (loader: string, size: number) => void;
  /** The caller's `X-Dci-Team-Id`, which narrows their roles (topic scope). */
  teamId?: string | null;
  /** Where the caller's topic scope is remembered across requests (keyed by credentials). */
  topicScopes?: { get(): TopicScope | undefined; set(scope: TopicScope): void };
}

/** The loaders of one request. */
export interface Loaders {
  batching: boolean;
  maxFirst: number;
  product: ByIdLoader<DciProduct>;
  topic: ByIdLoader<DciTopic>;
  component: ByIdLoader<DciComponent>;
  job: ByIdLoader<DciJob>;
  remoteci: ByIdLoader<DciRemoteci>;
  team: ByIdLoader<DciTeam>;
  pipeline: ByIdLoader<DciPipeline>;
  /** GET /jobstates/<id> (no list route exists). */
  jobState: ByIdLoader<DciJobState>;
  /** GET /files/<id>. */
  file: ByIdLoader<DciFile>;
  /** GET /jobs/<id>: the only form carrying `data`. */
  jobDetail: ByIdLoader<DciJob>;
  /** GET /components/<id>: embeds the component's files and (unpaginated) jobs. */
  componentDetail: ByIdLoader<DciComponent>;
  /** A job's jobstates, oldest first, each with its files. */
  jobStates: DataLoader<string, DciJobState[]>;
  productPages: PageLoader<DciProduct>;
  topicPages: PageLoader<DciTopic>;
  componentPages: PageLoader<DciComponent>;
  jobPages: PageLoader<DciJob>;
  filePages: PageLoader<DciFile>;
  remoteciPages: PageLoader<DciRemoteci>;
  teamPages: PageLoader<DciTeam>;
  pipelinePages: PageLoader<DciPipeline>;
  /** First pages of topics for many products in one request. */
  topicsByProduct: GroupedPageLoader<DciTopic>;
  /** First pages of remotecis for many teams in one request. */
  remotecisByTeam: GroupedPageLoader<DciRemoteci>;
  /** GET /identity, once per request. */
  identity: () => Promise<DciIdentity>;
  /**
   * The first `maxBytes` bytes of a file's content (`GET /files/<id>/content`, read with a byte
   * limit, the rest never downloaded); once per (file, limit) and request.
   */
  fileContent: (fileId: string, maxBytes: number) => Promise<ContentPrefix>;
  /** Which topics a product embeds the caller sees (from the identity, remembered briefly). */
  topicScope: () => Promise<TopicScope>;
  /**
   * The test cases of a JUnit file, parsed as it streams in: once per file and request, however
   * many fields read it (a result's test cases, the job's failed tests).
   */
  junit: DataLoader<string, JunitTestCase[]>;
  /**
   * Primes the job loader and its embeds (topic, team, remoteci, pipeline, components) with a
   * job as `GET /jobs` lists it, read elsewhere with the same credentials (a job event).
   */
  primeJob(job: DciJob): void;
  /** GET /stats (DCI's latest success or failure job per topic and remoteci), once per request. */
  stats: () => Promise<(DciStatsTopic | MalformedRow)[]>;
}

/** Builds every loader of one request over the caller's reader. */
export function createLoaders(reader: DciReader, options: LoaderOptions = {}): Loaders {
  const batching = options.batching ?? true;
  const maxFirst = options.maxFirst ?? MAX_FIRST;
  const onBatch = options.onBatch;
  const batchesOf = onBatch
    ? (name: string) => (size: number) => onBatch(name, size)
    : () => undefined;

  const shaped =
    <T>(type: ShapedType) =>
    (row: T) =>
      toShape<T & object>(type, row);
  const product = byIdLoader<DciProduct>(reader, {
    path: '/products',
    row: 'product',
    batching,
    shape: productShape,
    onBatch: batchesOf('product'),
  });
  const team = byIdLoader<DciTeam>(reader, {
    path: '/teams',
    row: 'team',
    batching,
    shape: shaped('team'),
    onBatch: batchesOf('team'),
  });
  const topic = byIdLoader<DciTopic>(reader, {
    path: '/topics',
    row: 'topic',
    batching,
    shape: shaped('topic'),
    onRow: (t) => primeTopicEmbeds(t),
    onBatch: batchesOf('topic'),
  });
  // A detail GET answers the by-id loader too, and the by-id loader's own GETs (for ids the
  // scoped list did not return) answer the detail: one operation never sends a GET twice.
  const componentDetail = singleGetLoader<DciComponent>(
    reader,
    (id) => `/components/${id}`,
    batching,
    {
      row: 'component',
      onItem: (c) => prime(component, 'component', c),
      onBatch: batchesOf('componentDetail'),
    },
  );
  const component: ByIdLoader<DciComponent> = byIdLoader<DciComponent>(reader, {
    path: '/components',
    row: 'component',
    batching,
    shape: shaped('component'),
    verifyMissing: true,
    onDetail: (c) => {
      if (batching) componentDetail.prime(c.id, c);
    },
    onBatch: batchesOf('component'),
  });
  const remoteci = byIdLoader<DciRemoteci>(reader, {
    path: '/remotecis',
    row: 'remoteci',
    batching,
    shape: shaped('remoteci'),
    onRow: (r) => primeEmbed(team, 'team', r.team),
    onBatch: batchesOf('remoteci'),
  });
  const pipeline = byIdLoader<DciPipeline>(reader, {
    path: '/pipelines',
    row: 'pipeline',
    batching,
    shape: shaped('pipeline'),
    onRow: (p) => primeEmbed(team, 'team', p.team),
    onBatch: batchesOf('pipeline'),
  });
  const job = byIdLoader<DciJob>(reader, {
    path: '/jobs',
    row: 'job',
    batching,
    shape: shaped('job'),
    onRow: (j) => primeJobEmbeds(j),
    onBatch: batchesOf('job'),
  });
  // GET /jobs/<id> embeds all the list does (§4.4): it answers the job loader as well.
  const jobDetail = singleGetLoader<DciJob>(reader, (id) => `/jobs/${id}`, batching, {
    row: 'job',
    onItem: (j) => {
      prime(job, 'job', j);
      primeJobEmbeds(j);
    },
    onBatch: batchesOf('jobDetail'),
  });

  /** Primes a by-id loader with an embedded object, if it has the loader's shape. */
  function prime<T extends { id: string }>(loader: ByIdLoader<T>, type: ShapedType, row: unknown) {
    if (!batching) return;
    // A list repeats the same embedded topics, teams... on many rows: shape each one once.
    const id = (row as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && loader.peek(id) !== undefined) return;
    const value = toShape<T>(type, row);
    if (value) loader.prime(value.id, value);
  }
  /**
   * {@link prime} with a row another row embeds, which nothing checked yet: a malformed one
   * (a remote CI's team without a name) is not primed, its loader reads it from DCI.
   */
  function primeEmbed<T extends { id: string }>(
    loader: ByIdLoader<T>,
    type: ShapedType,
    row: unknown,
  ) {
    if (!batching || row === undefined || row === null) return;
    const id = (row as { id?: unknown }).id;
    if (typeof id === 'string' && loader.peek(id) !== undefined) return;
    if (rowProblem(type, row) === null) prime(loader, type, row);
  }
  // A product keeps the topics GET /products embeds: Product.topics answers from them when
  // the caller's scope makes them exact (topic-scope.ts). Embedded products have none.
  function productShape(row: DciProduct): DciProduct | null {
    const value = toShape<DciProduct>('product', row);
    return value && Array.isArray(row.topics) ? { ...value, topics: row.topics } : value;
  }
  // Topics embed `product` and `next_topic`. The next topic is not primed: DCI embeds it even
  // when the caller may not see it, and the topic loader must answer null for those.
  function primeTopicEmbeds(t: DciTopic) {
    primeEmbed(product, 'product', t.product);
  }
  function primeJobEmbeds(j: DciJob) {
    primeEmbed(topic, 'topic', j.topic);
    if (j.topic) primeTopicEmbeds(j.topic);
    primeEmbed(team, 'team', j.team);
    primeEmbed(remoteci, 'remoteci', j.remoteci);
    if (j.remoteci) primeEmbed(team, 'team', j.remoteci.team);
    primeEmbed(pipeline, 'pipeline', j.pipeline);
    // Checked with the job (rows.ts): a malformed one is its error, never primed.
    for (const c of j.components ?? []) {
      if (!(c instanceof Error)) prime(component, 'component', c);
    }
  }
  const each =
    <T>(fn: (row: T) => void) =>
    (rows: T[]) => {
      if (batching) for (const row of rows) fn(row);
    };

  const productPages = new PageLoader<DciProduct>(
    reader,
    LISTS.products,
    maxFirst,
    each((p) => {
      const value = productShape(p);
      if (value) product.prime(value.id, value);
    }),
    batching,
    batchesOf('productPages'),
  );
  const topicPages = new PageLoader<DciTopic>(
    reader,
    LISTS.topics,
    maxFirst,
    each((t) => {
      prime(topic, 'topic', t);
      primeTopicEmbeds(t);
    }),
    batching,
    batchesOf('topicPages'),
  );
  const componentPages = new PageLoader<DciComponent>(
    reader,
    LISTS.components,
    maxFirst,
    each((c) => prime(component, 'component', c)),
    batching,
    batchesOf('componentPages'),
  );
  const jobPages = new PageLoader<DciJob>(
    reader,
    LISTS.jobs,
    maxFirst,
    each((j) => {
      prime(job, 'job', j);
      primeJobEmbeds(j);
    }),
    batching,
    batchesOf('jobPages'),
  );
  const remoteciPages = new PageLoader<DciRemoteci>(
    reader,
    LISTS.remotecis,
    maxFirst,
    each((r) => {
      prime(remoteci, 'remoteci', r);
      primeEmbed(team, 'team', r.team);
    }),
    batching,
    batchesOf('remoteciPages'),
  );
  const teamPages = new PageLoader<DciTeam>(
    reader,
    LISTS.teams,
    maxFirst,
    each((t) => prime(team, 'team', t)),
    batching,
    batchesOf('teamPages'),
  );
  const pipelinePages = new PageLoader<DciPipeline>(
    reader,
    LISTS.pipelines,
    maxFirst,
    each((p) => {
      prime(pipeline, 'pipeline', p);
      primeEmbed(team, 'team', p.team);
    }),
    batching,
    batchesOf('pipelinePages'),
  );
  const topicsByProduct = new GroupedPageLoader<DciTopic>(
    reader,
    LISTS.topics,
    'product_id',
    topicPages,
    each((t) => {
      prime(topic, 'topic', t);
      primeTopicEmbeds(t);
    }),
    maxFirst,
    batching,
    batchesOf('topicsByProduct'),
  );
  const remotecisByTeam = new GroupedPageLoader<DciRemoteci>(
    reader,
    LISTS.remotecis,
    'team_id',
    remoteciPages,
    each((r) => prime(remoteci, 'remoteci', r)),
    maxFirst,
    batching,
    batchesOf('remotecisByTeam'),
  );

  let identity: Promise<DciIdentity> | undefined;
  const contents = new Map<string, Promise<ContentPrefix>>();
  let stats: Promise<(DciStatsTopic | MalformedRow)[]> | undefined;
  const fileContent = (fileId: string, maxBytes: number) => {
    const key = `${fileId.toLowerCase()} ${maxBytes}`;
    let pending = batching ? contents.get(key) : undefined;
    if (!pending) {
      pending = reader
        .stream(`/files/${fileId.toLowerCase()}/content`)
        .then((stream) => readPrefix(stream, maxBytes));
      contents.set(key, pending);
    }
    return pending;
  };
  const readIdentity = () => {
    if (!batching || !identity) identity = reader.get<DciIdentity>('/identity').then((r) => r.item);
    return identity;
  };
  let topicScope: Promise<TopicScope> | undefined;
  return {
    batching,
    maxFirst,
    product,
    topic,
    component,
    job,
    remoteci,
    team,
    pipeline,
    jobState: singleGetLoader(reader, (id) => `/jobstates/${id}`, batching, {
      row: 'jobstate',
      onBatch: batchesOf('jobState'),
    }),
    file: singleGetLoader(reader, (id) => `/files/${id}`, batching, {
      row: 'file',
      onBatch: batchesOf('file'),
    }),
    jobDetail,
    componentDetail,
    jobStates: jobStatesLoader(reader, batching, batchesOf('jobStates')),
    productPages,
    topicPages,
    componentPages,
    jobPages,
    filePages: new PageLoader<DciFile>(
      reader,
      LISTS.files,
      maxFirst,
      () => {},
      batching,
      batchesOf('filePages'),
    ),
    remoteciPages,
    teamPages,
    pipelinePages,
    topicsByProduct,
    remotecisByTeam,
    identity: readIdentity,
    topicScope: () => {
      const known = options.topicScopes?.get();
      if (known) return Promise.resolve(known);
      topicScope ??= readIdentity().then((i) => {
        const scope = topicScopeOf(i, options.teamId);
        options.topicScopes?.set(scope);
        return scope;
      });
      return topicScope;
    },
    primeJob: (j) => {
      prime(job, 'job', j);
      primeJobEmbeds(j);
    },
    fileContent,
    stats: () => {
      if (!batching || !stats) {
        stats = reader.get<{ stats?: unknown }>('/stats').then((r) => checkStats(r.item.stats));
      }
      return stats;
    },
    junit: new DataLoader<string, JunitTestCase[]>(
      (ids) => Promise.all(ids.map((id) => readJunit(reader, id).catch((error: Error) => error))),
      batching ? {} : { cache: false },
    ),
  };
}

/** Downloads and parses one JUnit file; the download stops when parsing does. */
async function readJunit(reader: DciReader, fileId: string): Promise<JunitTestCase[]> {
  const id = fileId.toLowerCase();
  const stream = await reader.stream(`/files/${id}/content`);
  try {
    return await parseJunit(stream.body, id);
  } catch (error) {
    throw error instanceof JunitError ? junitGraphQLError(error, id) : error;
  } finally {
    stream.cancel();
  }
}

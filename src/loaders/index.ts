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

/**
 * Builds the loaders of one request over the caller's reader. Each loader is built the first
 * time it is used (read, or primed by another loader's response): a request pays only for the
 * loaders its operation needs, and what one request builds is never seen by another.
 */
export function createLoaders(reader: DciReader, options: LoaderOptions = {}): Loaders {
  return new RequestLoaders(reader, options);
}

type Shaper<T> = (row: T) => T | null;

// One shaper per type, built once: shapes.ts's toShape for that type.
const shapers = new Map<ShapedType, Shaper<never>>();
function shaped<T>(type: ShapedType): Shaper<T> {
  let shaper = shapers.get(type) as Shaper<T> | undefined;
  if (!shaper) {
    shaper = (row: T) => toShape<T & object>(type, row);
    shapers.set(type, shaper as unknown as Shaper<never>);
  }
  return shaper;
}

// A product keeps the topics GET /products embeds: Product.topics answers from them when
// the caller's scope makes them exact (topic-scope.ts). Embedded products have none.
function productShape(row: DciProduct): DciProduct | null {
  const value = toShape<DciProduct>('product', row);
  return value && Array.isArray(row.topics) ? { ...value, topics: row.topics } : value;
}

/** The loaders of one request, each built on first use (see {@link createLoaders}). */
// Every loader can be replaced (a mutation swaps in fresh page loaders, src/mutations).
class RequestLoaders implements Loaders {
  readonly batching: boolean;
  readonly maxFirst: number;
  readonly #reader: DciReader;
  readonly #options: LoaderOptions;

  #product?: ByIdLoader<DciProduct>;
  #team?: ByIdLoader<DciTeam>;
  #topic?: ByIdLoader<DciTopic>;
  #componentDetail?: ByIdLoader<DciComponent>;
  #component?: ByIdLoader<DciComponent>;
  #remoteci?: ByIdLoader<DciRemoteci>;
  #pipeline?: ByIdLoader<DciPipeline>;
  #job?: ByIdLoader<DciJob>;
  #jobDetail?: ByIdLoader<DciJob>;
  #jobState?: ByIdLoader<DciJobState>;
  #file?: ByIdLoader<DciFile>;
  #jobStates?: DataLoader<string, DciJobState[]>;
  #productPages?: PageLoader<DciProduct>;
  #topicPages?: PageLoader<DciTopic>;
  #componentPages?: PageLoader<DciComponent>;
  #jobPages?: PageLoader<DciJob>;
  #filePages?: PageLoader<DciFile>;
  #remoteciPages?: PageLoader<DciRemoteci>;
  #teamPages?: PageLoader<DciTeam>;
  #pipelinePages?: PageLoader<DciPipeline>;
  #topicsByProduct?: GroupedPageLoader<DciTopic>;
  #remotecisByTeam?: GroupedPageLoader<DciRemoteci>;
  #junit?: DataLoader<string, JunitTestCase[]>;
  #identity?: Promise<DciIdentity>;
  #topicScope?: Promise<TopicScope>;
  #stats?: Promise<(DciStatsTopic | MalformedRow)[]>;
  #contents?: Map<string, Promise<ContentPrefix>>;

  constructor(reader: DciReader, options: LoaderOptions) {
    this.#reader = reader;
    this.#options = options;
    this.batching = options.batching ?? true;
    this.maxFirst = options.maxFirst ?? MAX_FIRST;
  }

  /** The batch-size observer of one loader. */
  #batches(name: string): ((size: number) => void) | undefined {
    const onBatch = this.#options.onBatch;
    return onBatch ? (size: number) => onBatch(name, size) : undefined;
  }

  get product(): ByIdLoader<DciProduct> {
    this.#product ??= byIdLoader<DciProduct>(this.#reader, {
      path: '/products',
      row: 'product',
      batching: this.batching,
      shape: productShape,
      onBatch: this.#batches('product'),
    });
    return this.#product;
  }

  set product(loader: ByIdLoader<DciProduct>) {
    this.#product = loader;
  }

  get team(): ByIdLoader<DciTeam> {
    this.#team ??= byIdLoader<DciTeam>(this.#reader, {
      path: '/teams',
      row: 'team',
      batching: this.batching,
      shape: shaped('team'),
      onBatch: this.#batches('team'),
    });
    return this.#team;
  }

  set team(loader: ByIdLoader<DciTeam>) {
    this.#team = loader;
  }

  get topic(): ByIdLoader<DciTopic> {
    this.#topic ??= byIdLoader<DciTopic>(this.#reader, {
      path: '/topics',
      row: 'topic',
      batching: this.batching,
      shape: shaped('topic'),
      onRow: (t) => this.#primeTopicEmbeds(t),
      onBatch: this.#batches('topic'),
    });
    return this.#topic;
  }

  set topic(loader: ByIdLoader<DciTopic>) {
    this.#topic = loader;
  }

  // A detail GET answers the by-id loader too, and the by-id loader's own GETs (for ids the
  // scoped list did not return) answer the detail: one operation never sends a GET twice.
  get componentDetail(): ByIdLoader<DciComponent> {
    this.#componentDetail ??= singleGetLoader<DciComponent>(
      this.#reader,
      (id) => `/components/${id}`,
      this.batching,
      {
        row: 'component',
        onItem: (c) => this.#prime('component', 'component', c),
        onBatch: this.#batches('componentDetail'),
      },
    );
    return this.#componentDetail;
  }

  set componentDetail(loader: ByIdLoader<DciComponent>) {
    this.#componentDetail = loader;
  }

  get component(): ByIdLoader<DciComponent> {
    this.#component ??= byIdLoader<DciComponent>(this.#reader, {
      path: '/components',
      row: 'component',
      batching: this.batching,
      shape: shaped('component'),
      verifyMissing: true,
      onDetail: (c) => {
        if (this.batching) this.componentDetail.prime(c.id, c);
      },
      onBatch: this.#batches('component'),
    });
    return this.#component;
  }

  set component(loader: ByIdLoader<DciComponent>) {
    this.#component = loader;
  }

  get remoteci(): ByIdLoader<DciRemoteci> {
    this.#remoteci ??= byIdLoader<DciRemoteci>(this.#reader, {
      path: '/remotecis',
      row: 'remoteci',
      batching: this.batching,
      shape: shaped('remoteci'),
      onRow: (r) => this.#primeEmbed('team', 'team', r.team),
      onBatch: this.#batches('remoteci'),
    });
    return this.#remoteci;
  }

  set remoteci(loader: ByIdLoader<DciRemoteci>) {
    this.#remoteci = loader;
  }

  get pipeline(): ByIdLoader<DciPipeline> {
    this.#pipeline ??= byIdLoader<DciPipeline>(this.#reader, {
      path: '/pipelines',
      row: 'pipeline',
      batching: this.batching,
      shape: shaped('pipeline'),
      onRow: (p) => this.#primeEmbed('team', 'team', p.team),
      onBatch: this.#batches('pipeline'),
    });
    return this.#pipeline;
  }

  set pipeline(loader: ByIdLoader<DciPipeline>) {
    this.#pipeline = loader;
  }

  get job(): ByIdLoader<DciJob> {
    this.#job ??= byIdLoader<DciJob>(this.#reader, {
      path: '/jobs',
      row: 'job',
      batching: this.batching,
      shape: shaped('job'),
      onRow: (j) => this.#primeJobEmbeds(j),
      onBatch: this.#batches('job'),
    });
    return this.#job;
  }

  set job(loader: ByIdLoader<DciJob>) {
    this.#job = loader;
  }

  // GET /jobs/<id> embeds all the list does (§4.4): it answers the job loader as well.
  get jobDetail(): ByIdLoader<DciJob> {
    this.#jobDetail ??= singleGetLoader<DciJob>(
      this.#reader,
      (id) => `/jobs/${id}`,
      this.batching,
      {
        row: 'job',
        onItem: (j) => this.primeJob(j),
        onBatch: this.#batches('jobDetail'),
      },
    );
    return this.#jobDetail;
  }

  set jobDetail(loader: ByIdLoader<DciJob>) {
    this.#jobDetail = loader;
  }

  get jobState(): ByIdLoader<DciJobState> {
    this.#jobState ??= singleGetLoader(this.#reader, (id) => `/jobstates/${id}`, this.batching, {
      row: 'jobstate',
      onBatch: this.#batches('jobState'),
    });
    return this.#jobState;
  }

  set jobState(loader: ByIdLoader<DciJobState>) {
    this.#jobState = loader;
  }

  get file(): ByIdLoader<DciFile> {
    this.#file ??= singleGetLoader(this.#reader, (id) => `/files/${id}`, this.batching, {
      row: 'file',
      onBatch: this.#batches('file'),
    });
    return this.#file;
  }

  set file(loader: ByIdLoader<DciFile>) {
    this.#file = loader;
  }

  get jobStates(): DataLoader<string, DciJobState[]> {
    this.#jobStates ??= jobStatesLoader(this.#reader, this.batching, this.#batches('jobStates'));
    return this.#jobStates;
  }

  set jobStates(loader: DataLoader<string, DciJobState[]>) {
    this.#jobStates = loader;
  }

  get productPages(): PageLoader<DciProduct> {
    this.#productPages ??= new PageLoader<DciProduct>(
      this.#reader,
      LISTS.products,
      this.maxFirst,
      this.#each((p) => {
        const value = productShape(p);
        if (value) this.product.prime(value.id, value);
      }),
      this.batching,
      this.#batches('productPages'),
    );
    return this.#productPages;
  }

  set productPages(loader: PageLoader<DciProduct>) {
    this.#productPages = loader;
  }

  get topicPages(): PageLoader<DciTopic> {
    this.#topicPages ??= new PageLoader<DciTopic>(
      this.#reader,
      LISTS.topics,
      this.maxFirst,
      this.#each((t) => this.#primeTopic(t)),
      this.batching,
      this.#batches('topicPages'),
    );
    return this.#topicPages;
  }

  set topicPages(loader: PageLoader<DciTopic>) {
    this.#topicPages = loader;
  }

  get componentPages(): PageLoader<DciComponent> {
    this.#componentPages ??= new PageLoader<DciComponent>(
      this.#reader,
      LISTS.components,
      this.maxFirst,
      this.#each((c) => this.#prime('component', 'component', c)),
      this.batching,
      this.#batches('componentPages'),
    );
    return this.#componentPages;
  }

  set componentPages(loader: PageLoader<DciComponent>) {
    this.#componentPages = loader;
  }

  get jobPages(): PageLoader<DciJob> {
    this.#jobPages ??= new PageLoader<DciJob>(
      this.#reader,
      LISTS.jobs,
      this.maxFirst,
      this.#each((j) => this.primeJob(j)),
      this.batching,
      this.#batches('jobPages'),
    );
    return this.#jobPages;
  }

  set jobPages(loader: PageLoader<DciJob>) {
    this.#jobPages = loader;
  }

  get filePages(): PageLoader<DciFile> {
    this.#filePages ??= new PageLoader<DciFile>(
      this.#reader,
      LISTS.files,
      this.maxFirst,
      () => {},
      this.batching,
      this.#batches('filePages'),
    );
    return this.#filePages;
  }

  set filePages(loader: PageLoader<DciFile>) {
    this.#filePages = loader;
  }

  get remoteciPages(): PageLoader<DciRemoteci> {
    this.#remoteciPages ??= new PageLoader<DciRemoteci>(
      this.#reader,
      LISTS.remotecis,
      this.maxFirst,
      this.#each((r) => {
        this.#prime('remoteci', 'remoteci', r);
        this.#primeEmbed('team', 'team', r.team);
      }),
      this.batching,
      this.#batches('remoteciPages'),
    );
    return this.#remoteciPages;
  }

  set remoteciPages(loader: PageLoader<DciRemoteci>) {
    this.#remoteciPages = loader;
  }

  get teamPages(): PageLoader<DciTeam> {
    this.#teamPages ??= new PageLoader<DciTeam>(
      this.#reader,
      LISTS.teams,
      this.maxFirst,
      this.#each((t) => this.#prime('team', 'team', t)),
      this.batching,
      this.#batches('teamPages'),
    );
    return this.#teamPages;
  }

  set teamPages(loader: PageLoader<DciTeam>) {
    this.#teamPages = loader;
  }

  get pipelinePages(): PageLoader<DciPipeline> {
    this.#pipelinePages ??= new PageLoader<DciPipeline>(
      this.#reader,
      LISTS.pipelines,
      this.maxFirst,
      this.#each((p) => {
        this.#prime('pipeline', 'pipeline', p);
        this.#primeEmbed('team', 'team', p.team);
      }),
      this.batching,
      this.#batches('pipelinePages'),
    );
    return this.#pipelinePages;
  }

  set pipelinePages(loader: PageLoader<DciPipeline>) {
    this.#pipelinePages = loader;
  }

  get topicsByProduct(): GroupedPageLoader<DciTopic> {
    this.#topicsByProduct ??= new GroupedPageLoader<DciTopic>(
      this.#reader,
      LISTS.topics,
      'product_id',
      this.topicPages,
      this.#each((t) => this.#primeTopic(t)),
      this.maxFirst,
      this.batching,
      this.#batches('topicsByProduct'),
    );
    return this.#topicsByProduct;
  }

  set topicsByProduct(loader: GroupedPageLoader<DciTopic>) {
    this.#topicsByProduct = loader;
  }

  get remotecisByTeam(): GroupedPageLoader<DciRemoteci> {
    this.#remotecisByTeam ??= new GroupedPageLoader<DciRemoteci>(
      this.#reader,
      LISTS.remotecis,
      'team_id',
      this.remoteciPages,
      this.#each((r) => this.#prime('remoteci', 'remoteci', r)),
      this.maxFirst,
      this.batching,
      this.#batches('remotecisByTeam'),
    );
    return this.#remotecisByTeam;
  }

  set remotecisByTeam(loader: GroupedPageLoader<DciRemoteci>) {
    this.#remotecisByTeam = loader;
  }

  get junit(): DataLoader<string, JunitTestCase[]> {
    const reader = this.#reader;
    this.#junit ??= new DataLoader<string, JunitTestCase[]>(
      (ids) => Promise.all(ids.map((id) => readJunit(reader, id).catch((error: Error) => error))),
      this.batching ? {} : { cache: false },
    );
    return this.#junit;
  }

  set junit(loader: DataLoader<string, JunitTestCase[]>) {
    this.#junit = loader;
  }

  identity(): Promise<DciIdentity> {
    if (!this.batching || !this.#identity) {
      this.#identity = this.#reader.get<DciIdentity>('/identity').then((r) => r.item);
    }
    return this.#identity;
  }

  fileContent(fileId: string, maxBytes: number): Promise<ContentPrefix> {
    this.#contents ??= new Map();
    const contents = this.#contents;
    const key = `${fileId.toLowerCase()} ${maxBytes}`;
    let pending = this.batching ? contents.get(key) : undefined;
    if (!pending) {
      pending = this.#reader
        .stream(`/files/${fileId.toLowerCase()}/content`)
        .then((stream) => readPrefix(stream, maxBytes));
      contents.set(key, pending);
    }
    return pending;
  }

  topicScope(): Promise<TopicScope> {
    const scopes = this.#options.topicScopes;
    const known = scopes?.get();
    if (known) return Promise.resolve(known);
    this.#topicScope ??= this.identity().then((i) => {
      const scope = topicScopeOf(i, this.#options.teamId);
      scopes?.set(scope);
      return scope;
    });
    return this.#topicScope;
  }

  stats(): Promise<(DciStatsTopic | MalformedRow)[]> {
    if (!this.batching || !this.#stats) {
      this.#stats = this.#reader
        .get<{ stats?: unknown }>('/stats')
        .then((r) => checkStats(r.item.stats));
    }
    return this.#stats;
  }

  primeJob(j: DciJob): void {
    this.#prime('job', 'job', j);
    this.#primeJobEmbeds(j);
  }

  /** `fn` over every row of a page, when batching (naive mode primes nothing). */
  #each<T>(fn: (row: T) => void): (rows: T[]) => void {
    return (rows) => {
      if (this.batching) for (const row of rows) fn(row);
    };
  }

  /** Primes the by-id loader `name` with an embedded object, if it has the loader's shape. */
  #prime(name: PrimedName, type: ShapedType, row: unknown): void {
    if (!this.batching) return;
    const loader = this[name] as ByIdLoader<{ id: string }>;
    // A list repeats the same embedded topics, teams... on many rows: shape each one once.
    const id = (row as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && loader.peek(id) !== undefined) return;
    const value = toShape<{ id: string }>(type, row);
    if (value) loader.prime(value.id, value);
  }

  /**
   * {@link #prime} with a row another row embeds, which nothing checked yet: a malformed one
   * (a remote CI's team without a name) is not primed, its loader reads it from DCI.
   */
  #primeEmbed(name: PrimedName, type: ShapedType, row: unknown): void {
    if (!this.batching || row === undefined || row === null) return;
    const id = (row as { id?: unknown }).id;
    if (typeof id === 'string' && this[name].peek(id) !== undefined) return;
    if (rowProblem(type, row) === null) this.#prime(name, type, row);
  }

  #primeTopic(t: DciTopic): void {
    this.#prime('topic', 'topic', t);
    this.#primeTopicEmbeds(t);
  }

  // Topics embed `product` and `next_topic`. The next topic is not primed: DCI embeds it even
  // when the caller may not see it, and the topic loader must answer null for those.
  #primeTopicEmbeds(t: DciTopic): void {
    this.#primeEmbed('product', 'product', t.product);
  }

  #primeJobEmbeds(j: DciJob): void {
    this.#primeEmbed('topic', 'topic', j.topic);
    if (j.topic) this.#primeTopicEmbeds(j.topic);
    this.#primeEmbed('team', 'team', j.team);
    this.#primeEmbed('remoteci', 'remoteci', j.remoteci);
    if (j.remoteci) this.#primeEmbed('team', 'team', j.remoteci.team);
    this.#primeEmbed('pipeline', 'pipeline', j.pipeline);
    // Checked with the job (rows.ts): a malformed one is its error, never primed.
    for (const c of j.components ?? []) {
      if (!(c instanceof Error)) this.#prime('component', 'component', c);
    }
  }
}

/** The by-id loaders other responses prime. */
type PrimedName = 'product' | 'team' | 'topic' | 'component' | 'remoteci' | 'pipeline' | 'job';

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

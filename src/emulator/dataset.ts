/**
 * Deterministic, seeded, realistic DCI dataset for the emulator: products, topics, composes,
 * teams, users, remotecis, a feeder, pipelines, jobs with jobstate histories, files, results
 * and key/values, plus the named fixture identities of docs/DESIGN.md.
 */
import type { DciAuth } from '../dci/credentials.js';
import type { DciJobStatus, DciState } from '../dci/types.js';
import { junitFileSize } from './file-contents.js';
import {
  createStore,
  type EmulatorStore,
  type FileRow,
  type JobRow,
  type JobstateRow,
  type RemoteciRow,
  type ResultRow,
  type SeededRandom,
  seededRandom,
  type TeamRow,
  type TopicRow,
  timestamp,
  timestampAt,
} from './store.js';
import { type DeferredRows, DeferredTable, type VersionedMap } from './table.js';

/** Row counts of a generated dataset. */
export interface DatasetSize {
  /** Products (up to 3: RHEL, OpenShift, RHOSP). */
  products: number;
  /** Topics per product (capped by the known versions of each product). */
  topicsPerProduct: number;
  /** Components per component type per topic. */
  componentsPerTopic: number;
  /** Jobs in total. */
  jobs: number;
  /** Remotecis per partner team. */
  remotecisPerTeam: number;
  /** Partner teams (at least 2: Partner A and Partner B). */
  partnerTeams: number;
}

/**
 * Size presets: 'tiny' for unit tests, 'demo' for the demo, 'bench' for benchmarks, 'large' for
 * DCI's own scale (200,000 jobs, 3,000 components; about 5 s to build, about 330 MB: a job's
 * jobstates, files and results are built on its first read).
 */
export const DATASET_SIZES: Record<DatasetSizeName, DatasetSize> = {
  tiny: {
    products: 3,
    topicsPerProduct: 3,
    componentsPerTopic: 5,
    jobs: 40,
    remotecisPerTeam: 2,
    partnerTeams: 2,
  },
  demo: {
    products: 3,
    topicsPerProduct: 4,
    componentsPerTopic: 12,
    jobs: 400,
    remotecisPerTeam: 3,
    partnerTeams: 4,
  },
  bench: {
    products: 3,
    topicsPerProduct: 4,
    componentsPerTopic: 40,
    jobs: 20000,
    remotecisPerTeam: 5,
    partnerTeams: 10,
  },
  large: {
    products: 3,
    topicsPerProduct: 4,
    componentsPerTopic: 300,
    jobs: 200000,
    remotecisPerTeam: 10,
    partnerTeams: 20,
  },
};

/** The names of the size presets. */
export type DatasetSizeName = 'tiny' | 'demo' | 'bench' | 'large';

/** A named identity with working credentials. */
export interface FixtureIdentity {
  name: string;
  kind: 'user' | 'remoteci' | 'feeder';
  id: string;
  teamId: string;
  auth: DciAuth;
  description: string;
}

/** The fixture identity names. */
export type FixtureName =
  | 'admin'
  | 'redhat'
  | 'epm'
  | 'partnerRemoteci'
  | 'partnerUser'
  | 'otherRemoteci'
  | 'inactiveRemoteci'
  | 'feeder';

/** The fixtures of a generated dataset. */
export interface EmulatorFixtures {
  identities: Record<FixtureName, FixtureIdentity>;
}

/** Options of {@link generateDataset}. */
export interface GenerateOptions {
  seed?: number;
  size?: DatasetSizeName | Partial<DatasetSize>;
  now?: () => Date;
  /**
   * Build each job's jobstates, files and results on its first read rather than now (the
   * default; the same rows: see `DeferredJobRows`). False builds every row at once.
   */
  deferJobRows?: boolean;
}

interface ProductSpec {
  name: string;
  label: string;
  description: string;
  topics: {
    name: string;
    version: string;
    types: string[];
    optional: string[];
    exportControl: boolean;
    state?: DciState;
  }[];
}

const PRODUCTS: ProductSpec[] = [
  {
    name: 'RHEL',
    label: 'RHEL',
    description: 'Red Hat Enterprise Linux',
    topics: [
      { name: 'RHEL-8.6', version: '8.6.0', types: ['compose'], optional: [], exportControl: true },
      {
        name: 'RHEL-8.8',
        version: '8.8.0',
        types: ['compose'],
        optional: ['kernel'],
        exportControl: true,
      },
      { name: 'RHEL-9.2', version: '9.2.0', types: ['compose'], optional: [], exportControl: true },
      {
        name: 'RHEL-9.4',
        version: '9.4.0',
        types: ['compose'],
        optional: ['kernel'],
        exportControl: false,
      },
    ],
  },
  {
    name: 'OpenShift',
    label: 'OCP',
    description: 'Red Hat OpenShift Container Platform',
    topics: [
      {
        name: 'OCP-4.14',
        version: '4.14.0',
        types: ['ocp'],
        optional: ['cnf-tests'],
        exportControl: true,
        state: 'archived',
      },
      {
        name: 'OCP-4.15',
        version: '4.15.0',
        types: ['ocp', 'cnf-tests'],
        optional: [],
        exportControl: true,
      },
      {
        name: 'OCP-4.16',
        version: '4.16.0',
        types: ['ocp', 'cnf-tests'],
        optional: ['operator-sdk'],
        exportControl: false,
      },
    ],
  },
  {
    name: 'RHOSP',
    label: 'OSP',
    description: 'Red Hat OpenStack Platform',
    topics: [
      {
        name: 'OSP-17.1',
        version: '17.1.0',
        types: ['puddle'],
        optional: [],
        exportControl: true,
      },
    ],
  },
];

const DAY = 86_400_000;
const FINAL: DciJobStatus[] = [
  ...Array<DciJobStatus>(70).fill('success'),
  ...Array<DciJobStatus>(14).fill('failure'),
  ...Array<DciJobStatus>(5).fill('error'),
  ...Array<DciJobStatus>(3).fill('killed'),
  ...Array<DciJobStatus>(5).fill('running'),
  ...Array<DciJobStatus>(3).fill('new'),
];

const JOB_COMMENTS = ['', 'nightly run', 'retest after fix', 'triggered by feeder'];
const JOB_CONFIGURATIONS = ['default', 'baremetal', 'virt', 'sno'];
const JOB_USER_AGENTS = ['python-dciclient_3.2.0', 'ansible_2.15.0 dci-ansible_1.4.0'];
const JOB_CLIENT_VERSIONS = ['python-dciclient_3.2.0', 'dci-ansible_1.4.0'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

/** Generates the store and fixtures: same seed and size give identical data, ids included. */
export function generateDataset(opts: GenerateOptions = {}): {
  store: EmulatorStore;
  fixtures: EmulatorFixtures;
} {
  const seed = opts.seed ?? 1;
  const size: DatasetSize =
    typeof opts.size === 'string'
      ? DATASET_SIZES[opts.size]
      : { ...DATASET_SIZES.tiny, ...(opts.size ?? {}) };
  const nowDate = (opts.now ?? (() => new Date()))();
  const nowMs = Math.floor(nowDate.getTime() / 1000) * 1000;
  const rnd = seededRandom(seed);
  const store = createStore();
  let deferred: DeferredJobRows | null = null;
  if (opts.deferJobRows !== false) {
    const tables = {
      jobstates: new DeferredTable<string, JobstateRow>('job_id'),
      files: new DeferredTable<string, FileRow>('job_id'),
      results: new DeferredTable<string, ResultRow>('job_id'),
    };
    deferred = new DeferredJobRows(tables, store.jobs as VersionedMap<string, JobRow>);
    for (const table of Object.values(tables)) table.defer(deferred);
    Object.assign(store, tables);
  }
  const ts = (ms: number) => timestampAt(ms, rnd.int(0, 999));
  const meta = (ms: number) => {
    const at = ts(ms);
    return { id: rnd.newId(), created_at: at, updated_at: at, etag: rnd.newEtag() };
  };
  const start = nowMs - 400 * DAY;

  // Teams.
  const addTeam = (name: string, preRelease: boolean, external: boolean, country: string) => {
    const row: TeamRow = {
      ...meta(start),
      name,
      country,
      state: 'active',
      external,
      has_pre_release_access: preRelease,
    };
    store.teams.set(row.id, row);
    return row;
  };
  const admin = addTeam('admin', true, false, 'US');
  const redhat = addTeam('Red Hat', true, false, 'US');
  const epm = addTeam('EPM', true, false, 'US');
  const partners: TeamRow[] = [addTeam('Partner A', true, true, 'FR')];
  partners.push(addTeam('Partner B', false, true, 'DE'));
  const countries = ['US', 'JP', 'IN', 'BR', 'CA', 'GB', 'IT', 'ES'];
  for (let i = 2; i < Math.max(2, size.partnerTeams); i++) {
    partners.push(
      addTeam(`Partner ${String.fromCharCode(65 + i)}`, i % 3 === 0, true, rnd.pick(countries)),
    );
  }
  const partnerA = partners[0] as TeamRow;
  const partnerB = partners[1] as TeamRow;

  // Users.
  const addUser = (name: string, fullname: string, password: string, team: TeamRow) => {
    const row = {
      ...meta(start + DAY),
      name,
      sso_username: null,
      sso_sub: null,
      fullname,
      email: `${name}@example.com`,
      timezone: 'UTC',
      state: 'active' as DciState,
      password,
    };
    store.users.set(row.id, row);
    store.userTeams.push({ user_id: row.id, team_id: team.id });
    return row;
  };
  const adminUser = addUser('admin', 'Administrator', 'admin', admin);
  const redhatUser = addUser('redhat-reader', 'Red Hat Reader', 'redhat-reader', redhat);
  const epmUser = addUser('epm-user', 'EPM User', 'epm-user', epm);
  const partnerUser = addUser('partner-a-user', 'Partner A User', 'partner-a-user', partnerA);
  addUser('partner-b-user', 'Partner B User', 'partner-b-user', partnerB);
  for (const t of partners.slice(2)) {
    const slug = t.name.toLowerCase().replace(/ /g, '-');
    addUser(`${slug}-user`, `${t.name} User`, `${slug}-user`, t);
  }

  // Products, topics, components, component files.
  const topicsByProduct = new Map<string, TopicRow[]>();
  const componentsByTopicType = new Map<string, string[]>();
  const products = PRODUCTS.slice(0, Math.max(1, Math.min(PRODUCTS.length, size.products)));
  for (const spec of products) {
    const product = {
      ...meta(start),
      name: spec.name,
      label: spec.label,
      description: spec.description,
      state: 'active' as DciState,
    };
    store.products.set(product.id, product);
    const topics: TopicRow[] = [];
    const specs = spec.topics.slice(0, Math.max(1, size.topicsPerProduct));
    specs.forEach((ts0, ti) => {
      const created = start + ti * 60 * DAY;
      const topic: TopicRow = {
        ...meta(created),
        name: ts0.name,
        component_types: ts0.types,
        component_types_optional: ts0.optional,
        product_id: product.id,
        next_topic_id: null,
        export_control: ts0.exportControl,
        state: ts0.state ?? 'active',
        data: {},
      };
      const prev = topics[topics.length - 1];
      if (prev) prev.next_topic_id = topic.id;
      topics.push(topic);
      store.topics.set(topic.id, topic);
      for (const type of ts0.types) {
        const ids: string[] = [];
        for (let c = 0; c < size.componentsPerTopic; c++) {
          const rel =
            created +
            Math.floor(((c + 1) * (nowMs - created - DAY)) / (size.componentsPerTopic + 1));
          const d = new Date(rel);
          const milestone = c % 5 === 4;
          let name: string;
          let tags: string[];
          let url: string;
          let data: Record<string, unknown>;
          if (type === 'compose' || type === 'puddle') {
            const prefix = type === 'compose' ? 'RHEL' : 'RHOS';
            name = `${prefix}-${ts0.version}-${ymd(d)}.${rnd.int(0, 4)}`;
            url = `http://download.example/rhel-${ts0.version.split('.')[0]}/${milestone ? 'rel-eng' : 'nightly'}/${ts0.name}/${name}`;
            tags = milestone
              ? ['milestone', rnd.pick(['build:ga', 'build:rc', 'build:beta'])]
              : [
                  'nightly',
                  `kernel:${ts0.version.startsWith('9') ? '5.14.0' : '4.18.0'}-${rnd.int(100, 480)}.${rnd.int(1, 30)}.1.el${ts0.version[0]}`,
                ];
            data = {
              arches: ['x86_64', 'aarch64'],
              channel: milestone ? 'milestone' : 'nightly',
              version: ts0.version,
              url,
            };
          } else if (type === 'ocp') {
            const hms = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
            const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
            name = milestone
              ? `${ts0.version.replace(/\.0$/, '')}.${c}`
              : `${ts0.version}-0.nightly-${day}-${hms}`;
            url = `https://mirror.example/ocp/${name}`;
            tags = milestone ? ['milestone', 'build:ga'] : ['nightly'];
            data = {
              arches: ['x86_64'],
              channel: milestone ? 'stable' : 'nightly',
              version: name,
              url,
            };
          } else {
            name = `${type}-${ts0.version}-${ymd(d)}`;
            url = `https://quay.example/${type}:${ts0.version}`;
            tags = ['nightly'];
            data = { version: ts0.version, url };
          }
          // A few private components owned by Partner A.
          const teamId = c % 7 === 6 ? partnerA.id : null;
          const comp = {
            ...meta(rel),
            released_at: timestamp(new Date(rel)),
            name,
            display_name: name,
            version: type === 'ocp' ? name : ts0.version,
            uid: rnd.hex(12),
            type,
            canonical_project_name: name,
            title: null,
            message: null,
            url,
            data,
            topic_id: topic.id,
            team_id: teamId,
            state: 'active' as DciState,
            tags,
          };
          store.components.set(comp.id, comp);
          ids.push(comp.id);
          const fileNames =
            type === 'compose' ? ['COMPOSE_ID', 'composeinfo.json'] : ['release.txt'];
          for (const fname of fileNames) {
            const f = {
              ...meta(rel),
              name: fname,
              mime: fname.endsWith('.json') ? 'application/json' : 'text/plain',
              md5: rnd.hex(32),
              size: rnd.int(40, 40000),
              component_id: comp.id,
              state: 'active' as DciState,
            };
            store.componentFiles.set(f.id, f);
          }
        }
        componentsByTopicType.set(`${topic.id}/${type}`, ids);
      }
    });
    topicsByProduct.set(product.id, topics);
  }
  const productIds = [...store.products.keys()];
  // Partner A: RHEL + OCP; Partner B: RHEL; others: a spread.
  const linkProduct = (team: TeamRow, idx: number) => {
    const pid = productIds[idx];
    if (pid) store.productTeams.push({ product_id: pid, team_id: team.id });
  };
  linkProduct(partnerA, 0);
  linkProduct(partnerA, 1);
  linkProduct(partnerB, 0);
  partners.slice(2).forEach((t, i) => {
    linkProduct(t, i % productIds.length);
    if (i % 2 === 1) linkProduct(t, (i + 1) % productIds.length);
  });
  store.componentPermissions.push({ team_id: redhat.id, access_team_id: partnerA.id });

  // Remotecis, feeder, pipelines.
  const remotecisByTeam = new Map<string, RemoteciRow[]>();
  const labs = ['lab', 'baremetal', 'virt', 'edge', 'telco'];
  for (const t of partners) {
    const list: RemoteciRow[] = [];
    const slug = t.name.toLowerCase().replace(/ /g, '-');
    for (let i = 0; i < Math.max(1, size.remotecisPerTeam); i++) {
      const rci: RemoteciRow = {
        ...meta(start + 2 * DAY),
        name: `${slug}-${labs[i % labs.length]}-${i + 1}`,
        data: {},
        api_secret: rnd.secret(),
        team_id: t.id,
        public: false,
        state: 'active',
      };
      store.remotecis.set(rci.id, rci);
      list.push(rci);
    }
    remotecisByTeam.set(t.id, list);
  }
  const inactive: RemoteciRow = {
    ...meta(start + 3 * DAY),
    name: 'partner-a-decommissioned',
    data: {},
    api_secret: rnd.secret(),
    team_id: partnerA.id,
    public: false,
    state: 'inactive',
  };
  store.remotecis.set(inactive.id, inactive);
  const feeder = {
    ...meta(start + 2 * DAY),
    name: 'epm-feeder',
    data: {},
    api_secret: rnd.secret(),
    team_id: epm.id,
    state: 'active' as DciState,
  };
  store.feeders.set(feeder.id, feeder);
  const pipelinesByTeam = new Map<string, string[]>();
  for (const t of partners) {
    const ids: string[] = [];
    for (const p of ['nightly', 'weekly']) {
      const row = {
        ...meta(start + 3 * DAY),
        name: `${p}-pipeline`,
        team_id: t.id,
        state: 'active' as DciState,
      };
      store.pipelines.set(row.id, row);
      ids.push(row.id);
    }
    pipelinesByTeam.set(t.id, ids);
  }

  // Jobs. Partner A's first remoteci gets a large share.
  const partnerRci = (remotecisByTeam.get(partnerA.id) as RemoteciRow[])[0] as RemoteciRow;
  const otherRci = (remotecisByTeam.get(partnerB.id) as RemoteciRow[])[0] as RemoteciRow;
  const teamProducts = new Map<string, string[]>();
  for (const l of store.productTeams) {
    teamProducts.set(l.team_id, [...(teamProducts.get(l.team_id) ?? []), l.product_id]);
  }
  const windowMs = 42 * DAY;
  const allRcis = [...remotecisByTeam.values()].flat();
  // What the loop draws from, computed once rather than per job (same values, same draws).
  const topicsToPick = new Map<string, TopicRow[]>();
  for (const [pid, topics] of topicsByProduct) {
    const active = topics.filter((t) => t.state === 'active');
    topicsToPick.set(pid, active.length > 0 ? active : topics);
  }
  const jobNamesOf = new Map<string, { names: string[]; tag: string; components: string[][] }>();
  for (const topic of store.topics.values()) {
    const slug = topic.name.toLowerCase();
    jobNamesOf.set(topic.id, {
      names: [`daily-${slug}`, `weekly-${slug}`, `${slug}-certification`, `${slug}-upgrade`],
      tag: slug,
      components: topic.component_types.map(
        (type) => componentsByTopicType.get(`${topic.id}/${type}`) ?? [],
      ),
    });
  }
  /** Remoteci id -> job name -> the last job of that chain. */
  const lastJobOf = new Map<string, Map<string, string>>();
  for (let j = 0; j < size.jobs; j++) {
    const rci = j % 3 === 0 ? partnerRci : rnd.next() < 0.3 ? otherRci : rnd.pick(allRcis);
    const pids = teamProducts.get(rci.team_id) ?? productIds;
    const pid = rnd.pick(pids.length > 0 ? pids : productIds);
    const topic = rnd.pick(topicsToPick.get(pid) ?? []);
    const createdMs =
      nowMs - windowMs + Math.floor(((j + rnd.next()) * windowMs) / size.jobs) - 3600_000;
    const status = rnd.pick(FINAL);
    const finished = status !== 'running' && status !== 'new';
    const duration = status === 'new' ? 0 : rnd.int(300, 14400);
    const ofTopic = jobNamesOf.get(topic.id)!;
    const name = rnd.pick(ofTopic.names);
    let chains = lastJobOf.get(rci.id);
    if (!chains) {
      chains = new Map();
      lastJobOf.set(rci.id, chains);
    }
    const previous = chains.get(name) ?? null;
    const inPipeline = rnd.next() < 0.3;
    // One literal, not `{ ...meta(), more }` (V8 gives every such row its own hidden class,
    // about 1 KB and 25 us each) nor Object.assign (a job's 22 more columns turn it into a
    // dictionary): a 200,000-job dataset took minutes and several gigabytes. Drawn in meta's
    // order: timestamp, id, etag.
    const createdAt = ts(createdMs);
    const job: JobRow = {
      id: rnd.newId(),
      created_at: createdAt,
      updated_at: createdAt,
      etag: rnd.newEtag(),
      name,
      comment: rnd.pick(JOB_COMMENTS),
      status_reason:
        status === 'failure' ? 'tests failed' : status === 'error' ? 'infrastructure error' : '',
      configuration: rnd.pick(JOB_CONFIGURATIONS),
      url: `https://ci.example/${rci.name}/job/${j + 1}`,
      status,
      state: 'active',
      duration,
      topic_id: topic.id,
      product_id: pid,
      remoteci_id: rci.id,
      team_id: rci.team_id,
      pipeline_id: inPipeline ? rnd.pick(pipelinesByTeam.get(rci.team_id) ?? [null]) : null,
      previous_job_id: previous,
      update_previous_job_id: null,
      user_agent: rnd.pick(JOB_USER_AGENTS),
      client_version: rnd.pick(JOB_CLIENT_VERSIONS),
      tags: rnd.next() < 0.5 ? ['daily', ofTopic.tag] : ['debug'],
    };
    if (j % 4 === 0) job.data = {};
    job.updated_at = ts(createdMs + duration * 1000);
    store.jobs.set(job.id, job);
    chains.set(name, job.id);
    // Components: one per required type, the newest released before the job.
    for (const ids of ofTopic.components) {
      store.jobComponents.push({ job_id: job.id, component_id: rnd.pick(ids) });
    }
    // Jobstates, files and results: now, or on the job's first read (the same rows).
    if (deferred) {
      deferred.add(job.id, job.team_id, status, duration, createdMs, rnd.state());
      rnd.skip(DRAWS_OF[status]);
    } else {
      generateJobRows(rnd, { id: job.id, teamId: job.team_id, status, duration, createdMs }, store);
    }
    if (finished && j % 3 === 1) {
      store.jobKeyValues.push({
        job_id: job.id,
        key: 'workload_duration',
        value: rnd.int(10, 3000),
      });
      store.jobKeyValues.push({ job_id: job.id, key: 'nodes', value: rnd.int(1, 12) });
    }
  }

  const hmac = (kind: 'remoteci' | 'feeder', id: string, secret: string): DciAuth => ({
    kind: 'hmac',
    accessKey: `${kind}/${id}`,
    secret,
  });
  const basic = (login: string, password: string): DciAuth => ({ kind: 'basic', login, password });
  const fixtures: EmulatorFixtures = {
    identities: {
      admin: {
        name: 'admin',
        kind: 'user',
        id: adminUser.id,
        teamId: admin.id,
        auth: basic('admin', 'admin'),
        description: 'Super admin (team admin): sees everything',
      },
      redhat: {
        name: 'redhat-reader',
        kind: 'user',
        id: redhatUser.id,
        teamId: redhat.id,
        auth: basic('redhat-reader', 'redhat-reader'),
        description: 'Read-only Red Hat user: sees everything, writes nothing',
      },
      epm: {
        name: 'epm-user',
        kind: 'user',
        id: epmUser.id,
        teamId: epm.id,
        auth: basic('epm-user', 'epm-user'),
        description: 'EPM user: manages products, topics and components',
      },
      partnerRemoteci: {
        name: partnerRci.name,
        kind: 'remoteci',
        id: partnerRci.id,
        teamId: partnerA.id,
        auth: hmac('remoteci', partnerRci.id, partnerRci.api_secret),
        description: 'Partner A remoteci (pre-release access, RHEL + OCP), many jobs',
      },
      partnerUser: {
        name: 'partner-a-user',
        kind: 'user',
        id: partnerUser.id,
        teamId: partnerA.id,
        auth: basic('partner-a-user', 'partner-a-user'),
        description: 'Partner A user (pre-release access, RHEL + OCP)',
      },
      otherRemoteci: {
        name: otherRci.name,
        kind: 'remoteci',
        id: otherRci.id,
        teamId: partnerB.id,
        auth: hmac('remoteci', otherRci.id, otherRci.api_secret),
        description: 'Partner B remoteci (no pre-release access, RHEL only)',
      },
      inactiveRemoteci: {
        name: inactive.name,
        kind: 'remoteci',
        id: inactive.id,
        teamId: partnerA.id,
        auth: hmac('remoteci', inactive.id, inactive.api_secret),
        description: 'Inactive Partner A remoteci: authentication is refused',
      },
      feeder: {
        name: feeder.name,
        kind: 'feeder',
        id: feeder.id,
        teamId: epm.id,
        auth: hmac('feeder', feeder.id, feeder.api_secret),
        description: 'EPM feeder: creates components',
      },
    },
  };
  return { store, fixtures };
}

/** What a job's jobstates, files and results are generated from: its seeded columns. */
interface JobSeed {
  id: string;
  teamId: string;
  status: DciJobStatus;
  duration: number;
  createdMs: number;
}

/** The tables a job's generated rows go to. */
type JobRowTables = Pick<EmulatorStore, 'jobstates' | 'files' | 'results'>;

/** The jobstate statuses a job went through to reach `status`. */
function jobPath(status: DciJobStatus): DciJobStatus[] {
  return status === 'new'
    ? ['new']
    : status === 'running'
      ? ['new', 'pre-run', 'running']
      : status === 'error'
        ? ['new', 'pre-run', 'error']
        : status === 'killed'
          ? ['new', 'pre-run', 'running', 'killed']
          : ['new', 'pre-run', 'running', 'post-run', status];
}

/** A final status with a test report (tests.xml and its result). */
const hasReport = (status: DciJobStatus) =>
  status !== 'running' && status !== 'new' && status !== 'error';

/** Jobstates with a log file: `running` and the final one. */
const logsOf = (status: DciJobStatus) =>
  jobPath(status).filter((st) => st === 'running' || st === status).length;

const STATUSES: DciJobStatus[] = ['new', 'running', 'success', 'failure', 'error', 'killed'];
/** Per final status: its jobstates, and its log files. */
const JOBSTATES_OF = Object.fromEntries(STATUSES.map((s) => [s, jobPath(s).length])) as Record<
  DciJobStatus,
  number
>;
const LOGS_OF = Object.fromEntries(STATUSES.map((s) => [s, logsOf(s)])) as Record<
  DciJobStatus,
  number
>;

/**
 * How many numbers `generateJobRows` draws for a job of this status (newId 7, meta 12, hex(32)
 * 4, int 1): what a deferred job's rows are skipped by, so the next job draws what it always
 * did. `DeferredJobRows` checks it on every job it builds.
 */
function jobRowDraws(status: DciJobStatus): number {
  const jobstates = 7 * jobPath(status).length;
  const logs = (12 + 4 + 1) * logsOf(status);
  // tests.xml (meta, md5, size), then total, [broken], skips, the result id, [regressions],
  // successfixes, time.
  const report = hasReport(status) ? 17 + 1 + 1 + 7 + 1 + 1 + (status === 'failure' ? 2 : 0) : 0;
  return jobstates + logs + report;
}

/** `jobRowDraws` per final status. */
const DRAWS_OF = Object.fromEntries(STATUSES.map((s) => [s, jobRowDraws(s)])) as Record<
  DciJobStatus,
  number
>;

/**
 * A job's jobstates (with their log files), its tests.xml and its result, drawn from `rnd` in
 * the order the dataset always drew them.
 */
function generateJobRows(rnd: SeededRandom, job: JobSeed, tables: JobRowTables): void {
  const { status, duration, createdMs } = job;
  const meta = (ms: number) => {
    const at = timestampAt(ms, rnd.int(0, 999));
    return { id: rnd.newId(), created_at: at, updated_at: at, etag: rnd.newEtag() };
  };
  const path = jobPath(status);
  const step = Math.max(1, Math.floor((duration * 1000) / path.length));
  for (let i = 0; i < path.length; i++) {
    const st = path[i]!;
    const at = createdMs + i * step;
    const js: JobstateRow = {
      id: rnd.newId(),
      created_at: timestampAt(at, 1 + i),
      status: st,
      comment: st === 'failure' ? 'tests failed' : null,
      job_id: job.id,
    };
    tables.jobstates.set(js.id, js);
    if (st === 'running' || st === status) {
      const logName = st === 'running' ? 'ansible.log' : `${st}.log`;
      // One literal (as for jobs): the random draws in the order they always were.
      const fm = meta(at + 1000);
      const f: FileRow = {
        id: fm.id,
        created_at: fm.created_at,
        updated_at: fm.updated_at,
        etag: fm.etag,
        name: logName,
        mime: 'text/plain',
        md5: rnd.hex(32),
        size: rnd.int(1000, 500000),
        state: 'active',
        jobstate_id: js.id,
        job_id: job.id,
        team_id: job.teamId,
      };
      tables.files.set(f.id, f);
    }
  }
  if (hasReport(status)) {
    const fm = meta(createdMs + duration * 1000);
    const f: FileRow = {
      id: fm.id,
      created_at: fm.created_at,
      updated_at: fm.updated_at,
      etag: fm.etag,
      name: 'tests.xml',
      mime: 'application/junit',
      md5: rnd.hex(32),
      size: rnd.int(2000, 90000),
      state: 'active',
      jobstate_id: null,
      job_id: job.id,
      team_id: job.teamId,
    };
    tables.files.set(f.id, f);
    const total = rnd.int(20, 400);
    const broken = status === 'failure' ? rnd.int(1, 10) : 0;
    const skips = rnd.int(0, 5);
    // Some of a failed run's broken cases are errors rather than failures (drawn without
    // another random number, so the rest of the dataset keeps its values).
    const errors = Math.floor(broken / 3);
    const failures = broken - errors;
    const r: ResultRow = {
      id: rnd.newId(),
      created_at: f.created_at,
      updated_at: f.created_at,
      name: 'tests.xml',
      total,
      success: total - broken - skips,
      skips,
      failures,
      errors,
      regressions: broken > 0 ? rnd.int(0, broken) : 0,
      successfixes: rnd.int(0, 2),
      time: rnd.int(10_000, 3_600_000),
      job_id: job.id,
      file_id: f.id,
    };
    tables.results.set(r.id, r);
    // Contents are generated on demand (file-contents.ts); the size must hold the cases.
    f.size = junitFileSize(f.size ?? 0, r);
  }
}

/**
 * The seeded jobs' jobstates, files and results, built job by job on first read (see
 * DeferredTable): at 200,000 jobs they are 1.6 million rows, most never read, and building
 * them all made the dataset take 20 s and a gigabyte. A job's rows are drawn from the PRNG
 * state its eager generation would have had, so they are the same rows.
 */
class DeferredJobRows implements DeferredRows {
  // One entry per seeded job, in generation order (parallel arrays: no object per job).
  readonly #ids: string[] = [];
  readonly #teamIds: string[] = [];
  readonly #statuses: DciJobStatus[] = [];
  readonly #durations: number[] = [];
  readonly #created: number[] = [];
  /** The PRNG state where the job's rows start drawing. */
  readonly #states: number[] = [];
  /** 1 once the job's rows are in the tables. */
  readonly #built: number[] = [];
  /** Jobs known not to be seeded ones. */
  readonly #unseeded = new Set<string>();
  #jobstates = 0;
  #files = 0;
  #results = 0;
  #allBuilt = false;

  /**
   * `jobs` is the table the seeded jobs were set into first, in generation order: a job's
   * position there (its ordinal, which the job list's indexes keep anyway) is its number here.
   */
  constructor(
    private readonly tables: JobRowTables,
    private readonly jobs: VersionedMap<string, JobRow>,
  ) {}

  add(
    id: string,
    teamId: string,
    status: DciJobStatus,
    duration: number,
    createdMs: number,
    state: number,
  ): void {
    this.#ids.push(id);
    this.#teamIds.push(teamId);
    this.#statuses.push(status);
    this.#durations.push(duration);
    this.#created.push(createdMs);
    this.#states.push(state);
    this.#built.push(0);
    this.#count(status, 1);
  }

  load(jobId: string): void {
    if (this.#allBuilt) return;
    let n = this.jobs.ordinalOf(jobId);
    if (this.#ids[n] !== jobId) {
      // A job written later, or a seeded one deleted and set again (elsewhere in the table).
      if (this.#unseeded.has(jobId)) return;
      n = this.#ids.indexOf(jobId);
      if (n < 0) this.#unseeded.add(jobId);
    }
    if (n >= 0) this.#build(n);
  }

  loadAll(): void {
    if (this.#allBuilt) return;
    for (let n = 0; n < this.#ids.length; n++) this.#build(n);
    this.#allBuilt = true;
  }

  pending(table: object): number {
    const { jobstates, files, results } = this.tables;
    if (table === jobstates) return this.#jobstates;
    if (table === files) return this.#files;
    return table === results ? this.#results : 0;
  }

  #build(n: number): void {
    if (this.#built[n] === 1) return;
    this.#built[n] = 1;
    const status = this.#statuses[n]!;
    this.#count(status, -1);
    const state = this.#states[n]!;
    const rnd = seededRandom(state);
    const job: JobSeed = {
      id: this.#ids[n]!,
      teamId: this.#teamIds[n]!,
      status,
      duration: this.#durations[n]!,
      createdMs: this.#created[n]!,
    };
    // Building rows that were always there is not a write: the tables keep their versions.
    const tables = [this.tables.jobstates, this.tables.files, this.tables.results] as VersionedMap<
      string,
      object
    >[];
    const versions = tables.map((t) => t.version);
    generateJobRows(rnd, job, this.tables);
    tables.forEach((t, i) => {
      t.version = versions[i]!;
    });
    const end = seededRandom(state);
    end.skip(jobRowDraws(status));
    if (rnd.state() !== end.state()) {
      throw new Error(`jobRowDraws(${status}) does not match generateJobRows's draws`);
    }
  }

  #count(status: DciJobStatus, sign: 1 | -1): void {
    const report = hasReport(status) ? 1 : 0;
    this.#jobstates += sign * JOBSTATES_OF[status];
    this.#files += sign * (LOGS_OF[status] + report);
    this.#results += sign * report;
  }
}

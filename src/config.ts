/**
 * The gateway's configuration: the one place that reads command-line flags and environment
 * variables. Every option has a flag, an environment variable and a documented default;
 * flags win over the environment. A bad value is a {@link ConfigError} naming the option, and
 * no message ever contains a credential (DCI credentials are read by `loadDciSettings`, whose
 * errors name the variable, never its value).
 *
 * This module only computes: `main.ts` passes it `process.argv` and `process.env` and decides
 * what to do with the result.
 */
import { parseArgs } from 'node:util';
import { type CacheTtls, DEFAULT_CACHE_TTLS, parseCacheTtls } from './cache/ttl.js';
import {
  CredentialsError,
  type DciAuth,
  DEFAULT_DCI_CS_URL,
  describeAuth,
  loadDciSettings,
  normalizeDciUrl,
} from './dci/credentials.js';
import { parseManifest } from './plugins/persisted.js';

/** How the gateway authenticates to DCI. */
export type CredentialMode =
  /** Every request brings its own credentials (the default). */
  | 'per-request'
  /** Requests without credentials use the configured service credentials. */
  | 'service'
  /** The bundled emulator with sample data; its demo identity serves anonymous requests. */
  | 'demo';

/** Log verbosity, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The limits that protect the gateway and DCI from expensive or hostile operations. */
export interface GatewayLimits {
  /** Deepest selection nesting (graphql-armor max-depth). */
  maxDepth: number;
  /** Most aliases in one operation (graphql-armor max-aliases). */
  maxAliases: number;
  /** Most lexical tokens in one document (graphql-armor max-tokens). */
  maxTokens: number;
  /** Highest static cost (graphql-armor cost-limit). */
  maxCost: number;
  /** Largest `first` argument of any connection. */
  maxFirst: number;
  /** Most DCI requests one operation may need, estimated before it runs. */
  upstreamBudget: number;
  /** Largest request body in bytes. */
  bodyLimitBytes: number;
  /** Deepest nesting of an input value (filters, JSON scalars), in variables or literals. */
  maxInputDepth: number;
}

/** Where cached responses live: nowhere, in this process, or in the shared Redis. */
export type CacheMode = 'off' | 'memory' | 'redis';

/** The response cache settings (README "Dashboards: caching and live updates"). */
export interface CacheSettings {
  /** Where responses are cached. */
  mode: CacheMode;
  /** TTL in seconds per GraphQL type, plus `default`. */
  ttls: CacheTtls;
  /** Most responses the memory cache holds. */
  maxEntries: number;
  /** Most bytes (serialized JSON) the memory cache holds. */
  maxBytes: number;
  /**
   * Key of the HMAC that turns credentials into cache identities; null: random per process
   * (memory) or shared through Redis (redis). Never logged.
   */
  keySecret: string | null;
}

/** Everything the gateway process needs, validated. */
export interface GatewayConfig {
  /** `--help` was given: print {@link helpText} and exit. */
  help: boolean;
  /** Interface to listen on. */
  host: string;
  /** TCP port (0: any free port). */
  port: number;
  /** Path of the GraphQL endpoint (and of GraphiQL). */
  graphqlEndpoint: string;
  /** Which credentials reach DCI. */
  mode: CredentialMode;
  /** DCI API origin, without `/api/v1`; `null` in demo mode until the emulator has started. */
  dciUrl: string | null;
  /** Credentials for requests that bring none (service mode); `null` otherwise. */
  serviceAuth: DciAuth | null;
  /** Whether requests served with the service (or demo) credentials may run mutations. */
  serviceMutations: boolean;
  /** Browser origins allowed by CORS; empty: none (same-origin only); `['*']`: any. */
  corsOrigins: string[];
  /** Protection limits. */
  limits: GatewayLimits;
  /** Log verbosity. */
  logLevel: LogLevel;
  /** Production mode (NODE_ENV=production): no field suggestions in validation errors. */
  production: boolean;
  /** How long SIGTERM waits for in-flight requests before closing them. */
  shutdownGraceMs: number;
  /** One deadline per operation, covering every DCI request, retry and response body. */
  operationDeadlineMs: number;
  /** Timeout of the DCI reachability probe behind /ready. */
  readyTimeoutMs: number;
  /** Whether GET /graphql from a browser serves GraphiQL. */
  graphiql: boolean;
  /** DataLoader batching (false: the naive N+1 mode, for comparisons). */
  batching: boolean;
  /** Redis for the replicas to share (response cache, events, leases); null: none. */
  redisUrl: string | null;
  /** The response cache. */
  cache: CacheSettings;
  /** Whether /dashboard/ serves the reference dashboard. */
  dashboard: boolean;
  /** The trusted documents (hash -> document) of `--trusted-documents`; null: any document. */
  trustedDocuments: Map<string, string> | null;
  /** Live subscriptions: how often DCI is polled, and how many subscriptions are allowed. */
  live: {
    /** Time between two polls of DCI by a job poller. */
    pollIntervalMs: number;
    /** Most subscriptions one DCI identity may hold on one replica. */
    maxSubscriptionsPerIdentity: number;
    /** Most subscriptions one replica serves. */
    maxSubscriptions: number;
  };
  /** Non-fatal findings to log at startup (credentials present but unused...). */
  warnings: string[];
}

/**
 * A rejected option. `option` names it as the user wrote it (`GATEWAY_PORT` or `--port`);
 * the message never contains a credential.
 */
export class ConfigError extends Error {
  constructor(
    /** The flag or environment variable at fault. */
    readonly option: string,
    /** Why it is rejected. */
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${option} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Reads a file (the `--dcirc` path); injectable so tests need no file system. */
export type ReadFile = (path: string) => string;

type Kind = 'string' | 'boolean';

/** One option: its flag, variable, default and meaning (also the README table). */
export interface OptionSpec {
  /** Long flag without the dashes. */
  flag: string;
  /** Environment variable, if any. */
  env: string | null;
  /** Default as shown to users. */
  default: string;
  /** What it does. */
  description: string;
  /** Flags of kind boolean take no value (`--demo`); string flags take one. */
  kind: Kind;
}

/** Every option the gateway understands, in the order `--help` lists them. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'help',
    env: null,
    default: '',
    kind: 'boolean',
    description: 'Print this help and exit.',
  },
  {
    flag: 'host',
    env: 'GATEWAY_HOST',
    default: '127.0.0.1',
    kind: 'string',
    description: 'Interface to listen on; 0.0.0.0 in containers (the Docker image sets it).',
  },
  {
    flag: 'port',
    env: 'GATEWAY_PORT',
    default: '4000',
    kind: 'string',
    description: 'TCP port; 0 picks a free one.',
  },
  {
    flag: 'graphql-endpoint',
    env: 'GATEWAY_GRAPHQL_ENDPOINT',
    default: '/graphql',
    kind: 'string',
    description: 'Path of the GraphQL endpoint and of GraphiQL.',
  },
  {
    flag: 'dci-url',
    env: 'DCI_CS_URL',
    default: DEFAULT_DCI_CS_URL,
    kind: 'string',
    description: 'DCI API origin (without /api/v1). Unset with no credentials: demo mode.',
  },
  {
    flag: 'dcirc',
    env: 'GATEWAY_DCIRC',
    default: '(none)',
    kind: 'string',
    description:
      'A dcirc.sh file to read DCI_CS_URL and DCI credentials from (the environment wins).',
  },
  {
    flag: 'service-credentials',
    env: 'GATEWAY_SERVICE_CREDENTIALS',
    default: 'false',
    kind: 'boolean',
    description:
      'Serve requests without credentials with DCI_CLIENT_ID/DCI_API_SECRET, DCI_LOGIN/DCI_PASSWORD or DCI_TOKEN.',
  },
  {
    flag: 'service-mutations',
    env: 'GATEWAY_SERVICE_MUTATIONS',
    default: 'false',
    kind: 'boolean',
    description: 'Allow mutations under the service (or demo) credentials; otherwise FORBIDDEN.',
  },
  {
    flag: 'demo',
    env: 'GATEWAY_DEMO',
    default: 'auto',
    kind: 'string',
    description:
      'true: always serve the bundled emulator; false: never; auto: when nothing is configured.',
  },
  {
    flag: 'cors-origins',
    env: 'GATEWAY_CORS_ORIGINS',
    default: '(none)',
    kind: 'string',
    description: 'Comma-separated browser origins allowed cross-origin, or * for any.',
  },
  {
    flag: 'max-depth',
    env: 'GATEWAY_MAX_DEPTH',
    default: '12',
    kind: 'string',
    description: 'Deepest selection nesting (MAX_DEPTH_EXCEEDED).',
  },
  {
    flag: 'max-aliases',
    env: 'GATEWAY_MAX_ALIASES',
    default: '20',
    kind: 'string',
    description: 'Most aliases per operation (MAX_ALIASES_EXCEEDED).',
  },
  {
    flag: 'max-tokens',
    env: 'GATEWAY_MAX_TOKENS',
    default: '5000',
    kind: 'string',
    description: 'Most tokens per document (MAX_TOKENS_EXCEEDED).',
  },
  {
    flag: 'max-cost',
    env: 'GATEWAY_MAX_COST',
    default: '50000',
    kind: 'string',
    description: 'Highest static query cost (COST_LIMIT_EXCEEDED).',
  },
  {
    flag: 'max-first',
    env: 'GATEWAY_MAX_FIRST',
    default: '200',
    kind: 'string',
    description: 'Largest `first` of a connection (BAD_USER_INPUT).',
  },
  {
    flag: 'upstream-budget',
    env: 'GATEWAY_UPSTREAM_BUDGET',
    default: '200',
    kind: 'string',
    description: 'Most DCI requests one operation may need (UPSTREAM_BUDGET_EXCEEDED).',
  },
  {
    flag: 'body-limit',
    env: 'GATEWAY_BODY_LIMIT',
    default: '100kb',
    kind: 'string',
    description: 'Largest request body: bytes, or with a kb/mb suffix (413 PAYLOAD_TOO_LARGE).',
  },
  {
    flag: 'max-input-depth',
    env: 'GATEWAY_MAX_INPUT_DEPTH',
    default: '32',
    kind: 'string',
    description:
      'Deepest nesting of objects and lists in an input value: filters, JSON data (MAX_INPUT_DEPTH_EXCEEDED).',
  },
  {
    flag: 'log-level',
    env: 'GATEWAY_LOG_LEVEL',
    default: 'info',
    kind: 'string',
    description: 'debug, info, warn, error or silent. Logs are JSON lines on stdout.',
  },
  {
    flag: 'production',
    env: 'NODE_ENV',
    default: 'development',
    kind: 'boolean',
    description: 'NODE_ENV=production (or --production): no field suggestions in errors.',
  },
  {
    flag: 'operation-deadline-ms',
    env: 'GATEWAY_OPERATION_DEADLINE_MS',
    default: '20000',
    kind: 'string',
    description:
      'One deadline per operation: its DCI requests, retries and bodies stop then (DCI_UNAVAILABLE, reason DEADLINE_EXCEEDED).',
  },
  {
    flag: 'shutdown-grace-ms',
    env: 'GATEWAY_SHUTDOWN_GRACE_MS',
    default: '10000',
    kind: 'string',
    description:
      'On SIGTERM: /ready answers 503 at once, in-flight requests may finish this long, then what is left is aborted and the process exits.',
  },
  {
    flag: 'ready-timeout-ms',
    env: 'GATEWAY_READY_TIMEOUT_MS',
    default: '2000',
    kind: 'string',
    description: 'Timeout of the DCI probe behind /ready.',
  },
  {
    flag: 'graphiql',
    env: 'GATEWAY_GRAPHIQL',
    default: 'true',
    kind: 'string',
    description: 'Serve GraphiQL to browsers at the GraphQL endpoint.',
  },
  {
    flag: 'dashboard',
    env: 'GATEWAY_DASHBOARD',
    default: 'true',
    kind: 'string',
    description: 'Serve the reference dashboard at /dashboard/ (built by npm run build).',
  },
  {
    flag: 'trusted-documents',
    env: 'GATEWAY_TRUSTED_DOCUMENTS',
    default: '(none)',
    kind: 'string',
    description:
      'A persisted-documents manifest (client/__generated__/persisted-documents.json): only its hashes run (TRUSTED_DOCUMENT_REQUIRED otherwise) and GraphiQL is off. Without it, automatic persisted queries.',
  },
  {
    flag: 'batching',
    env: 'GATEWAY_BATCHING',
    default: 'true',
    kind: 'string',
    description: 'DataLoader batching of DCI requests (false: naive N+1, for comparisons).',
  },
  {
    flag: 'redis-url',
    env: 'GATEWAY_REDIS_URL',
    default: '(none)',
    kind: 'string',
    description:
      'redis:// or rediss:// URL of a Redis shared by the replicas (response cache, job events, poll leases).',
  },
  {
    flag: 'cache',
    env: 'GATEWAY_CACHE',
    default: 'memory (redis with --redis-url)',
    kind: 'string',
    description: 'Response cache: off, memory (this process) or redis (shared by the replicas).',
  },
  {
    flag: 'cache-ttl',
    env: 'GATEWAY_CACHE_TTL',
    default: Object.entries(DEFAULT_CACHE_TTLS)
      .map(([type, seconds]) => `${type}=${seconds}`)
      .join(','),
    kind: 'string',
    description:
      'Seconds a cached response may be served, by GraphQL type (the shortest in a response wins); items override the defaults.',
  },
  {
    flag: 'cache-max-entries',
    env: 'GATEWAY_CACHE_MAX_ENTRIES',
    default: '10000',
    kind: 'string',
    description: 'Most responses the memory cache holds (least recently used evicted first).',
  },
  {
    flag: 'cache-max-bytes',
    env: 'GATEWAY_CACHE_MAX_BYTES',
    default: '64mb',
    kind: 'string',
    description: 'Most bytes of JSON the memory cache holds: bytes, or with a kb/mb suffix.',
  },
  {
    flag: 'cache-key-secret',
    env: 'GATEWAY_CACHE_KEY_SECRET',
    default: '(random per process; with Redis, shared through Redis)',
    kind: 'string',
    description:
      'At least 32 characters: the HMAC key turning credentials into cache identities. Set the same value on every replica.',
  },
  {
    flag: 'poll-interval',
    env: 'GATEWAY_POLL_INTERVAL',
    default: '5s',
    kind: 'string',
    description:
      'How often a job poller asks DCI what changed, for live subscriptions: 5s, 500ms (100ms to 1h).',
  },
  {
    flag: 'max-subscriptions-per-identity',
    env: 'GATEWAY_MAX_SUBSCRIPTIONS_PER_IDENTITY',
    default: '100',
    kind: 'string',
    description:
      'Most live subscriptions one DCI identity may hold on one replica (SUBSCRIPTION_LIMIT_EXCEEDED).',
  },
  {
    flag: 'max-subscriptions',
    env: 'GATEWAY_MAX_SUBSCRIPTIONS',
    default: '10000',
    kind: 'string',
    description: 'Most live subscriptions one replica serves (SUBSCRIPTION_LIMIT_EXCEEDED).',
  },
];

/** The `--help` text: usage, every option with its variable and default, the modes. */
export function helpText(): string {
  const rows = OPTIONS.map((o) => {
    const flag = `--${o.flag}${o.kind === 'string' ? ' VALUE' : ''}`;
    const env = o.env ? `  [${o.env}]` : '';
    const def = o.default ? `  (default: ${o.default})` : '';
    return `  ${flag}${env}${def}\n      ${o.description}`;
  });
  return [
    'dci-graphql: a GraphQL gateway over the DCI REST API',
    '',
    'Usage: node dist/main.js [options]    (or: npm start -- [options], npx tsx src/main.ts [options])',
    '',
    'Options (a flag wins over its environment variable):',
    ...rows,
    '',
    'DCI credentials (environment or --dcirc file), used only with --service-credentials:',
    '  DCI_CLIENT_ID + DCI_API_SECRET   a remoteci or feeder (HMAC-signed requests)',
    '  DCI_LOGIN + DCI_PASSWORD         a user (Basic)',
    '  DCI_TOKEN                        an SSO access token (Bearer)',
    '',
    'Credential modes:',
    '  per-request (default)  each request sends Authorization (Basic/Bearer) or',
    '                         X-Dci-Client-Id + X-Dci-Api-Secret; X-Dci-Team-Id is forwarded',
    '  service                requests without credentials use the service credentials, read-only',
    '                         unless --service-mutations',
    '  demo                   nothing configured: the bundled DCI emulator with sample data',
    '',
    'Endpoints: /graphql (GraphQL, GraphiQL in a browser), /dashboard/, /health, /ready, /metrics',
  ].join('\n');
}

const FLAG_NAMES = new Map(OPTIONS.map((o) => [o.flag, o]));

/**
 * Reads and validates the configuration. `argv` is the argument list after the script
 * (`process.argv.slice(2)`); `env` the environment; `readFile` reads the `--dcirc` file.
 * Throws {@link ConfigError} (or a CredentialsError for DCI credential variables).
 */
export function loadConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  readFile?: ReadFile,
): GatewayConfig {
  const flags = parseFlags(argv);
  const value = (flag: string): { raw: string; source: string } | undefined => {
    const spec = FLAG_NAMES.get(flag)!;
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) return { raw: String(fromFlag), source: `--${flag}` };
    if (spec.env) {
      const fromEnv = env[spec.env];
      if (fromEnv !== undefined && fromEnv.trim() !== '') {
        return { raw: fromEnv.trim(), source: spec.env };
      }
    }
    return undefined;
  };
  const str = (flag: string): string => value(flag)?.raw ?? FLAG_NAMES.get(flag)!.default;
  const int = (flag: string, min: number, max: number): number =>
    parseInteger(
      value(flag) ?? { raw: FLAG_NAMES.get(flag)!.default, source: `--${flag}` },
      min,
      max,
    );
  const bool = (flag: string): boolean =>
    parseBoolean(value(flag) ?? { raw: FLAG_NAMES.get(flag)!.default, source: `--${flag}` });

  const help = flags['help'] === true;

  const host = str('host');
  if (!/^[A-Za-z0-9.:-]+$/.test(host) && host !== '::') {
    throw new ConfigError(value('host')?.source ?? '--host', 'must be a host name or IP address');
  }
  const port = int('port', 0, 65535);
  const graphqlEndpoint = str('graphql-endpoint');
  if (
    !/^\/[A-Za-z0-9._~/-]*$/.test(graphqlEndpoint) ||
    /^\/(health|ready|metrics|dashboard(\/.*)?)$/.test(graphqlEndpoint)
  ) {
    throw new ConfigError(
      value('graphql-endpoint')?.source ?? '--graphql-endpoint',
      'must be a path such as /graphql, other than /health, /ready, /metrics and /dashboard',
    );
  }

  // DCI settings: environment first, then the dcirc file; --dci-url wins over both.
  const dcircPath = value('dcirc');
  let dcircText: string | undefined;
  if (dcircPath) {
    if (!readFile) throw new ConfigError(dcircPath.source, 'cannot be read here');
    try {
      dcircText = readFile(dcircPath.raw);
    } catch {
      throw new ConfigError(dcircPath.source, 'names a file that cannot be read');
    }
  }
  const dciEnv = { ...env };
  const urlFlag = flags['dci-url'];
  if (typeof urlFlag === 'string') dciEnv['DCI_CS_URL'] = urlFlag;
  let settings: ReturnType<typeof loadDciSettings>;
  try {
    settings = loadDciSettings(dciEnv, dcircText);
  } catch (error) {
    if (error instanceof CredentialsError) {
      const name =
        error.variable === 'DCI_CS_URL' && typeof urlFlag === 'string'
          ? '--dci-url'
          : error.variable;
      throw new ConfigError(name, error.reason);
    }
    throw error;
  }
  const urlConfigured =
    (dciEnv['DCI_CS_URL'] ?? '').trim() !== '' ||
    (dcircText !== undefined && /^\s*(export\s+)?DCI_CS_URL=\S/m.test(dcircText));
  if (urlConfigured) normalizeDciUrl(settings.url);

  const serviceCredentials = bool('service-credentials');
  const serviceMutations = bool('service-mutations');
  const demoSetting = str('demo').toLowerCase();
  if (!['auto', 'true', 'false', '1', '0', 'yes', 'no'].includes(demoSetting)) {
    throw new ConfigError(value('demo')?.source ?? '--demo', 'must be auto, true or false');
  }
  const warnings: string[] = [];
  let mode: CredentialMode;
  const nothingConfigured = !urlConfigured && settings.auth === null && !serviceCredentials;
  if (['true', '1', 'yes'].includes(demoSetting)) {
    if (urlConfigured) {
      throw new ConfigError(value('demo')!.source, 'cannot be combined with DCI_CS_URL/--dci-url');
    }
    mode = 'demo';
  } else if (demoSetting === 'auto' && nothingConfigured) {
    mode = 'demo';
  } else if (serviceCredentials) {
    if (settings.auth === null) {
      throw new ConfigError(
        value('service-credentials')!.source,
        'is true but no DCI credentials are set (DCI_CLIENT_ID/DCI_API_SECRET, DCI_LOGIN/DCI_PASSWORD or DCI_TOKEN)',
      );
    }
    mode = 'service';
  } else {
    mode = 'per-request';
    if (settings.auth !== null) {
      warnings.push(
        `DCI credentials (${describeAuth(settings.auth)}) are set but GATEWAY_SERVICE_CREDENTIALS is not true: they are ignored and every request must bring its own`,
      );
    }
  }
  if (serviceMutations && mode === 'per-request') {
    warnings.push('GATEWAY_SERVICE_MUTATIONS has no effect without service credentials');
  }

  const corsRaw = value('cors-origins')?.raw ?? '';
  const corsOrigins = parseOrigins(corsRaw, value('cors-origins')?.source ?? '--cors-origins');

  const logLevel = str('log-level').toLowerCase();
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      value('log-level')?.source ?? '--log-level',
      'must be debug, info, warn, error or silent',
    );
  }

  const trustedPath = value('trusted-documents');
  let trustedDocuments: Map<string, string> | null = null;
  if (trustedPath) {
    if (!readFile) throw new ConfigError(trustedPath.source, 'cannot be read here');
    let text: string;
    try {
      text = readFile(trustedPath.raw);
    } catch {
      throw new ConfigError(trustedPath.source, 'names a file that cannot be read');
    }
    try {
      trustedDocuments = parseManifest(text);
    } catch (error) {
      throw new ConfigError(
        trustedPath.source,
        `names a manifest that ${(error as Error).message}`,
      );
    }
  }

  const production =
    flags['production'] === true || (env['NODE_ENV'] ?? '').trim() === 'production';

  const redisUrl = value('redis-url');
  if (redisUrl && !validRedisUrl(redisUrl.raw)) {
    throw new ConfigError(redisUrl.source, 'must be a redis:// or rediss:// URL');
  }
  const cache = cacheSettings(value, redisUrl !== undefined);

  return {
    help,
    host,
    port,
    graphqlEndpoint,
    mode,
    dciUrl: mode === 'demo' ? null : settings.url,
    serviceAuth: mode === 'service' ? settings.auth : null,
    serviceMutations,
    corsOrigins,
    limits: {
      maxDepth: int('max-depth', 1, 1000),
      maxAliases: int('max-aliases', 0, 10_000),
      maxTokens: int('max-tokens', 10, 1_000_000),
      maxCost: int('max-cost', 1, 100_000_000),
      maxFirst: int('max-first', 1, 200),
      upstreamBudget: int('upstream-budget', 1, 1_000_000),
      bodyLimitBytes: parseSize(value('body-limit') ?? { raw: '100kb', source: '--body-limit' }),
      maxInputDepth: int('max-input-depth', 1, 1000),
    },
    logLevel: logLevel as LogLevel,
    production,
    shutdownGraceMs: int('shutdown-grace-ms', 0, 600_000),
    operationDeadlineMs: int('operation-deadline-ms', 100, 600_000),
    readyTimeoutMs: int('ready-timeout-ms', 50, 60_000),
    graphiql: bool('graphiql'),
    batching: bool('batching'),
    redisUrl: redisUrl?.raw ?? null,
    cache,
    dashboard: bool('dashboard'),
    trustedDocuments,
    live: {
      pollIntervalMs: parseDuration(
        value('poll-interval') ?? { raw: '5s', source: '--poll-interval' },
        100,
        3_600_000,
      ),
      maxSubscriptionsPerIdentity: int('max-subscriptions-per-identity', 1, 100_000),
      maxSubscriptions: int('max-subscriptions', 1, 1_000_000),
    },
    warnings,
  };
}

type ValueOf = (flag: string) => { raw: string; source: string } | undefined;

function cacheSettings(value: ValueOf, haveRedis: boolean): CacheSettings {
  const modeValue = value('cache');
  const mode = (modeValue?.raw.toLowerCase() ?? (haveRedis ? 'redis' : 'memory')) as CacheMode;
  if (!['off', 'memory', 'redis'].includes(mode)) {
    throw new ConfigError(modeValue!.source, 'must be off, memory or redis');
  }
  if (mode === 'redis' && !haveRedis) {
    throw new ConfigError(
      modeValue!.source,
      'is redis but GATEWAY_REDIS_URL/--redis-url is not set',
    );
  }
  const ttlValue = value('cache-ttl');
  let ttls = DEFAULT_CACHE_TTLS;
  if (ttlValue) {
    try {
      ttls = parseCacheTtls(ttlValue.raw);
    } catch (error) {
      throw new ConfigError(ttlValue.source, (error as Error).message);
    }
  }
  const entries = value('cache-max-entries') ?? { raw: '10000', source: '--cache-max-entries' };
  const bytes = value('cache-max-bytes') ?? { raw: '64mb', source: '--cache-max-bytes' };
  const secret = value('cache-key-secret');
  if (secret && secret.raw.length < 32) {
    // The message never repeats the value: it is a secret.
    throw new ConfigError(secret.source, 'must be at least 32 characters long');
  }
  return {
    mode,
    ttls,
    maxEntries: parseInteger(entries, 1, 10_000_000),
    maxBytes: parseSize(bytes, { min: 1024, max: 16 * 1024 * 1024 * 1024 }),
    keySecret: secret?.raw ?? null,
  };
}

function validRedisUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A Redis URL with its password replaced, for logs. */
export function redactRedisUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(invalid)';
  }
}

/** One line per configuration fact for the startup log; never a secret. */
export function describeConfig(config: GatewayConfig): Record<string, unknown> {
  return {
    mode: config.mode,
    dciUrl: config.dciUrl,
    serviceIdentity: config.serviceAuth ? describeAuth(config.serviceAuth) : null,
    serviceMutations: config.serviceMutations,
    host: config.host,
    port: config.port,
    graphqlEndpoint: config.graphqlEndpoint,
    corsOrigins: config.corsOrigins,
    limits: config.limits,
    operationDeadlineMs: config.operationDeadlineMs,
    shutdownGraceMs: config.shutdownGraceMs,
    production: config.production,
    logLevel: config.logLevel,
    redisUrl: config.redisUrl === null ? null : redactRedisUrl(config.redisUrl),
    cache: {
      mode: config.cache.mode,
      ttls: config.cache.ttls,
      maxEntries: config.cache.maxEntries,
      maxBytes: config.cache.maxBytes,
      keySecret: config.cache.keySecret === null ? 'derived' : 'configured',
    },
    trustedDocuments: config.trustedDocuments ? config.trustedDocuments.size : null,
    live: config.live,
  };
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const o of OPTIONS) {
    // Boolean settings also accept a value (`--graphiql false`) through their string form.
    options[o.flag] = o.kind === 'boolean' ? { type: 'boolean' } : { type: 'string' };
  }
  options['help'] = { type: 'boolean', short: 'h' };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: false,
      strict: true,
    });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs messages name the flag ("Unknown option '--prot'"); they hold no values.
    throw new ConfigError('command line:', `${message.split('\n')[0]} (see --help)`);
  }
}

function parseInteger(v: { raw: string; source: string }, min: number, max: number): number {
  if (!/^\d+$/.test(v.raw))
    throw new ConfigError(v.source, `must be a whole number, got "${clip(v.raw)}"`);
  const n = Number(v.raw);
  if (n < min || n > max)
    throw new ConfigError(v.source, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parseBoolean(v: { raw: string; source: string }): boolean {
  const s = v.raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw new ConfigError(v.source, `must be true or false, got "${clip(v.raw)}"`);
}

function parseSize(
  v: { raw: string; source: string },
  range: { min: number; max: number } = { min: 1024, max: 64 * 1024 * 1024 },
): number {
  const m = /^(\d+)\s*(b|kb|k|mb|m)?$/i.exec(v.raw);
  if (!m)
    throw new ConfigError(
      v.source,
      `must be a size such as 102400, 100kb or 1mb, got "${clip(v.raw)}"`,
    );
  const unit = (m[2] ?? 'b').toLowerCase();
  const bytes =
    Number(m[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
  if (bytes < range.min || bytes > range.max) {
    throw new ConfigError(v.source, `must be between ${range.min} and ${range.max} bytes`);
  }
  return bytes;
}

function parseOrigins(raw: string, source: string): string[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.includes('*')) {
    if (items.length > 1) throw new ConfigError(source, 'must be * alone or a list of origins');
    return ['*'];
  }
  for (const item of items) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== item.replace(/\/$/, '')
    ) {
      throw new ConfigError(
        source,
        `must list origins such as https://dashboard.example.com, got "${clip(item)}"`,
      );
    }
  }
  return items.map((s) => s.replace(/\/$/, ''));
}

/** `250ms`, `5s`, `1m`; a bare number is seconds. */
function parseDuration(v: { raw: string; source: string }, minMs: number, maxMs: number): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(v.raw);
  if (!m) {
    throw new ConfigError(v.source, `must be a duration such as 5s or 500ms, got "${clip(v.raw)}"`);
  }
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000));
  if (ms < minMs || ms > maxMs) {
    throw new ConfigError(v.source, `must be between ${minMs} ms and ${maxMs / 1000} s`);
  }
  return ms;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

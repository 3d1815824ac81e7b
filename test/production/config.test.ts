import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, helpText, loadConfig, OPTIONS } from '../../src/config.js';

const SECRET = 'Zq3YbG7tR1vN8xK2mP5sW9dF4hJ6lC0aE3uI7oQ1yT5rB8nM2kV4gX6zD9wS0pL3';
const REMOTECI = 'remoteci/1d5f8a64-3b2c-4f3e-9a7d-2c6b0e9f4a11';

/** The error loadConfig throws, for assertions on its message. */
function failure(argv: string[], env: Record<string, string> = {}): Error {
  try {
    loadConfig(argv, env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('defaults', () => {
  it('runs the demo when nothing is configured', () => {
    const c = loadConfig([], {});
    expect(c).toMatchObject({
      help: false,
      host: '127.0.0.1',
      port: 4000,
      graphqlEndpoint: '/graphql',
      mode: 'demo',
      dciUrl: null,
      serviceAuth: null,
      serviceMutations: false,
      corsOrigins: [],
      logLevel: 'info',
      production: false,
      shutdownGraceMs: 10000,
      graphiql: true,
      batching: true,
    });
    expect(c.limits).toEqual({
      maxDepth: 12,
      maxAliases: 20,
      maxTokens: 5000,
      maxCost: 50000,
      maxFirst: 200,
      upstreamBudget: 200,
      bodyLimitBytes: 102400,
      maxInputDepth: 32,
    });
  });

  it('lets GATEWAY_DEMO force or forbid the demo', () => {
    expect(loadConfig([], { GATEWAY_DEMO: 'false' })).toMatchObject({
      mode: 'per-request',
      dciUrl: 'https://api.distributed-ci.io',
    });
    expect(
      loadConfig(['--demo', 'true'], { DCI_CLIENT_ID: REMOTECI, DCI_API_SECRET: SECRET }).mode,
    ).toBe('demo');
    expect(failure(['--demo', 'true'], { DCI_CS_URL: 'https://dci.example' }).message).toContain(
      '--demo',
    );
  });

  it('uses per-request credentials once a DCI URL is configured', () => {
    const c = loadConfig([], { DCI_CS_URL: 'https://api.distributed-ci.io/api/v1/' });
    expect(c.mode).toBe('per-request');
    expect(c.dciUrl).toBe('https://api.distributed-ci.io');
    expect(c.serviceAuth).toBeNull();
  });

  it('ignores DCI credentials, with a warning, unless service credentials are enabled', () => {
    const c = loadConfig([], { DCI_CLIENT_ID: REMOTECI, DCI_API_SECRET: SECRET });
    expect(c.mode).toBe('per-request');
    expect(c.serviceAuth).toBeNull();
    expect(c.warnings.join('\n')).toContain('GATEWAY_SERVICE_CREDENTIALS');
    expect(c.warnings.join('\n')).not.toContain(SECRET);
  });

  it('uses service credentials when enabled, read-only by default', () => {
    const c = loadConfig([], {
      DCI_CLIENT_ID: REMOTECI,
      DCI_API_SECRET: SECRET,
      GATEWAY_SERVICE_CREDENTIALS: 'true',
    });
    expect(c.mode).toBe('service');
    expect(c.serviceAuth).toEqual({ kind: 'hmac', accessKey: REMOTECI, secret: SECRET });
    expect(c.serviceMutations).toBe(false);
    expect(c.dciUrl).toBe('https://api.distributed-ci.io');
  });

  it('reads the service credentials from --dcirc, the environment winning', () => {
    const file = `export DCI_CLIENT_ID='${REMOTECI}'\nexport DCI_API_SECRET='${SECRET}'\nexport DCI_CS_URL='https://dci.example.com'\n`;
    const c = loadConfig(['--dcirc', '/etc/dcirc.sh', '--service-credentials'], {}, (path) => {
      expect(path).toBe('/etc/dcirc.sh');
      return file;
    });
    expect(c.mode).toBe('service');
    expect(c.dciUrl).toBe('https://dci.example.com');
    const env = loadConfig(['--dcirc', 'x'], { DCI_CS_URL: 'https://other.example' }, () => file);
    expect(env.dciUrl).toBe('https://other.example');
  });

  it('lets flags win over the environment', () => {
    const c = loadConfig(['--port', '8080', '--max-first', '50'], {
      GATEWAY_PORT: '9090',
      GATEWAY_MAX_FIRST: '10',
    });
    expect(c.port).toBe(8080);
    expect(c.limits.maxFirst).toBe(50);
  });

  it('reads every limit and setting from the environment', () => {
    const c = loadConfig([], {
      DCI_CS_URL: 'http://127.0.0.1:5000',
      GATEWAY_HOST: '0.0.0.0',
      GATEWAY_MAX_DEPTH: '8',
      GATEWAY_MAX_ALIASES: '5',
      GATEWAY_MAX_TOKENS: '900',
      GATEWAY_MAX_COST: '1000',
      GATEWAY_UPSTREAM_BUDGET: '30',
      GATEWAY_BODY_LIMIT: '1mb',
      GATEWAY_MAX_INPUT_DEPTH: '6',
      GATEWAY_CORS_ORIGINS: 'https://a.example, https://b.example',
      GATEWAY_LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      GATEWAY_SHUTDOWN_GRACE_MS: '2500',
      GATEWAY_GRAPHIQL: 'false',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      corsOrigins: ['https://a.example', 'https://b.example'],
      logLevel: 'debug',
      production: true,
      shutdownGraceMs: 2500,
      graphiql: false,
      limits: {
        maxDepth: 8,
        maxAliases: 5,
        maxTokens: 900,
        maxCost: 1000,
        upstreamBudget: 30,
        bodyLimitBytes: 1048576,
        maxInputDepth: 6,
      },
    });
  });
});

describe('validation', () => {
  it.each([
    [['--port', '70000'], {}, '--port'],
    [[], { GATEWAY_PORT: 'eighty' }, 'GATEWAY_PORT'],
    [[], { GATEWAY_MAX_FIRST: '500' }, 'GATEWAY_MAX_FIRST'],
    [[], { GATEWAY_BODY_LIMIT: 'lots' }, 'GATEWAY_BODY_LIMIT'],
    [[], { GATEWAY_LOG_LEVEL: 'chatty' }, 'GATEWAY_LOG_LEVEL'],
    [[], { GATEWAY_CORS_ORIGINS: 'dash.example' }, 'GATEWAY_CORS_ORIGINS'],
    [[], { GATEWAY_SERVICE_CREDENTIALS: 'maybe' }, 'GATEWAY_SERVICE_CREDENTIALS'],
    [[], { GATEWAY_SERVICE_CREDENTIALS: 'true' }, 'GATEWAY_SERVICE_CREDENTIALS'],
    [[], { DCI_CS_URL: 'ftp://dci' }, 'DCI_CS_URL'],
    [['--prot', '1'], {}, 'command line'],
    [['--graphql-endpoint', '/health'], {}, '--graphql-endpoint'],
  ] as [string[], Record<string, string>, string][])(
    'rejects %j %j naming %s',
    (argv, env, option) => {
      const error = failure(argv, env);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(option);
    },
  );

  it('names a bad credential variable without echoing its value', () => {
    const error = failure([], { DCI_CLIENT_ID: 'user/admin', DCI_API_SECRET: SECRET });
    expect(error.message).toContain('DCI_CLIENT_ID');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('user/admin');
    const half = failure([], { DCI_API_SECRET: SECRET });
    expect(half.message).toContain('DCI_CLIENT_ID');
    expect(half.message).not.toContain(SECRET);
  });

  it('refuses a dcirc file it cannot read', () => {
    const error = (() => {
      try {
        loadConfig(['--dcirc', '/nope'], {}, () => {
          throw new Error('ENOENT');
        });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toContain('--dcirc');
  });
});

describe('--help', () => {
  it('is recognised', () => {
    expect(loadConfig(['--help'], {}).help).toBe(true);
    expect(loadConfig(['-h'], {}).help).toBe(true);
  });

  it('lists every option with its variable and default', () => {
    const text = helpText();
    for (const o of OPTIONS) {
      expect(text).toContain(`--${o.flag}`);
      if (o.env) expect(text).toContain(o.env);
      if (o.default) expect(text).toContain(o.default);
    }
    for (const v of ['DCI_CLIENT_ID', 'DCI_API_SECRET', 'DCI_LOGIN', 'DCI_PASSWORD', 'DCI_TOKEN']) {
      expect(text).toContain(v);
    }
  });
});

describe('response cache and Redis', () => {
  it('caches in memory by default, in Redis once a Redis URL is given', () => {
    const c = loadConfig([], {});
    expect(c.redisUrl).toBeNull();
    expect(c.cache).toMatchObject({ mode: 'memory', maxEntries: 10000, keySecret: null });
    expect(c.cache.maxBytes).toBe(64 * 1024 * 1024);
    expect(c.cache.ttls).toMatchObject({ Topic: 300, Component: 60, Job: 10, JobState: 10 });
    const r = loadConfig([], { GATEWAY_REDIS_URL: 'redis://127.0.0.1:6379/0' });
    expect(r.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(r.cache.mode).toBe('redis');
    expect(loadConfig(['--redis-url', 'redis://h:1', '--cache', 'memory'], {}).cache.mode).toBe(
      'memory',
    );
  });

  it('reads TTL overrides per type over the defaults', () => {
    const c = loadConfig(['--cache-ttl', 'Job=2, Topic=600'], {});
    expect(c.cache.ttls).toMatchObject({ Job: 2, Topic: 600, Component: 60 });
    expect(failure(['--cache-ttl', 'Job=abc']).message).toContain('--cache-ttl');
  });

  it('refuses a bad cache mode, a Redis cache without Redis and a bad Redis URL', () => {
    expect(failure(['--cache', 'disk']).message).toContain('--cache');
    expect(failure([], { GATEWAY_CACHE: 'redis' }).message).toContain('GATEWAY_REDIS_URL');
    expect(failure(['--redis-url', 'http://x']).message).toContain('--redis-url');
  });

  it('refuses a short cache key secret without repeating it, and never describes it', () => {
    const error = failure([], { GATEWAY_CACHE_KEY_SECRET: 'tooShortSecretValue' });
    expect(error.message).toContain('GATEWAY_CACHE_KEY_SECRET');
    expect(error.message).not.toContain('tooShortSecretValue');
    const secret = 'k'.repeat(40);
    const c = loadConfig([], {
      GATEWAY_CACHE_KEY_SECRET: secret,
      GATEWAY_REDIS_URL: 'redis://:hunter2pass@127.0.0.1:6379',
    });
    expect(c.cache.keySecret).toBe(secret);
    const described = JSON.stringify(describeConfig(c));
    expect(described).not.toContain(secret);
    expect(described).not.toContain('hunter2pass');
  });
});

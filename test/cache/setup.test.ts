import { describe, expect, it } from 'vitest';
import { cacheIdentity } from '../../src/cache/identity.js';
import { responseCacheFrom } from '../../src/cache/setup.js';
import { loadConfig } from '../../src/config.js';
import { createMetrics } from '../../src/observability/metrics.js';

const SECRET = 's'.repeat(40);
const metrics = createMetrics();
const alice = {
  auth: { kind: 'basic' as const, login: 'alice', password: 'right' },
  teamId: undefined,
  service: false,
};

describe('the cache built from the configuration', () => {
  it('is absent with --cache off', async () => {
    const config = loadConfig(['--cache', 'off'], {});
    expect(await responseCacheFrom(config.cache, { redis: null, metrics })).toBeUndefined();
  });

  it('gives replicas configured with the same secret the same identities', async () => {
    const config = loadConfig([], { GATEWAY_CACHE_KEY_SECRET: SECRET });
    const one = await responseCacheFrom(config.cache, { redis: null, metrics });
    const two = await responseCacheFrom(config.cache, { redis: null, metrics });
    expect(cacheIdentity(alice, one!.identityKey)).toBe(cacheIdentity(alice, two!.identityKey));
    // ...and processes without one, different identities (a random key each).
    const bare = loadConfig([], {});
    const three = await responseCacheFrom(bare.cache, { redis: null, metrics });
    expect(cacheIdentity(alice, three!.identityKey)).not.toBe(
      cacheIdentity(alice, one!.identityKey),
    );
  });

  it('derives identities that differ by password, team and service, and hold no credential', () => {
    const key = Buffer.alloc(32, 3);
    const base = cacheIdentity(alice, key)!;
    expect(base).not.toContain('right');
    expect(base).not.toContain('alice');
    const variants = [
      { ...alice, auth: { ...alice.auth, password: 'wrong' } },
      { ...alice, teamId: '1d5f8a64-3b2c-4f3e-9a7d-2c6b0e9f4a11' },
      { ...alice, service: true },
      { ...alice, auth: { kind: 'bearer' as const, token: 'alice:right' } },
    ];
    for (const v of variants) expect(cacheIdentity(v, key)).not.toBe(base);
    expect(cacheIdentity({ auth: null, teamId: undefined, service: false }, key)).toBeNull();
  });
});

/**
 * Gateways with a response cache over the harness's emulator, and raw requests that keep the
 * HTTP response (headers, status) for the cache tests.
 */
import type { ResponseCacheOptions } from '../../src/cache/plugin.js';
import { createMemoryStore, type ResponseStore } from '../../src/cache/store.js';
import { DEFAULT_CACHE_TTLS } from '../../src/cache/ttl.js';
import type { Gateway } from '../../src/server.js';
import {
  credentialHeaders,
  type GraphQLResult,
  type Harness,
  type IdentityName,
} from '../graphql/harness.js';

/** A fixed identity key: two gateways built with it share cache identities. */
export const IDENTITY_KEY = Buffer.alloc(32, 7);

/** A controllable clock (epoch ms). */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Cache options over a fresh memory store (or the store given). */
export function cacheOptions(
  overrides: Partial<ResponseCacheOptions> & { maxEntries?: number; maxBytes?: number } = {},
): ResponseCacheOptions {
  const { maxEntries = 1000, maxBytes = 16 * 1024 * 1024, ...rest } = overrides;
  const store: ResponseStore =
    rest.store ??
    createMemoryStore({ maxEntries, maxBytes, ...(rest.now ? { now: rest.now } : {}) });
  return { store, identityKey: IDENTITY_KEY, ttls: DEFAULT_CACHE_TTLS, ...rest };
}

/** A POST to the gateway as an identity (or raw headers); the Response itself. */
export function post(
  h: Harness,
  gateway: Gateway,
  as: IdentityName | Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers =
    typeof as === 'string' ? credentialHeaders(h.emulator.fixtures.identities[as].auth) : as;
  return Promise.resolve(
    gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...extra },
      body: JSON.stringify({ query, variables }),
    }),
  );
}

/** A POST's parsed body. */
export async function ask<T = Record<string, unknown>>(
  h: Harness,
  gateway: Gateway,
  as: IdentityName | Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult<T>> {
  return (await (await post(h, gateway, as, query, variables)).json()) as GraphQLResult<T>;
}

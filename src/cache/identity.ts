/**
 * The cache identity of a request: who DCI will see, as an HMAC of the whole credential
 * material. Two requests share cached answers only when they present exactly the same
 * credentials (same login *and* password, same token, same remote CI secret) and the same team
 * scope (`X-Dci-Team-Id`). A wrong password therefore never rides on a right one's entry,
 * and no credential can be read back from a key: the HMAC key is per deployment and the
 * material is never stored.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { credentialMaterial, type DciAuth } from '../dci/credentials.js';

/** What a request authenticates as, as src/auth.ts resolved it. */
export interface CacheIdentitySource {
  /** The credentials DCI sees; null for anonymous requests (never cached). */
  auth: DciAuth | null;
  /** The team the request scopes itself to. */
  teamId: string | undefined;
  /** Whether the service credentials stood in for the caller's. */
  service: boolean;
}

/**
 * The cache identity of `source` under `key`, or null for an anonymous request. The result
 * is a base64url HMAC-SHA256: safe to put in keys and logs, useless without the key.
 */
export function cacheIdentity(source: CacheIdentitySource, key: Buffer): string | null {
  if (!source.auth) return null;
  // JSON keeps field boundaries unambiguous ("a:b" + "c" differs from "a" + "b:c").
  const canonical = JSON.stringify([
    ...credentialMaterial(source.auth),
    source.teamId ?? '',
    source.service ? 'service' : 'caller',
  ]);
  return createHmac('sha256', key).update(canonical).digest('base64url');
}

/** A fresh random key (memory mode, or the first replica seeding Redis). */
export function randomCacheKey(): Buffer {
  return randomBytes(32);
}

/** The key from a configured secret (`--cache-key-secret`): the same on every replica. */
export function cacheKeyFromSecret(secret: string): Buffer {
  return createHmac('sha256', 'dci-graphql cache identity').update(secret).digest();
}

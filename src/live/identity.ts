/**
 * The DCI identity a request acts as, as a keyed hash: what names pollers, leases and channels.
 * It is computed from the resolved credentials (the caller's, or the service's standing in for
 * them) and the team scope, never from a raw header alone, and never shows a secret: only an
 * HMAC-SHA256 under a key the gateway holds, so that a channel name in Redis cannot be brute
 * forced back into a password without the key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { credentialMaterial, type DciAuth } from '../dci/credentials.js';

/** A key for {@link identityHash}: random per process, or shared by replicas through Redis. */
export function newIdentityKey(): Buffer {
  return randomBytes(32);
}

/**
 * The hash of (credentials, team scope) under `key`. Two requests get the same hash exactly
 * when DCI would see the same identity with the same scope.
 */
export function identityHash(auth: DciAuth, teamId: string | undefined, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([...credentialMaterial(auth), teamId ?? '']))
    .digest('hex')
    .slice(0, 32);
}

/** The small part of a Redis client the shared key needs. */
export interface KeyStore {
  set(key: string, value: string, nx: 'NX'): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

/** Where replicas agree on the identity key: set once by the first replica, read by the rest. */
export const IDENTITY_KEY_NAME = 'dci-graphql:identity-key';

/**
 * The identity key every replica sharing this Redis uses: the first one to ask stores a random
 * key (SET NX), the others read it, so their hashes (and so their channels and leases) agree.
 */
export async function sharedIdentityKey(redis: KeyStore): Promise<Buffer> {
  await redis.set(IDENTITY_KEY_NAME, randomBytes(32).toString('hex'), 'NX');
  const stored = await redis.get(IDENTITY_KEY_NAME);
  if (!stored || !/^[0-9a-f]{64}$/.test(stored)) {
    throw new Error(`Redis key ${IDENTITY_KEY_NAME} does not hold a 32-byte hex key`);
  }
  return Buffer.from(stored, 'hex');
}

/**
 * Persisted documents: a trusted-documents gateway runs only its manifest's hashes and refuses
 * anything else before any DCI request (the emulator's request log stays empty); without the
 * flag, automatic persisted queries work (hash first, document on a miss) and the bundled
 * client's documents are known from the start.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { documentSha256, loadManifest, parseManifest } from '../../src/plugins/persisted.js';
import type { Gateway } from '../../src/server.js';
import { credentialHeaders, type GraphQLResult, type Harness, startHarness } from './harness.js';

const MANIFEST_PATH = new URL(
  '../../client/__generated__/persisted-documents.json',
  import.meta.url,
);
const manifest = loadManifest(MANIFEST_PATH);
const hashOf = (name: string) =>
  [...manifest].find(([, text]) => text.includes(`query ${name}`))![0];

let h: Harness;
let trusted: Gateway;
beforeAll(async () => {
  h = await startHarness();
  trusted = h.gatewayWith({ persistedDocuments: { trusted: manifest } });
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

async function post(
  gateway: Gateway,
  body: Record<string, unknown>,
): Promise<GraphQLResult & { status: number }> {
  const response = await gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...credentialHeaders(h.emulator.fixtures.identities.partnerRemoteci.auth),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResult) };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('trusted documents', () => {
  it('serves a manifest hash', async () => {
    const result = await post(trusted, { extensions: persisted(hashOf('WhoAmI')) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ identity: { teams: [{ name: expect.any(String) }] } });
    expect(h.emulator.log.count()).toBeGreaterThan(0);
  });

  it('accepts the manifest key with its sha256: prefix and as documentId', async () => {
    const hash = hashOf('WhoAmI');
    const prefixed = await post(trusted, { extensions: persisted(`sha256:${hash}`) });
    expect(prefixed.errors).toBeUndefined();
    const byId = await post(trusted, { documentId: `sha256:${hash}` });
    expect(byId.errors).toBeUndefined();
  });

  it('refuses an ad-hoc query before any DCI request', async () => {
    const result = await post(trusted, { query: '{ jobs(first: 5) { nodes { id } } }' });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // The very text of a trusted document is refused too: only hashes name documents.
    const sameText = await post(trusted, { query: manifest.get(hashOf('WhoAmI')) });
    expect(sameText.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(h.emulator.log.count()).toBe(0);
  });

  it('refuses an unknown hash before any DCI request', async () => {
    const result = await post(trusted, {
      extensions: persisted(documentSha256('{ jobs { nodes { id } } }')),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
    expect(h.emulator.log.count()).toBe(0);
  });

  it('does not serve GraphiQL (its ad-hoc queries would be refused)', async () => {
    const page = await trusted.fetch('http://gateway/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await page.text()).not.toContain('<title>dci-graphql</title>');
    const open = await h.gateway.fetch('http://gateway/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await open.text()).toContain('<title>dci-graphql</title>');
  });
});

describe('automatic persisted queries (no flag)', () => {
  it('runs a hash on its own once the document was sent with it', async () => {
    const gateway = h.gatewayWith({});
    const query = '{ identity { name } }';
    const hash = documentSha256(query);
    const miss = await post(gateway, { extensions: persisted(hash) });
    expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(h.emulator.log.count()).toBe(0);
    const register = await post(gateway, { query, extensions: persisted(hash) });
    expect(register.errors).toBeUndefined();
    const hit = await post(gateway, { extensions: persisted(hash) });
    expect(hit.errors).toBeUndefined();
    expect(hit.data).toEqual(register.data);
  });

  it('refuses a hash that is not the document’s', async () => {
    const result = await post(h.gatewayWith({}), {
      query: '{ identity { name } }',
      extensions: persisted(documentSha256('{ version }')),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(h.emulator.log.count()).toBe(0);
  });

  it('knows the bundled client documents from the start, and still runs any query', async () => {
    const gateway = h.gatewayWith({});
    const known = await post(gateway, { extensions: persisted(hashOf('WhoAmI')) });
    expect(known.errors).toBeUndefined();
    const adHoc = await post(gateway, { query: '{ version }' });
    expect(adHoc.data).toEqual({ version: expect.any(String) });
  });
});

describe('--trusted-documents', () => {
  const read = (files: Record<string, string>) => (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT');
    return text;
  };
  it('loads a manifest file and refuses a bad one, naming the option', () => {
    const text = readFileSync(MANIFEST_PATH, 'utf8');
    const config = loadConfig(['--trusted-documents', 'm.json'], {}, read({ 'm.json': text }));
    expect(config.trustedDocuments?.size).toBe(manifest.size);
    const fromEnv = loadConfig(
      [],
      { GATEWAY_TRUSTED_DOCUMENTS: 'm.json' },
      read({ 'm.json': text }),
    );
    expect(fromEnv.trustedDocuments?.size).toBe(manifest.size);
    expect(() => loadConfig(['--trusted-documents', 'nope.json'], {}, read({}))).toThrow(
      /--trusted-documents names a file that cannot be read/,
    );
    const forged = JSON.stringify({ [`sha256:${documentSha256('{ a }')}`]: '{ b }' });
    expect(() =>
      loadConfig(['--trusted-documents', 'f.json'], {}, read({ 'f.json': forged })),
    ).toThrow(/not its document's SHA-256/);
    expect(loadConfig([], {}, read({})).trustedDocuments).toBeNull();
  });

  it('the committed manifest is what codegen printed for client/operations', () => {
    expect(() => parseManifest(readFileSync(MANIFEST_PATH, 'utf8'))).not.toThrow();
    expect(manifest.size).toBeGreaterThanOrEqual(12);
  });
});

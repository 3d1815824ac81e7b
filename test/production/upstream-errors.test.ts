/**
 * What DCI (or a proxy in front of it) answers never leaks into a response unscrubbed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DciAuth } from '../../src/dci/credentials.js';
import type { Emulator } from '../../src/emulator/index.js';
import {
  basicHeaders,
  buildGateway,
  hmacHeaders,
  type TestGateway,
  tinyEmulator,
} from './helpers.js';

let emulator: Emulator;
let gw: TestGateway;

beforeAll(async () => {
  emulator = await tinyEmulator();
  gw = buildGateway({ dciUrl: emulator.url, retry: { retries: 0 } }, { production: true });
});
afterEach(() => {
  emulator.faults.clear();
  emulator.setLatency(0);
});
afterAll(async () => {
  await emulator.close();
});

describe('upstream error text is redacted', () => {
  it('scrubs an echoed Basic Authorization header', async () => {
    const auth = emulator.fixtures.identities.partnerUser.auth as Extract<
      DciAuth,
      { kind: 'basic' }
    >;
    const headers = basicHeaders(auth);
    emulator.faults.add({ route: '/jobs', kind: 'echo', status: 400 });
    const res = await gw.query('{ jobs(first: 1) { nodes { id } } }', { headers });
    const error = res.body.errors![0]!;
    expect(error.extensions!['code']).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('[REDACTED]');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(headers.authorization!.split(' ')[1]);
    expect(text).not.toContain(auth.password);
  });

  it.each([
    ['a bare API secret', (secret: string) => `upstream rejected ${secret}`],
    ['an API secret header', (secret: string) => `bad header X-Dci-Api-Secret: ${secret}`],
    ['a proxy 502 quoting it', (secret: string) => `proxy error; client sent key=${secret}`],
  ])('scrubs %s echoed by DCI or a proxy', async (_name, echo) => {
    const auth = emulator.fixtures.identities.partnerRemoteci.auth as Extract<
      DciAuth,
      { kind: 'hmac' }
    >;
    for (const status of [400, 502]) {
      emulator.faults.clear();
      emulator.faults.add({ route: '/jobs', kind: 'echo', status, message: echo(auth.secret) });
      const res = await gw.query('{ jobs(first: 1) { nodes { id } } }', {
        headers: hmacHeaders(auth),
      });
      expect(res.body.errors).toHaveLength(1);
      expect(JSON.stringify(res.body)).not.toContain(auth.secret);
      expect(res.body.errors![0]!.message).toContain('[REDACTED]');
    }
  });
});

describe('streamed parts are scrubbed like single answers', () => {
  it('scrubs a bare API secret echoed into a deferred part', async () => {
    const auth = emulator.fixtures.identities.partnerRemoteci.auth as Extract<
      DciAuth,
      { kind: 'hmac' }
    >;
    emulator.faults.add({
      route: '/jobs',
      kind: 'echo',
      status: 400,
      message: `upstream rejected ${auth.secret}`,
    });
    const res = await gw.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        ...hmacHeaders(auth),
        'content-type': 'application/json',
        accept: 'multipart/mixed',
      },
      body: JSON.stringify({ query: '{ version ... @defer { jobs(first: 1) { nodes { id } } } }' }),
    });
    const text = await res.text();
    // The deferred part arrived, with its error, and without the secret.
    expect(text).toContain('"incremental"');
    expect(text).toContain('BAD_USER_INPUT');
    expect(text).not.toContain(auth.secret);
  });
});

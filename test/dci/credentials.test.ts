import { describe, expect, it } from 'vitest';
import {
  CredentialsError,
  DEFAULT_DCI_CS_URL,
  describeAuth,
  loadDciSettings,
  normalizeDciUrl,
  parseAccessKey,
  parseDcirc,
} from '../../src/dci/credentials.js';

const ID = '1d5f8a64-3b2c-4f3e-9a7d-2c6b0e9f4a11';
const SECRET = 'Zq3YbG7tR1vN8xK2mP5sW9dF4hJ6lC0aE3uI7oQ1yT5rB8nM2kV4gX6zD9wS0pL3';

/** The CredentialsError a call throws, or a failure if it does not throw one. */
function credentialsError(fn: () => unknown): CredentialsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CredentialsError) return error;
    throw error;
  }
  throw new Error('expected a CredentialsError');
}

describe('parseAccessKey', () => {
  it.each([
    [`remoteci/${ID}`, 'remoteci', ID],
    [`feeder/${ID}`, 'feeder', ID],
    [ID, 'remoteci', ID],
    [`remoteci/${ID.toUpperCase()}`, 'remoteci', ID],
    [`  feeder/${ID}\n`, 'feeder', ID],
  ])('reads %j as %s/%s', (raw, type, id) => {
    expect(parseAccessKey(raw)).toEqual({ type, id });
  });

  it.each([
    '',
    'remoteci/',
    `user/${ID}`,
    `remoteci/${ID}/extra`,
    'remoteci/not-a-uuid',
    `${ID}x`,
    'admin',
  ])('rejects %j naming DCI_CLIENT_ID', (raw) => {
    const error = credentialsError(() => parseAccessKey(raw));
    expect(error.variable).toBe('DCI_CLIENT_ID');
    expect(error.message).toMatch(/^DCI_CLIENT_ID must be remoteci\/<uuid>/);
  });

  it('names the source it is given, for header values', () => {
    expect(credentialsError(() => parseAccessKey('nope', 'X-Dci-Client-Id')).variable).toBe(
      'X-Dci-Client-Id',
    );
  });
});

describe('parseDcirc', () => {
  it('reads the file the DCI UI hands out (assignments, then bare exports)', () => {
    const text = [
      `DCI_CLIENT_ID='remoteci/${ID}'`,
      `DCI_API_SECRET='${SECRET}'`,
      "DCI_CS_URL='https://api.distributed-ci.io/'",
      'export DCI_CLIENT_ID',
      'export DCI_API_SECRET',
      'export DCI_CS_URL',
    ].join('\n');
    expect(parseDcirc(text)).toEqual({
      DCI_CLIENT_ID: `remoteci/${ID}`,
      DCI_API_SECRET: SECRET,
      DCI_CS_URL: 'https://api.distributed-ci.io/',
    });
  });

  it('reads export lines, quoting styles, comments and CRLF line ends', () => {
    const text = [
      '#!/bin/sh',
      '# a comment: DCI_LOGIN=ignored',
      'export DCI_LOGIN="admin"\r',
      '  export DCI_PASSWORD="p\\"w \\\\ $ \\$x"  # trailing comment',
      "DCI_TOKEN='lit\\eral'",
      'DCI_CS_URL=http://127.0.0.1:5000 # bare value',
      'EMPTY=',
      'BROKEN="unterminated',
      'if [ -n "$X" ]; then echo; fi',
    ].join('\n');
    expect(parseDcirc(text)).toEqual({
      DCI_LOGIN: 'admin',
      DCI_PASSWORD: 'p"w \\ $ $x',
      DCI_TOKEN: 'lit\\eral',
      DCI_CS_URL: 'http://127.0.0.1:5000',
      EMPTY: '',
    });
  });
});

describe('normalizeDciUrl', () => {
  it.each([
    ['https://api.distributed-ci.io', 'https://api.distributed-ci.io'],
    ['https://api.distributed-ci.io/', 'https://api.distributed-ci.io'],
    ['https://api.distributed-ci.io/api/v1', 'https://api.distributed-ci.io'],
    ['https://api.distributed-ci.io/api/v1/', 'https://api.distributed-ci.io'],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['https://example.com:443/', 'https://example.com'],
    ['https://proxy.example.com/dci/api/v1', 'https://proxy.example.com/dci'],
  ])('normalises %s to %s', (raw, url) => {
    expect(normalizeDciUrl(raw)).toBe(url);
  });

  it.each([
    ['not a url', 'is not a valid URL'],
    ['ftp://api.distributed-ci.io', 'must be an http:// or https:// URL'],
    ['https://admin:hunter2@api.distributed-ci.io', 'must not contain a user name or password'],
    ['https://api.distributed-ci.io/?limit=1', 'must not contain a query string or fragment'],
  ])('rejects %s', (raw, reason) => {
    const error = credentialsError(() => normalizeDciUrl(raw));
    expect(error.variable).toBe('DCI_CS_URL');
    expect(error.message).toBe(`DCI_CS_URL ${reason}`);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('loadDciSettings', () => {
  it('reads HMAC credentials from the environment', () => {
    const settings = loadDciSettings({
      DCI_CS_URL: 'http://127.0.0.1:5000/api/v1/',
      DCI_CLIENT_ID: `remoteci/${ID}`,
      DCI_API_SECRET: SECRET,
    });
    expect(settings).toEqual({
      url: 'http://127.0.0.1:5000',
      auth: { kind: 'hmac', accessKey: `remoteci/${ID}`, secret: SECRET },
    });
  });

  it('treats a bare uuid as a remoteci and keeps feeders as feeders', () => {
    const bare = loadDciSettings({ DCI_CLIENT_ID: ID, DCI_API_SECRET: SECRET });
    expect(bare.auth).toMatchObject({ kind: 'hmac', accessKey: `remoteci/${ID}` });
    const feeder = loadDciSettings({ DCI_CLIENT_ID: `feeder/${ID}`, DCI_API_SECRET: SECRET });
    expect(feeder.auth).toMatchObject({ kind: 'hmac', accessKey: `feeder/${ID}` });
  });

  it('reads a dcirc.sh text, the environment winning variable by variable', () => {
    const dcirc = `export DCI_CLIENT_ID=${ID}\nexport DCI_API_SECRET="${SECRET}"\nexport DCI_CS_URL=https://dci.example.com/\n`;
    expect(loadDciSettings({}, dcirc)).toEqual({
      url: 'https://dci.example.com',
      auth: { kind: 'hmac', accessKey: `remoteci/${ID}`, secret: SECRET },
    });
    // An empty environment variable counts as unset, as `export DCI_CS_URL=` would.
    expect(loadDciSettings({ DCI_CS_URL: 'http://127.0.0.1:1', DCI_CLIENT_ID: '' }, dcirc)).toEqual(
      {
        url: 'http://127.0.0.1:1',
        auth: { kind: 'hmac', accessKey: `remoteci/${ID}`, secret: SECRET },
      },
    );
  });

  it('reads Basic and Bearer credentials', () => {
    expect(loadDciSettings({ DCI_LOGIN: 'admin', DCI_PASSWORD: 'pass word:1' }).auth).toEqual({
      kind: 'basic',
      login: 'admin',
      password: 'pass word:1',
    });
    expect(loadDciSettings({ DCI_TOKEN: 'eyJhbGciOi.payload.sig' }).auth).toEqual({
      kind: 'bearer',
      token: 'eyJhbGciOi.payload.sig',
    });
  });

  it('gives no credentials and the public DCI URL when nothing is set', () => {
    expect(loadDciSettings({})).toEqual({ url: DEFAULT_DCI_CS_URL, auth: null });
  });

  it.each([
    [{ DCI_CLIENT_ID: ID }, 'DCI_API_SECRET', /is missing \(DCI_CLIENT_ID is set\)/],
    [{ DCI_API_SECRET: SECRET }, 'DCI_CLIENT_ID', /is missing/],
    [{ DCI_LOGIN: 'admin' }, 'DCI_PASSWORD', /is missing/],
    [{ DCI_PASSWORD: 'x' }, 'DCI_LOGIN', /is missing/],
    [{ DCI_CLIENT_ID: `user/${ID}`, DCI_API_SECRET: SECRET }, 'DCI_CLIENT_ID', /remoteci/],
    [{ DCI_CLIENT_ID: ID, DCI_API_SECRET: 'two words' }, 'DCI_API_SECRET', /spaces/],
    [{ DCI_CLIENT_ID: ID, DCI_API_SECRET: 'sécret' }, 'DCI_API_SECRET', /non-ASCII/],
    [{ DCI_LOGIN: 'a:b', DCI_PASSWORD: 'x' }, 'DCI_LOGIN', /colon/],
    [{ DCI_LOGIN: 'a', DCI_PASSWORD: 'x\ty' }, 'DCI_PASSWORD', /control/],
    [{ DCI_TOKEN: 'Bearer abc' }, 'DCI_TOKEN', /without 'Bearer '/],
    [{ DCI_TOKEN: 'abc def' }, 'DCI_TOKEN', /spaces/],
    [{ DCI_CS_URL: 'gopher://x' }, 'DCI_CS_URL', /http/],
    [
      { DCI_TOKEN: 'abc', DCI_LOGIN: 'a', DCI_PASSWORD: 'b' },
      'DCI_LOGIN/DCI_PASSWORD and DCI_TOKEN',
      /configure only one/,
    ],
  ])('rejects %j naming %s', (env, variable, reason) => {
    const error = credentialsError(() => loadDciSettings(env));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).toMatch(reason);
  });

  it('never puts a secret, password or token into an error', () => {
    const marker = 'SeCrEtMaRkEr0123456789';
    const cases: Array<Record<string, string>> = [
      { DCI_API_SECRET: marker },
      { DCI_CLIENT_ID: marker, DCI_API_SECRET: marker }, // secret pasted into the id
      { DCI_CLIENT_ID: `remoteci/${marker}`, DCI_API_SECRET: marker },
      { DCI_CLIENT_ID: ID, DCI_API_SECRET: `${marker} ` + marker },
      { DCI_CLIENT_ID: ID, DCI_API_SECRET: `${marker}é` },
      { DCI_PASSWORD: marker },
      { DCI_LOGIN: `${marker}:x`, DCI_PASSWORD: marker },
      { DCI_LOGIN: 'a', DCI_PASSWORD: `${marker}\n` + marker },
      { DCI_TOKEN: `Bearer ${marker}` },
      { DCI_TOKEN: `${marker} ${marker}` },
      { DCI_TOKEN: marker, DCI_CLIENT_ID: ID, DCI_API_SECRET: marker },
      { DCI_CS_URL: `https://u:${marker}@dci.example.com` },
      { DCI_CS_URL: `${marker}://x` },
    ];
    for (const env of cases) {
      const error = credentialsError(() => loadDciSettings(env));
      for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error)]) {
        expect(text).not.toContain(marker);
      }
    }
    const dcircError = credentialsError(() =>
      loadDciSettings({}, `DCI_CLIENT_ID='${marker}'\nDCI_API_SECRET='${marker}'`),
    );
    expect(dcircError.message).not.toContain(marker);
  });
});

describe('describeAuth', () => {
  it('labels each kind without its secret', () => {
    expect(describeAuth({ kind: 'hmac', accessKey: `feeder/${ID}`, secret: SECRET })).toBe(
      `feeder/${ID}`,
    );
    expect(describeAuth({ kind: 'basic', login: 'admin', password: 'pw' })).toBe('user admin');
    expect(describeAuth({ kind: 'bearer', token: 'tok' })).toBe('bearer token');
  });
});

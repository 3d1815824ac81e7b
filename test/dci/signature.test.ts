import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  deriveSigningKey,
  encodeRfc3986,
  formatTimestamp,
  parseTimestamp,
  type SignatureAlgorithm,
  signRequest,
} from '../../src/dci/signature.js';
import reference from '../fixtures/reference-vectors.json' with { type: 'json' };
import shared from '../fixtures/signature-vectors.json' with { type: 'json' };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** `20221104T153045Z` -> Date */
function at(timestamp: string): Date {
  const date = parseTimestamp(timestamp);
  if (!date) throw new Error(`bad fixture timestamp ${timestamp}`);
  return date;
}

describe('signature vectors from signature-vectors.json', () => {
  it.each(shared.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = 'options' in c ? c.options : undefined;
    const result = signRequest(
      {
        method: c.method,
        host: c.host,
        path: c.path,
        params: c.params as Record<string, string>,
        body: c.body,
      },
      { accessKey: c.access_key, secret: c.secret_key },
      at(c.timestamp),
      {
        algorithm: options?.algorithm as SignatureAlgorithm | undefined,
        region: options?.region,
        service: options?.service,
      },
    );
    expect(result.canonicalQueryString).toBe(c.intermediate.canonical_query_string);
    expect(result.canonicalRequest).toBe(c.intermediate.canonical_request);
    expect(result.stringToSign).toBe(c.intermediate.string_to_sign);
    expect(result.headers).toEqual(c.expected_headers);
  });
});

describe('signature vectors from REST-REFERENCE section 2.1', () => {
  const s = reference.shared;
  const sign = (c: (typeof reference.cases)[number]) =>
    signRequest(
      {
        method: c.method,
        host: c.host,
        path: c.path,
        params: c.params as Record<string, string>,
        body: c.body,
      },
      { accessKey: s.access_key, secret: s.secret_key },
      at(s.timestamp),
      { algorithm: (c.algorithm ?? 'DCI2-HMAC-SHA256') as SignatureAlgorithm },
    );

  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = sign(c);
    if (c.canonical_request) expect(result.canonicalRequest).toBe(c.canonical_request);
    if (c.string_to_sign) expect(result.stringToSign).toBe(c.string_to_sign);
    if (c.canonical_request_hash)
      expect(sha256(result.canonicalRequest)).toBe(c.canonical_request_hash);
    if (c.payload_hash) expect(result.canonicalRequest.split('\n').at(-1)).toBe(c.payload_hash);
    if (c.body_length) expect(Buffer.byteLength(c.body, 'utf8')).toBe(c.body_length);
    if (c.host_line) expect(result.canonicalRequest.split('\n')).toContain(c.host_line);
    if (c.signature) expect(result.signature).toBe(c.signature);
    if (c.headers) expect(result.headers).toEqual(c.headers);
  });

  it('derives the DCI2 and AWS4 signing keys of the reference', () => {
    const dci2 = deriveSigningKey(s.secret_key, '20250102', 'BHS3', 'api', 'dci2_request', 'DCI2');
    const aws4 = deriveSigningKey(s.secret_key, '20250102', 'BHS3', 'api', 'aws4_request', 'AWS4');
    expect(dci2.toString('hex')).toBe(s.dci2_signing_key);
    expect(aws4.toString('hex')).toBe(reference.cases[4]!.aws4_signing_key);
  });

  it('counts thirteen vectors in all', () => {
    expect(shared.cases.length + reference.cases.length).toBe(13);
  });
});

describe('query string encoding', () => {
  it.each([
    ['parentheses and commas', 'or(eq(id,a),eq(id,b))', 'or%28eq%28id%2Ca%29%2Ceq%28id%2Cb%29%29'],
    ['colons and a star', 'name:daily*', 'name%3Adaily%2A'],
    ['a space as %20, never +', 'nightly run', 'nightly%20run'],
    ['a literal plus', 'a+b', 'a%2Bb'],
    ['non-ASCII as UTF-8', 'é', '%C3%A9'],
    ['quote and bang', "it's!", 'it%27s%21'],
    ['unreserved characters untouched', 'A-z_0.9~', 'A-z_0.9~'],
  ])('encodes %s', (_label, input, expected) => {
    expect(encodeRfc3986(input)).toBe(expected);
  });

  it('would not match the reference with plain encodeURIComponent', () => {
    const c = shared.cases.find((v) => v.name === 'get-query-dsl')!;
    const naive = Object.entries(c.params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .sort()
      .join('&');
    expect(naive).not.toBe(c.intermediate.canonical_query_string);
    expect(canonicalQueryString(c.params as Record<string, string>)).toBe(
      c.intermediate.canonical_query_string,
    );
  });

  it('sorts by encoded key, then by value, in byte order', () => {
    expect(canonicalQueryString({ b: '1', a: '2', A: '3', _: '4' })).toBe('A=3&_=4&a=2&b=1');
  });
});

describe('timestamps', () => {
  it('formats and parses YYYYMMDDTHHMMSSZ in UTC', () => {
    const date = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    expect(formatTimestamp(date)).toBe('20250102T030405Z');
    expect(parseTimestamp('20250102T030405Z')?.toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  it.each(['2025-01-02T03:04:05Z', '20250102T030405', '20251302T030405Z', ''])(
    'refuses the malformed %j',
    (value) => {
      expect(parseTimestamp(value)).toBeNull();
    },
  );
});

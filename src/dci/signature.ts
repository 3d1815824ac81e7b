/**
 * DCI request signing: DCI2-HMAC-SHA256 (the default) and AWS4-HMAC-SHA256.
 *
 * Pure functions, no I/O: the same inputs always give the same headers. The emulator verifies
 * requests with the very functions the client signs them with, and both are pinned by the
 * reference vectors in test/fixtures/signature-vectors.json (REST-REFERENCE §2.1).
 */
import { createHash, createHmac } from 'node:crypto';

/** The two algorithms the DCI server accepts for remoteci and feeder identities. */
export type SignatureAlgorithm = 'DCI2-HMAC-SHA256' | 'AWS4-HMAC-SHA256';

/** What a request looks like to the signer: decoded values, exactly as they will be sent. */
export interface SignableRequest {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** The Host header value, port included when it is not the scheme's default. */
  host: string;
  /** The URL path, decoded, without the query string (for example `/api/v1/jobs`). */
  path: string;
  /** Decoded query parameters; one value per key (DCI keeps the first of repeated keys). */
  params?: Readonly<Record<string, string>>;
  /** The exact body bytes that will be sent; a string is taken as UTF-8. */
  body?: string | Uint8Array;
}

/** An HMAC identity: `remoteci/<uuid>` or `feeder/<uuid>` and its 64-character API secret. */
export interface HmacCredentials {
  /** The access key, `<client_type>/<client_id>`. */
  accessKey: string;
  /** The API secret. Never logged, never returned. */
  secret: string;
}

/** Tunables of the signature; every field has the DCI client's default. */
export interface SignatureOptions {
  algorithm?: SignatureAlgorithm;
  region?: string;
  service?: string;
}

/** Everything the signer derived, for tests and for the emulator's verifier. */
export interface SignatureResult {
  /** Headers to add to the request: the date header and `Authorization`. */
  headers: Record<string, string>;
  canonicalQueryString: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  credentialScope: string;
  signedHeaders: string;
}

/** The SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_HASH =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The DCI client's defaults for the credential scope. */
export const DEFAULT_REGION = 'BHS3';
export const DEFAULT_SERVICE = 'api';

/**
 * RFC 3986 percent-encoding: keeps `A-Z a-z 0-9 - _ . ~`, encodes everything else as UTF-8
 * `%XX` with upper-case hex. `encodeURIComponent` alone leaves `! ' ( ) *` unencoded, which
 * would break every signature over a query DSL value such as `or(eq(id,...))`.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical query string: keys and values RFC 3986-encoded, pairs sorted by key then value
 * in byte order, joined with `&`. The same string is the query we put on the wire, so what is
 * sent decodes to exactly what was signed.
 */
export function canonicalQueryString(params: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries(params).map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)]);
  pairs.sort((a, b) => compareBytes(a[0]!, b[0]!) || compareBytes(a[1]!, b[1]!));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function compareBytes(a: string, b: string): number {
  // Encoded strings are pure ASCII, so UTF-16 code unit order is byte order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lower-case hex SHA-256 of the body bytes (a string is UTF-8 encoded). */
export function payloadHash(body: string | Uint8Array | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_PAYLOAD_HASH;
  return createHash('sha256').update(body).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the only timestamp form the server parses. */
export function formatTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses a `YYYYMMDDTHHMMSSZ` timestamp; `null` when it is malformed. */
export function parseTimestamp(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  // Date.UTC rolls over (month 13 -> next January): a round trip catches out-of-range fields.
  return formatTimestamp(date) === value ? date : null;
}

/** Algorithm-specific names: date header, request type and key prefix. */
export function algorithmParts(algorithm: SignatureAlgorithm): {
  dateHeader: 'X-DCI-Date' | 'X-Amz-Date';
  requestType: 'dci2_request' | 'aws4_request';
  keyPrefix: 'DCI2' | 'AWS4';
} {
  return algorithm === 'AWS4-HMAC-SHA256'
    ? { dateHeader: 'X-Amz-Date', requestType: 'aws4_request', keyPrefix: 'AWS4' }
    : { dateHeader: 'X-DCI-Date', requestType: 'dci2_request', keyPrefix: 'DCI2' };
}

/** The HMAC chain secret -> date -> region -> service -> request type. */
export function deriveSigningKey(
  secret: string,
  datestamp: string,
  region: string,
  service: string,
  requestType: string,
  keyPrefix: string,
): Buffer {
  const kDate = hmac(Buffer.from(keyPrefix + secret, 'utf8'), datestamp);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, requestType);
}

function hmac(key: Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** Inputs of the canonical request, shared by the signer and the server-side verifier. */
export interface CanonicalRequestInput {
  method: string;
  path: string;
  canonicalQueryString: string;
  /** Signed header names (lower-case) in signing order, with their values. */
  headers: ReadonlyArray<readonly [string, string]>;
  payloadHash: string;
}

/** Builds the canonical request: method, path, query, header lines, blank, names, hash. */
export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const headerLines = input.headers.map(([name, value]) => `${name}:${value}`);
  const signedHeaders = input.headers.map(([name]) => name).join(';');
  return [
    input.method.toUpperCase(),
    input.path,
    input.canonicalQueryString,
    ...headerLines,
    '',
    signedHeaders,
    input.payloadHash,
  ].join('\n');
}

/** The four-line string to sign. */
export function buildStringToSign(
  algorithm: string,
  timestamp: string,
  credentialScope: string,
  canonicalRequest: string,
): string {
  const hash = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return [algorithm, timestamp, credentialScope, hash].join('\n');
}

/** Signs a request at `now`; returns the headers to send and every intermediate value. */
export function signRequest(
  request: SignableRequest,
  credentials: HmacCredentials,
  now: Date,
  options: SignatureOptions = {},
): SignatureResult {
  const algorithm = options.algorithm ?? 'DCI2-HMAC-SHA256';
  const region = options.region ?? DEFAULT_REGION;
  const service = options.service ?? DEFAULT_SERVICE;
  const { dateHeader, requestType, keyPrefix } = algorithmParts(algorithm);

  const timestamp = formatTimestamp(now);
  const datestamp = timestamp.slice(0, 8);
  const credentialScope = `${datestamp}/${region}/${service}/${requestType}`;
  const query = canonicalQueryString(request.params);
  const headers: Array<[string, string]> = [
    ['host', request.host],
    [dateHeader.toLowerCase(), timestamp],
  ];
  const signedHeaders = headers.map(([n]) => n).join(';');
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    path: request.path,
    canonicalQueryString: query,
    headers,
    payloadHash: payloadHash(request.body),
  });
  const stringToSign = buildStringToSign(algorithm, timestamp, credentialScope, canonicalRequest);
  const key = deriveSigningKey(
    credentials.secret,
    datestamp,
    region,
    service,
    requestType,
    keyPrefix,
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const authorization =
    `${algorithm} Credential=${credentials.accessKey}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return {
    headers: { [dateHeader]: timestamp, Authorization: authorization },
    canonicalQueryString: query,
    canonicalRequest,
    stringToSign,
    signature,
    credentialScope,
    signedHeaders,
  };
}

/**
 * The DCI REST client: one request lifecycle, top to bottom.
 *
 *   URL (base + /api/v1 + path, canonical query) -> authenticate (sign, Basic or Bearer) ->
 *   send (undici, pooled, short timeouts) -> read (bounded) -> parse (envelopes, ETag,
 *   api_secret stripped) -> typed error -> retry (GET/HEAD only, bounded, jittered backoff)
 *
 * A client carries one identity and is cheap to build per GraphQL request; the connection
 * pools it sends through are shared per origin and hold no identity: every request
 * authenticates itself (DCI has no cookies or sessions, REST-REFERENCE §2).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type Dispatcher, Pool } from 'undici';
import { eitherSignal } from './abort.js';
import { type DciAuth, normalizeDciUrl } from './credentials.js';
import {
  classifyNetworkError,
  DciNetworkError,
  DciProtocolError,
  httpErrorFromResponse,
  routeOf,
  stripApiSecrets,
} from './errors.js';
import { DciValueError, encodePath, type ListParams, listParamsToQuery } from './query.js';
import { canonicalQueryString, signRequest } from './signature.js';

/** Socket timeouts in milliseconds; undici's own defaults (300 s) would pin a resolver. */
export interface Timeouts {
  /** TCP + TLS connection establishment (only for the client's own pools). */
  connectMs: number;
  /** From sending the request to the complete response headers. */
  headersMs: number;
  /** Longest silence while the body streams in. */
  bodyMs: number;
}

/** Default timeouts: a healthy DCI answers list calls in well under a second. */
export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = {
  connectMs: 5_000,
  headersMs: 15_000,
  bodyMs: 30_000,
};

/** When and how GET/HEAD requests are retried. Writes are never retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  /** Backoff before retry n is uniform in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is returned instead. */
  maxRetryAfterMs: number;
}

/** Default retry policy: two retries, 100 ms base, 2 s cap, Retry-After up to 5 s. */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = {
  retries: 2,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 5_000,
};

/**
 * Connections per origin in the client's own pools. One nested level of a query can fan out to
 * ~50 concurrent GETs (10 topics x 5 components); a smaller pool would queue part of that level
 * behind the rest and turn one wave of upstream requests into two.
 */
export const DEFAULT_CONNECTIONS = 64;
/** Largest response body read; beyond it the response is abandoned as a protocol error. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** How one attempt ended, for metrics and logs. */
export type UpstreamOutcome =
  | 'ok'
  | 'http_error'
  | 'protocol_error'
  | 'timeout'
  | 'connection'
  | 'deadline'
  | 'aborted';

/** Reported after every attempt, retried or not. Carries no headers, ids or query. */
export interface UpstreamEvent {
  method: string;
  /** The path relative to /api/v1 with UUIDs replaced by `:id`. */
  route: string;
  /** HTTP status, `null` when no response arrived. */
  status: number | null;
  durationMs: number;
  /** 1 for the first attempt. */
  attempt: number;
  outcome: UpstreamOutcome;
  /** Whether another attempt follows. */
  willRetry: boolean;
}

/** Options of {@link DciClient}. */
export interface DciClientOptions {
  /** DCI_CS_URL, the API origin without `/api/v1` (a trailing `/api/v1` is tolerated). */
  baseUrl: string;
  auth: DciAuth;
  /** Sent as X-Dci-Team-Id (DCI applies it to users only, §2.4). */
  teamId?: string;
  /** Transport override (a MockAgent, an Agent, a Pool); by default a shared per-origin Pool. */
  dispatcher?: Dispatcher;
  /** Clock for signatures and Retry-After dates. */
  now?: () => Date;
  /** Sent as X-Request-Id to correlate gateway and DCI logs. */
  requestId?: string;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<Timeouts>;
  /** Connections per origin when the client creates the pool. */
  connections?: number;
  maxResponseBytes?: number;
  /** Called after every attempt; exceptions it throws are ignored. */
  onUpstream?: (event: UpstreamEvent) => void;
  /** Waits between retries (tests make it instant); must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /**
   * The operation's signal (its deadline, its caller going away, shutdown): every request of
   * this client, its retries, backoff pauses and body reads stop when it aborts, and no new
   * request starts afterwards. An `OperationSignal`'s deadline makes the error kind `deadline`.
   * A function is called when a request first needs the signal (an `OperationSignal` builds
   * its AbortSignal only then).
   */
  signal?: AbortSignal | (() => AbortSignal);
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the request and any pending retry. */
  signal?: AbortSignal;
}

/** Options of {@link DciClient.request}, the general form behind the typed helpers. */
export interface RequestOptions extends CallOptions {
  /** Decoded query parameters; sent in canonical order, exactly as signed. */
  params?: Readonly<Record<string, string>>;
  /** A JSON body (serialised compactly). */
  body?: unknown;
  /** A raw body instead of JSON (file uploads), with its content type. */
  rawBody?: string | Uint8Array;
  contentType?: string;
  /** Sent as If-Match, raw (DCI does not match quoted etags, §6). */
  etag?: string;
  /** Extra headers such as `DCI-JOB-ID`; the ones the client manages cannot be overridden. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A 2xx answer whose body is read as it arrives (file contents, §4.6): nothing is buffered, and
 * the download stops when the caller has what it needs.
 */
export interface DciStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's chunks; read once. */
  body: AsyncIterable<Uint8Array>;
  /** Stops the download: the connection's body is destroyed, nothing more is read. */
  cancel(): void;
}

/** A parsed response: JSON body (or `null` when empty) and the raw ETag. */
export interface DciResponse<T> {
  status: number;
  body: T | null;
  etag: string | null;
}

const USER_AGENT = 'dci-graphql';
const RETRYABLE_METHODS = new Set(['GET', 'HEAD']);
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MANAGED_HEADERS = new Set([
  'host',
  'authorization',
  'x-dci-date',
  'x-amz-date',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'if-match',
  'x-dci-team-id',
  'x-request-id',
]);
const HEADER_VALUE = /^[\x21-\x7e]+$/;

const pools = new Map<string, Pool>();

/** What the client derives from its base URL: the same for every client of a gateway. */
interface Base {
  origin: string;
  host: string;
  apiPrefix: string;
  signedPrefix: string;
}

// Base URLs seen, parsed once: a gateway builds a client per request, always with its one URL.
const bases = new Map<string, Base>();
const MAX_BASES = 64;

function baseOf(baseUrl: string): Base {
  let base = bases.get(baseUrl);
  if (!base) {
    const url = new URL(normalizeDciUrl(baseUrl, 'baseUrl'));
    const apiPrefix = `${url.pathname.replace(/\/$/, '')}/api/v1`;
    // The Host header must be exactly what was signed: URL.host keeps a non-default port.
    base = {
      origin: url.origin,
      host: url.host,
      apiPrefix,
      signedPrefix: decodeURIComponent(apiPrefix),
    };
    if (bases.size >= MAX_BASES) bases.clear();
    bases.set(baseUrl, base);
  }
  return base;
}

/**
 * The shared keep-alive pool for an origin and settings. Pools hold sockets only, no identity,
 * so every client of the process can share them.
 */
function poolFor(origin: string, timeouts: Timeouts, connections: number, key: string): Pool {
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin, {
      connections,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
    pools.set(key, pool);
  }
  return pool;
}

/**
 * Closes every shared pool (graceful shutdown, test teardown); later requests reopen them.
 * `force` destroys them instead, failing what is still in flight rather than waiting for it.
 */
export async function closeAllPools(opts: { force?: boolean } = {}): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => (opts.force ? pool.destroy() : pool.close())));
}

/** A request ready to send, identical on every attempt except for its signature. */
interface Prepared {
  method: string;
  route: string;
  /** Wire path: encoded, with the query string. */
  target: string;
  /** Decoded path the signature covers. */
  signedPath: string;
  params: Readonly<Record<string, string>>;
  body: Buffer | undefined;
  headers: Record<string, string>;
}

/** A response read to the end; `json` is the parsed body of a non-empty 2xx, else `null`. */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
  /** A streamed 2xx body, left unread (see {@link DciClient.stream}). */
  stream?: Dispatcher.ResponseData['body'];
}

/** The DCI REST client for one identity (see the module comment for the lifecycle). */
export class DciClient {
  private readonly origin: string;
  private readonly host: string;
  private readonly apiPrefix: string;
  private readonly signedPrefix: string;
  private readonly auth: DciAuth;
  private readonly fixedHeaders: Record<string, string>;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly now: () => Date;
  private readonly retry: RetryPolicy;
  private readonly timeouts: Timeouts;
  private readonly connections: number;
  private readonly maxResponseBytes: number;
  private readonly onUpstream: ((event: UpstreamEvent) => void) | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly signalOf: AbortSignal | (() => AbortSignal) | undefined;
  /** The key of this client's shared pool (not the pool: closeAllPools may replace it). */
  private poolKey: string | undefined;
  /** The Authorization header of Basic and Bearer credentials, built once (HMAC signs each). */
  private authorization: string | undefined;

  constructor(opts: DciClientOptions) {
    const base = baseOf(opts.baseUrl);
    this.origin = base.origin;
    this.host = base.host;
    this.apiPrefix = base.apiPrefix;
    this.signedPrefix = base.signedPrefix;
    this.auth = opts.auth;
    this.fixedHeaders = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (opts.teamId !== undefined) {
      this.fixedHeaders['x-dci-team-id'] = headerValue('teamId', opts.teamId);
    }
    if (opts.requestId !== undefined) {
      this.fixedHeaders['x-request-id'] = headerValue('requestId', opts.requestId);
    }
    this.dispatcher = opts.dispatcher;
    this.now = opts.now ?? (() => new Date());
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.connections = opts.connections ?? DEFAULT_CONNECTIONS;
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.onUpstream = opts.onUpstream;
    this.sleep = opts.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.random = opts.random ?? Math.random;
    this.signalOf = opts.signal;
  }

  /**
   * A list call: `{<plural>: [...], _meta: {count}}` -> items and the total count, null when
   * the envelope has no numeric `_meta.count` (never guessed from the page's length).
   */
  async list<T>(
    path: string,
    params: ListParams = {},
    o: CallOptions = {},
  ): Promise<{ items: T[]; count: number | null }> {
    const res = await this.request<Record<string, unknown>>('GET', path, {
      ...o,
      params: listParamsToQuery(params),
    });
    const body = res.body;
    const key = body && Object.keys(body).find((k) => k !== '_meta' && Array.isArray(body[k]));
    if (!body || !key) {
      throw new DciProtocolError(res.status, 'GET', routeOf(path), 'not a list envelope');
    }
    const items = body[key] as T[];
    const meta = body['_meta'] as { count?: unknown } | undefined;
    const count = typeof meta?.count === 'number' ? meta.count : null;
    return { items, count };
  }

  /** A single-resource GET: `{<singular>: {...}}` -> the object and its etag. */
  async get<T>(path: string, o: CallOptions = {}): Promise<{ item: T; etag: string | null }> {
    const res = await this.request<unknown>('GET', path, o);
    if (res.body === null) {
      throw new DciProtocolError(res.status, 'GET', routeOf(path), 'empty body');
    }
    const item = unwrapSingle(res.body) as T;
    return { item, etag: res.etag ?? bodyEtag(item) };
  }

  /** A POST. DCI echoes the inserted values (re-read for the full shape); bodies may be empty. */
  async create<T>(
    path: string,
    body: unknown,
    o: CallOptions = {},
  ): Promise<{ item: T | null; etag: string | null; status: number }> {
    const res = await this.request<unknown>('POST', path, { ...o, body });
    const item = res.body === null ? null : (unwrapSingle(res.body) as T);
    return { item, etag: res.etag ?? bodyEtag(item), status: res.status };
  }

  /** A PUT guarded by If-Match; returns the re-read object and its new etag. */
  async update<T>(
    path: string,
    etag: string,
    body: unknown,
    o: CallOptions = {},
  ): Promise<{ item: T; etag: string | null }> {
    const res = await this.request<unknown>('PUT', path, { ...o, body, etag });
    if (res.body === null) {
      throw new DciProtocolError(res.status, 'PUT', routeOf(path), 'empty body');
    }
    const item = unwrapSingle(res.body) as T;
    return { item, etag: res.etag ?? bodyEtag(item) };
  }

  /** A DELETE, with If-Match where the resource needs it and a JSON body where DCI takes one. */
  async delete(
    path: string,
    o: CallOptions & { etag?: string; body?: unknown } = {},
  ): Promise<void> {
    await this.request('DELETE', path, o);
  }

  /**
   * Any request. `path` is decoded and relative to /api/v1 (`/jobs/<id>/jobstates`). Non-2xx
   * answers throw {@link DciHttpError}; failures to get an answer throw
   * {@link DciNetworkError}; a 2xx that is not JSON throws {@link DciProtocolError}.
   */
  async request<T>(method: string, path: string, o: RequestOptions = {}): Promise<DciResponse<T>> {
    const prepared = this.prepare(method.toUpperCase(), path, o);
    const { signal, release } = eitherSignal(this.signal(), o.signal);
    let raw: RawResponse;
    try {
      raw = await this.send(prepared, signal);
    } finally {
      release();
    }
    return {
      status: raw.status,
      body: raw.json as T | null,
      etag: parseEtag(raw.headers['etag']),
    };
  }

  /**
   * A GET whose 2xx body is streamed rather than read (file downloads): retried like any GET
   * until the answer's headers arrive, never once its body is being read. Non-2xx answers throw
   * as for {@link request}. The caller must read `body` to the end or `cancel()` it.
   */
  async stream(path: string, o: CallOptions = {}): Promise<DciStream> {
    const prepared = this.prepare('GET', path, {});
    // The operation's signal (deadline, disconnect, shutdown) also stops the body's reading.
    const { signal, release } = eitherSignal(this.signal(), o.signal);
    let raw: RawResponse;
    try {
      raw = await this.send(prepared, signal, true);
    } catch (error) {
      release();
      throw error;
    }
    const body = raw.stream!;
    body.once('close', release);
    // A failure while the body streams (deadline, reset, timeout) is a DciNetworkError too.
    async function* chunks(): AsyncIterable<Uint8Array> {
      try {
        for await (const chunk of body) yield chunk as Uint8Array;
      } catch (error) {
        const network = classifyNetworkError(error, signal);
        if (!network) throw error;
        throw new DciNetworkError(network.kind, 'GET', prepared.route, network.code, 1);
      }
    }
    return {
      status: raw.status,
      headers: raw.headers,
      body: chunks(),
      cancel: () => {
        if (!body.destroyed) body.destroy();
      },
    };
  }

  /** The client's own signal (the operation's), if any. */
  private signal(): AbortSignal | undefined {
    const of = this.signalOf;
    return typeof of === 'function' ? of() : of;
  }

  /** Validates the call and builds everything that does not change between attempts. */
  private prepare(method: string, path: string, o: RequestOptions): Prepared {
    if (!path.startsWith('/') || /[?#]/.test(path)) {
      throw new DciValueError('path', 'must start with / and carry no query (use params)');
    }
    const params = o.params ?? {};
    for (const [k, v] of Object.entries(params)) {
      // An empty parameter is signed as `k=` but dropped by some parsers (§2.1, §3.2).
      if (v === '') throw new DciValueError(k, 'empty query parameters are never sent');
    }
    const query = canonicalQueryString(params);
    const headers: Record<string, string> = { ...this.fixedHeaders };
    for (const [name, value] of Object.entries(o.headers ?? {})) {
      if (MANAGED_HEADERS.has(name.toLowerCase())) {
        throw new DciValueError(name, 'is set by the client and cannot be overridden');
      }
      headers[name.toLowerCase()] = value;
    }
    let body: Buffer | undefined;
    if (o.rawBody !== undefined) {
      body = Buffer.from(o.rawBody);
      headers['content-type'] = o.contentType ?? 'application/octet-stream';
    } else if (o.body !== undefined) {
      // The signature hashes these exact bytes; the server never re-serialises (§2.1).
      body = Buffer.from(JSON.stringify(o.body), 'utf8');
      headers['content-type'] = 'application/json';
    }
    if (body !== undefined) headers['content-length'] = String(body.length);
    if (o.etag !== undefined) {
      headers['if-match'] = headerValue('etag', o.etag.replace(/^"(.*)"$/, '$1'));
    }
    return {
      method,
      route: routeOf(path),
      target: `${this.apiPrefix}${encodePath(path)}${query ? `?${query}` : ''}`,
      signedPath: `${this.signedPrefix}${path}`,
      params,
      body,
      headers,
    };
  }

  /** Authentication headers for one attempt: a fresh signature each time (§2.1 clock window). */
  private authHeaders(p: Prepared): Record<string, string> {
    const auth = this.auth;
    switch (auth.kind) {
      case 'hmac': {
        const signed = signRequest(
          { method: p.method, host: this.host, path: p.signedPath, params: p.params, body: p.body },
          { accessKey: auth.accessKey, secret: auth.secret },
          this.now(),
          { algorithm: auth.algorithm },
        );
        return signed.headers;
      }
      case 'basic':
        this.authorization ??= `Basic ${Buffer.from(`${auth.login}:${auth.password}`, 'utf8').toString('base64')}`;
        return { authorization: this.authorization };
      case 'bearer':
        return { authorization: `Bearer ${auth.token}` };
    }
  }

  /** Sends with the retry policy; returns a 2xx response read to the end. */
  private async send(
    p: Prepared,
    signal: AbortSignal | undefined,
    streaming = false,
  ): Promise<RawResponse> {
    const retryable = RETRYABLE_METHODS.has(p.method);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw this.abortError(signal, p, attempt);
      const mayRetry = retryable && attempt <= this.retry.retries;
      const started = performance.now();
      const report = (status: number | null, outcome: UpstreamOutcome, willRetry: boolean) =>
        this.report({
          method: p.method,
          route: p.route,
          status,
          durationMs: performance.now() - started,
          attempt,
          outcome,
          willRetry,
        });

      let raw: RawResponse;
      try {
        raw = await this.attempt(p, signal, streaming);
      } catch (error) {
        if (error instanceof DciProtocolError) {
          report(error.status, 'protocol_error', false);
          throw error;
        }
        const network = classifyNetworkError(error, signal);
        if (!network) throw error;
        const again = mayRetry && network.kind !== 'aborted' && network.kind !== 'deadline';
        report(null, network.kind, again);
        if (!again) {
          throw new DciNetworkError(network.kind, p.method, p.route, network.code, attempt);
        }
        await this.pause(this.backoff(attempt), p, signal, attempt);
        continue;
      }

      if (raw.status >= 200 && raw.status < 300) {
        report(raw.status, 'ok', false);
        return raw;
      }
      let wait = this.backoff(attempt);
      let again = mayRetry && RETRYABLE_STATUSES.has(raw.status);
      if (again) {
        const header = raw.headers['retry-after'];
        const retryAfter = header === undefined ? null : parseRetryAfter(header, this.now());
        if (retryAfter !== null) {
          // Waiting less than asked would only add load to a server that said it is busy.
          again = retryAfter <= this.retry.maxRetryAfterMs;
          wait = retryAfter;
        }
      }
      report(raw.status, 'http_error', again);
      if (!again) {
        throw httpErrorFromResponse({
          status: raw.status,
          method: p.method,
          route: p.route,
          contentType: firstHeader(raw.headers['content-type']),
          body: raw.text,
          attempts: attempt,
        });
      }
      await this.pause(wait, p, signal, attempt);
    }
  }

  /** One attempt: sign, dispatch, read the body within the size bound. */
  private async attempt(
    p: Prepared,
    signal: AbortSignal | undefined,
    streaming = false,
  ): Promise<RawResponse> {
    const dispatcher = this.dispatcher ?? this.sharedPool();
    const res = await dispatcher.request({
      origin: this.origin,
      path: p.target,
      method: p.method as Dispatcher.HttpMethod,
      headers: { ...p.headers, host: this.host, ...this.authHeaders(p) },
      body: p.body ?? null,
      signal: signal ?? null,
      headersTimeout: this.timeouts.headersMs,
      bodyTimeout: this.timeouts.bodyMs,
    });
    if (streaming && res.statusCode >= 200 && res.statusCode < 300) {
      return {
        status: res.statusCode,
        headers: res.headers,
        text: '',
        json: null,
        stream: res.body,
      };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > this.maxResponseBytes) {
        res.body.destroy();
        throw new DciProtocolError(
          res.statusCode,
          p.method,
          p.route,
          `response larger than ${this.maxResponseBytes} bytes`,
        );
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    // Parsed here so that an unusable 2xx is reported as this attempt's outcome.
    const json = ok && text !== '' ? parseBody(text, res.statusCode, p) : null;
    return { status: res.statusCode, headers: res.headers, text, json };
  }

  /** The shared keep-alive pool for this client's origin and settings. */
  private sharedPool(): Pool {
    const t = this.timeouts;
    this.poolKey ??= [this.origin, this.connections, t.connectMs, t.headersMs, t.bodyMs].join(' ');
    return poolFor(this.origin, t, this.connections, this.poolKey);
  }

  /** Full-jitter exponential backoff before retry number `attempt`. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  private async pause(
    ms: number,
    p: Prepared,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw this.abortError(signal, p, attempt);
      throw error;
    }
  }

  /** The error of a request stopped by `signal`: `deadline` or `aborted`. */
  private abortError(signal: AbortSignal, p: Prepared, attempt: number): DciNetworkError {
    const kind = classifyNetworkError(signal.reason, signal)?.kind ?? 'aborted';
    return new DciNetworkError(kind, p.method, p.route, null, attempt);
  }

  private report(event: UpstreamEvent): void {
    if (!this.onUpstream) return;
    try {
      this.onUpstream(event);
    } catch {
      // Observability must never change the outcome of a request.
    }
  }
}

/** Checks a value that goes into a header: printable ASCII, no spaces, nothing to inject. */
function headerValue(field: string, value: string): string {
  if (!HEADER_VALUE.test(value)) {
    throw new DciValueError(field, 'must be printable ASCII without spaces');
  }
  return value;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The raw etag: DCI sends it unquoted; `None` is what it sends for "no etag" (§2.1). */
function parseEtag(value: string | string[] | undefined): string | null {
  const raw = firstHeader(value)
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  return raw && raw !== 'None' ? raw : null;
}

function bodyEtag(item: unknown): string | null {
  if (item === null || typeof item !== 'object') return null;
  const etag = (item as { etag?: unknown }).etag;
  return typeof etag === 'string' && etag !== '' && etag !== 'None' ? etag : null;
}

/** `{"job": {...}}` -> the job; anything else (`{product_id, team_id}`) is returned as is. */
function unwrapSingle(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const keys = Object.keys(body).filter((k) => k !== '_meta');
  if (keys.length !== 1) return body;
  const inner = (body as Record<string, unknown>)[keys[0]!];
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : body;
}

/** JSON.parse of a 2xx body with every api_secret removed. */
function parseBody(text: string, status: number, p: Prepared): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const reason = `response is not valid JSON (${Buffer.byteLength(text)} bytes)`;
    throw new DciProtocolError(status, p.method, p.route, reason);
  }
  // No object of the body can hold the key unless its text spells it or escapes characters
  // (`\u005f`): most bodies (components, topics, jobstates) skip the walk over every object.
  return text.includes('api_secret') || text.includes('\\u') ? stripApiSecrets(value) : value;
}

/**
 * Retry-After in milliseconds from now: delta-seconds or an HTTP date; `null` when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const raw = firstHeader(value)?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

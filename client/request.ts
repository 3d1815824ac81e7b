/**
 * The typed client's transport: `request()` over fetch and `subscribe()` over Server-Sent
 * Events (the graphql-sse "distinct connections" protocol as graphql-yoga serves it: POST with
 * `Accept: text/event-stream`, `next` events then `complete`). Both run unchanged in browsers
 * and in Node 20 (global fetch, ReadableStream, TextDecoder); neither needs graphql-js.
 *
 * Result and variable types come from the documents codegen generates from client/operations/
 * (`TypedDocumentString<Result, Variables>`); nothing here declares a result shape by hand.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * DCI credentials, sent as the gateway's credential headers. A user: `authorization`
 * (`Basic ...` / `Bearer ...`, see {@link basicAuthorization}); a remote CI or feeder:
 * `clientId` (`remoteci/<uuid>`) and `apiSecret`. `teamId` acts for one of a user's teams.
 */
export interface Credentials {
  authorization?: string;
  clientId?: string;
  apiSecret?: string;
  teamId?: string;
}

/** A GraphQL error as the gateway sends it: every one carries `extensions.code`. */
export interface GatewayError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL response: data (possibly partial) and errors. */
export interface Result<TData> {
  data?: TData | null;
  errors?: GatewayError[];
  extensions?: Record<string, unknown>;
}

/** A document: a generated typed document, or any GraphQL string. */
export type Document<TData, TVariables> =
  | (DocumentTypeDecoration<TData, TVariables> & {
      toString(): string;
      __meta__?: { hash?: string } | Record<string, unknown> | undefined;
    })
  | string;

/** Options of {@link request} and {@link subscribe}. */
export interface RequestOptions {
  /** The GraphQL endpoint (default `/graphql`, relative to the page in a browser). */
  endpoint?: string;
  /** DCI credentials for this call. */
  credentials?: Credentials | null;
  /** More request headers. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Cancels the call (and a subscription's stream). */
  signal?: AbortSignal;
  /**
   * Send persisted-document hashes instead of whole documents (default true): a generated
   * document sends its manifest hash (and its text only if the gateway does not know it); a
   * string is sent with its SHA-256 the APQ way when the platform can hash (WebCrypto).
   */
  persisted?: boolean;
  /** {@link subscribe} only: called once the event stream is open (the subscription is live). */
  onOpen?: () => void;
}

/** A non-GraphQL HTTP failure (no JSON body): status and the body's first bytes. */
export class GatewayHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`The gateway answered HTTP ${status}: ${body.slice(0, 200)}`);
    this.name = 'GatewayHttpError';
  }
}

/** The `Authorization` value of a DCI user's login and password. */
export function basicAuthorization(login: string, password: string): string {
  const bytes = new TextEncoder().encode(`${login}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** The credential headers the gateway reads. */
export function credentialHeaders(credentials?: Credentials | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!credentials) return headers;
  if (credentials.authorization) headers['authorization'] = credentials.authorization;
  if (credentials.clientId) headers['x-dci-client-id'] = credentials.clientId;
  if (credentials.apiSecret) headers['x-dci-api-secret'] = credentials.apiSecret;
  if (credentials.teamId) headers['x-dci-team-id'] = credentials.teamId;
  return headers;
}

/** The manifest hash of a generated document (hex, without the `sha256:` prefix). */
export function documentHash(document: Document<unknown, unknown>): string | null {
  if (typeof document === 'string') return null;
  const hash = (document.__meta__ as { hash?: unknown } | undefined)?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : null;
}

/** Hex SHA-256 of a text with WebCrypto, or null where it is unavailable (insecure origin). */
async function sha256(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function operationName(text: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1];
}

interface Body {
  query?: string;
  operationName?: string;
  variables?: unknown;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

function persistedExtension(hash: string): Body['extensions'] {
  return { persistedQuery: { version: 1, sha256Hash: hash } };
}

/** The attempts to make, in order: hash only, then the document (with its hash for APQ). */
async function bodies(
  document: Document<unknown, unknown>,
  variables: unknown,
  persisted: boolean,
): Promise<Body[]> {
  const text = document.toString();
  const base: Body = { operationName: operationName(text), variables: variables ?? {} };
  const full: Body = { ...base, query: text };
  if (!persisted) return [full];
  const manifestHash = documentHash(document);
  // A generated document's hash names the manifest's printing of it, not this text: on a
  // miss the text goes alone. An ad-hoc string registers itself under its own hash (APQ).
  if (manifestHash) return [{ ...base, extensions: persistedExtension(manifestHash) }, full];
  const ownHash = await sha256(text);
  if (!ownHash) return [full];
  return [
    { ...base, extensions: persistedExtension(ownHash) },
    { ...full, extensions: persistedExtension(ownHash) },
  ];
}

function isPersistedMiss(result: Result<unknown>): boolean {
  return (result.errors ?? []).some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
}

async function post(
  body: Body,
  accept: string,
  options: RequestOptions,
): Promise<{ response: Response }> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const response = await doFetch(options.endpoint ?? '/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept,
      ...credentialHeaders(options.credentials),
      ...options.headers,
    },
    body: JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { response };
}

async function readJson<TData>(response: Response): Promise<Result<TData>> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Result<TData>;
    if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) {
      return parsed;
    }
  } catch {
    // not JSON: reported below
  }
  throw new GatewayHttpError(response.status, text);
}

/**
 * Runs a query or mutation and resolves with its result, data and errors together (a
 * per-field upstream failure leaves the rest of the data). An operation with `@defer` resolves
 * once every part has arrived (use {@link subscribe} to render the parts as they come).
 * Rejects only when no GraphQL response came back ({@link GatewayHttpError}, network errors).
 */
export async function request<TData, TVariables>(
  document: Document<TData, TVariables>,
  variables?: TVariables,
  options: RequestOptions = {},
): Promise<Result<TData>> {
  const attempts = await bodies(
    document as Document<unknown, unknown>,
    variables,
    options.persisted ?? true,
  );
  let result: Result<TData> = {};
  for (const [i, body] of attempts.entries()) {
    const { response } = await post(
      body,
      'application/graphql-response+json, application/json, text/event-stream',
      options,
    );
    result = await readResult<TData>(response);
    if (i === attempts.length - 1 || !isPersistedMiss(result)) return result;
  }
  return result;
}

/** A JSON response, or the last state of an event stream (a deferred operation). */
async function readResult<TData>(response: Response): Promise<Result<TData>> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !response.body) return readJson<TData>(response);
  const merged = new Merged<TData>();
  let last: Result<TData> = {};
  for await (const event of sseEvents(response.body)) {
    if (event.event === 'complete') break;
    if (event.event === 'next') last = merged.add(JSON.parse(event.data) as Payload<TData>);
  }
  const { hasNext: _done, ...final } = last as Result<TData> & { hasNext?: boolean };
  return final;
}

/** One Server-Sent Event. */
interface SseEvent {
  event: string;
  data: string;
}

/** Splits an SSE byte stream into events (comments and pings skipped). */
async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':') || line === '') continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
        }
        if (event !== 'message' || data.length > 0) yield { event, data: data.join('\n') };
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    reader.releaseLock();
  }
}

type Incremental = { data?: unknown; items?: unknown[]; path: readonly (string | number)[] };

/** Applies an incremental (@defer/@stream) payload to the data received so far. */
function applyIncremental(target: unknown, patch: Incremental): void {
  let node = target as Record<string | number, unknown> | undefined;
  for (const key of patch.path.slice(0, patch.items ? -1 : undefined)) {
    node = node?.[key] as Record<string | number, unknown> | undefined;
  }
  if (!node) return;
  if (patch.items) {
    const list = node[patch.path[patch.path.length - 1]!] as unknown[] | undefined;
    list?.push(...patch.items);
  } else if (patch.data && typeof patch.data === 'object') {
    Object.assign(node, patch.data);
  }
}

/** One SSE payload: a complete result, or an incremental (@defer/@stream) part. */
type Payload<TData> = Result<TData> & {
  hasNext?: boolean;
  incremental?: (Incremental & { errors?: GatewayError[] })[];
};

/** The result so far of a stream of payloads. */
class Merged<TData> {
  private current: (Result<TData> & { hasNext?: boolean }) | null = null;

  /** Adds a payload and returns the result so far. */
  add(payload: Payload<TData>): Result<TData> & { hasNext?: boolean } {
    const previous = this.current;
    if (payload.incremental && previous) {
      let errors = previous.errors;
      for (const patch of payload.incremental) {
        applyIncremental(previous.data, patch);
        if (patch.errors) errors = [...(errors ?? []), ...patch.errors];
      }
      this.current = {
        ...previous,
        ...(errors ? { errors } : {}),
        hasNext: payload.hasNext ?? false,
      };
    } else {
      const { incremental: _ignored, ...rest } = payload;
      this.current = rest;
    }
    return this.current;
  }
}

/**
 * Streams a subscription (or an operation with `@defer`) over SSE. Each value is the result so
 * far: a subscription's events one by one; a deferred operation's data completed as parts
 * arrive (`hasNext` false on the last). Breaking out of the loop, or the signal, closes the
 * stream. Persisted-document hashes are sent as by {@link request}, except that an unknown
 * hash cannot be retried within one stream: the first payload then carries the error.
 */
export async function* subscribe<TData, TVariables>(
  document: Document<TData, TVariables>,
  variables?: TVariables,
  options: RequestOptions = {},
): AsyncGenerator<Result<TData> & { hasNext?: boolean }, void, undefined> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const attempts = await bodies(
    document as Document<unknown, unknown>,
    variables,
    options.persisted ?? true,
  );
  try {
    for (const [i, body] of attempts.entries()) {
      const { response } = await post(body, 'text/event-stream', {
        ...options,
        signal: controller.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream') || !response.body) {
        const result = await readJson<TData>(response);
        if (i < attempts.length - 1 && isPersistedMiss(result)) continue;
        yield result;
        return;
      }
      const merged = new Merged<TData>();
      let first = true;
      options.onOpen?.();
      for await (const event of sseEvents(response.body)) {
        if (event.event === 'complete') return;
        if (event.event !== 'next') continue;
        const payload = JSON.parse(event.data) as Payload<TData>;
        if (first && i < attempts.length - 1 && isPersistedMiss(payload)) break;
        first = false;
        yield merged.add(payload);
      }
      if (!first) return;
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}

/**
 * Errors of the DCI client. Their messages are short and safe to log or show: method, a route
 * with ids replaced by `:id`, the status and DCI's message or the first lines of a non-JSON
 * page. They never carry request headers, credentials, the query string or a whole body.
 */
import { STATUS_CODES } from 'node:http';

/** How the body of a failed response looked. */
export type ErrorBodyKind = 'json' | 'html' | 'text' | 'empty';

/** Longest detail put into a `message`. */
const MAX_DETAIL = 200;
/** Longest DCI message kept on an error (database errors quote whole SQL statements). */
const MAX_DCI_MESSAGE = 1000;

const UUID_SEGMENT =
  /\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=\/|$)/g;

/**
 * A path reduced to its route: query string dropped and every UUID segment replaced by `:id`
 * (`/jobs/<uuid>/jobstates` -> `/jobs/:id/jobstates`), for messages and metrics labels.
 */
export function routeOf(path: string): string {
  const q = path.indexOf('?');
  return (q === -1 ? path : path.slice(0, q)).replace(UUID_SEGMENT, '/:id');
}

/** A non-2xx answer from DCI. `message` reads `DCI 404 on GET /jobs/:id: job not found`. */
export class DciHttpError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** DCI's `message` from a JSON error body; `null` for HTML, text or empty bodies. */
  readonly dciMessage: string | null;
  /** DCI's `payload` (`{}` when absent), with any `api_secret` removed. */
  readonly payload: Record<string, unknown>;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path relative to /api/v1 with ids as `:id`. */
  readonly route: string;
  /** What the body was: a JSON error, an HTML page (routing errors, 500s), text, nothing. */
  readonly bodyKind: ErrorBodyKind;
  /** Attempts made before giving up (more than 1 only for retried GETs). */
  readonly attempts: number;

  constructor(init: {
    status: number;
    method: string;
    route: string;
    dciMessage: string | null;
    payload?: Record<string, unknown>;
    bodyKind: ErrorBodyKind;
    detail: string;
    attempts?: number;
  }) {
    super(`DCI ${init.status} on ${init.method} ${init.route}: ${init.detail}`);
    this.name = 'DciHttpError';
    this.status = init.status;
    this.dciMessage = init.dciMessage;
    this.payload = init.payload ?? {};
    this.method = init.method;
    this.route = init.route;
    this.bodyKind = init.bodyKind;
    this.attempts = init.attempts ?? 1;
  }
}

/**
 * Why a request got no HTTP answer: a socket `timeout`, a `connection` failure, the
 * operation's `deadline`, or an abort (the caller went away, the gateway is shutting down).
 */
export type NetworkErrorKind = 'timeout' | 'connection' | 'deadline' | 'aborted';

/** DCI could not be reached, did not answer in time, or the caller aborted. */
export class DciNetworkError extends Error {
  constructor(
    /** `timeout` (connect, headers or body), `connection` (refused, reset...), `deadline`, `aborted`. */
    readonly kind: NetworkErrorKind,
    /** Upper-case HTTP method. */
    readonly method: string,
    /** The path relative to /api/v1 with ids as `:id`. */
    readonly route: string,
    /** The low-level error code (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`), if any. */
    readonly code: string | null = null,
    /** Attempts made before giving up. */
    readonly attempts = 1,
  ) {
    const what = {
      timeout: 'timed out',
      connection: 'connection failed',
      deadline: "abandoned: the operation's deadline passed",
      aborted: 'aborted',
    };
    super(`DCI ${method} ${route} ${what[kind]}${code ? ` (${code})` : ''}`);
    this.name = 'DciNetworkError';
  }
}

/** A 2xx answer the client cannot use: not JSON, cut short, too large, or not the envelope. */
export class DciProtocolError extends Error {
  constructor(
    /** HTTP status of the response. */
    readonly status: number,
    /** Upper-case HTTP method. */
    readonly method: string,
    /** The path relative to /api/v1 with ids as `:id`. */
    readonly route: string,
    /** What was wrong, without the body. */
    readonly reason: string,
  ) {
    super(`DCI ${status} on ${method} ${route}: ${reason}`);
    this.name = 'DciProtocolError';
  }
}

/**
 * Removes every `api_secret` property, at any depth, in place. DCI embeds remoteci secrets in
 * job, team and remoteci objects (§4.4, §4.7); none may leave the client.
 */
export function stripApiSecrets<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      if ('api_secret' in obj) delete obj['api_secret'];
      // for-in, not Object.values: no array per object (a 50-job page has ~1,000 of them).
      for (const key in obj) {
        const item = obj[key];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return value;
}

/**
 * Builds the error for a non-2xx response from its raw body. JSON error bodies give DCI's
 * message and payload; HTML pages (404 for unknown routes or non-UUID ids, 405, 500) and
 * gunicorn's plain 400 give their first lines; a cut-short or invalid JSON body is reported as
 * such without being echoed.
 */
export function httpErrorFromResponse(init: {
  status: number;
  method: string;
  route: string;
  contentType: string | undefined;
  body: string;
  attempts?: number;
}): DciHttpError {
  const { status, method, route, attempts } = init;
  const body = init.body.trim();
  const contentType = (init.contentType ?? '').toLowerCase();
  const base = { status, method, route, attempts };

  if (body === '') {
    const detail = STATUS_CODES[status] ?? 'empty response';
    return new DciHttpError({ ...base, dciMessage: null, bodyKind: 'empty', detail });
  }
  const looksJson = contentType.includes('json') || body.startsWith('{') || body.startsWith('[');
  if (looksJson) {
    const parsed = tryParseJson(body);
    if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object') {
      const obj = stripApiSecrets(parsed.value) as Record<string, unknown>;
      // DCI's shape is {message, payload, status_code}; analytics answers {error}.
      const text = [obj['message'], obj['error']].find((m) => typeof m === 'string') as
        | string
        | undefined;
      const payload = obj['payload'];
      return new DciHttpError({
        ...base,
        dciMessage: text === undefined ? null : text.slice(0, MAX_DCI_MESSAGE),
        payload: isPlainObject(payload) ? payload : {},
        bodyKind: 'json',
        detail: text ? shorten(firstLine(text)) : (STATUS_CODES[status] ?? 'error'),
      });
    }
    if (contentType.includes('json') || !parsed.ok) {
      const detail = `unreadable JSON error body (${Buffer.byteLength(body)} bytes)`;
      return new DciHttpError({ ...base, dciMessage: null, bodyKind: 'text', detail });
    }
  }
  const html = contentType.includes('html') || body.startsWith('<');
  const lines = html ? htmlTextLines(body) : textLines(body);
  const detail = shorten(summarize(lines)) || (STATUS_CODES[status] ?? 'error');
  return new DciHttpError({ ...base, dciMessage: null, bodyKind: html ? 'html' : 'text', detail });
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function firstLine(text: string): string {
  return textLines(text)[0] ?? '';
}

function textLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The visible text lines of an HTML page: scripts, styles and tags removed, entities decoded. */
function htmlTextLines(html: string): string[] {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot|apos|#39|nbsp);/gi, decodeEntity);
  return textLines(text);
}

function decodeEntity(entity: string, name: string): string {
  const named: Record<string, string> = {
    lt: '<',
    gt: '>',
    amp: '&',
    quot: '"',
    apos: "'",
    nbsp: ' ',
  };
  const lower = name.toLowerCase();
  if (lower in named) return named[lower]!;
  const code = lower.startsWith('#x')
    ? Number.parseInt(lower.slice(2), 16)
    : Number(lower.slice(1));
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : entity;
}

/**
 * The first two distinct lines: a page's title plus its first explanation (`404 Not Found -
 * The requested URL was not found...`, `Bad Request - Request Line is too large (4095 > 4094)`).
 * A line already contained in the previous one (Werkzeug repeats its title in `<h1>`) is skipped.
 */
function summarize(lines: string[]): string {
  const picked: string[] = [];
  for (const line of lines) {
    const previous = picked.at(-1);
    if (previous?.toLowerCase().includes(line.toLowerCase())) continue;
    picked.push(line);
    if (picked.length === 2) break;
  }
  return picked.join(' - ');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_DETAIL ? flat : `${flat.slice(0, MAX_DETAIL - 1)}…`;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

/**
 * Which network failure an undici or socket error is: a timeout, a connection failure, or an
 * abort (any error once `signal` has fired). `null` for anything else, which is a bug to surface.
 */
export function classifyNetworkError(
  error: unknown,
  signal: AbortSignal | undefined,
): { kind: NetworkErrorKind; code: string | null } | null {
  const e = error as { code?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : null;
  if (signal?.aborted || code === 'UND_ERR_ABORTED' || e?.name === 'AbortError') {
    const reason = signal?.aborted ? (signal.reason as { abortCause?: unknown }) : null;
    return { kind: reason?.abortCause === 'deadline' ? 'deadline' : 'aborted', code: null };
  }
  if (code === null) return null;
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
  // HPE_*: llhttp could not parse the response, i.e. something that is not HTTP answered.
  if (CONNECTION_CODES.has(code) || code.startsWith('HPE_')) return { kind: 'connection', code };
  return null;
}

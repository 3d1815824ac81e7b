/**
 * Types shared by the emulator's HTTP server and its route modules: what a handler receives
 * and what it returns.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from './auth.js';
import { dciError, htmlError } from './errors.js';
import type { FileContents } from './file-contents.js';
import { type EmulatorStore, newEtag, timestamp, touchRow } from './store-access.js';

/** A handler's answer; the server serialises it (JSON, sorted keys as Flask does, §1.2). */
export interface Reply {
  status: number;
  /** JSON body; omitted (with `Content-Type: application/json` kept) for empty answers (§1.3). */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * A streamed body instead of JSON: sent chunked, without Content-Length, as Flask streams a
   * file download (§4.6); `headers` must then carry the Content-Type.
   */
  stream?: () => AsyncIterable<Uint8Array>;
  /** The JSON body already serialised (sorted keys, UTF-8), instead of `body`. */
  json?: Buffer;
}

/** Long-lived state of one emulator instance, shared by every request. */
export interface EmulatorState {
  store: EmulatorStore;
  /** The injectable clock (HMAC expiry, timestamps of written rows). */
  now: () => Date;
  /** Test-only bearer tokens: token -> user name and whether it is expired (§2.3). */
  bearerTokens: Map<string, { userName: string; expired: boolean }>;
  /** File contents: uploaded, registered by tests, or generated from the rows on demand. */
  contents: FileContents;
}

/** Everything a route handler sees of one request. */
export interface RouteContext {
  method: string;
  /** Percent-decoded path, `/api/v1` included. */
  path: string;
  /** The UUID path parameters, lower-cased, in template order. */
  ids: string[];
  /** Decoded query parameters (repeated keys kept; DCI reads the first). */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The authenticated caller (routes are authenticated unless marked public). */
  identity: Identity;
  state: EmulatorState;
}

/** One entry of the routing table. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to `/api/v1`, ids written `:id` (`/jobs/:id/components/:id`). */
  template: string;
  /** No authentication (only `GET /api/v1/`). */
  public?: boolean;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

/**
 * The request body as JSON. Invalid JSON -> 400 HTML page (Flask's BadRequest); a missing or
 * non-JSON Content-Type makes Flask 1.1 read `null`, which the schema rejects as
 * "None is not of type 'object'" (§1.3).
 */
export function jsonBody(ctx: RouteContext): Record<string, unknown> {
  const type = String(ctx.headers['content-type'] ?? '');
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw dciError(400, 'Request malformed', {
      error: "None is not of type 'object'",
      errors: ["None is not of type 'object'"],
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.rawBody.toString('utf8'));
  } catch {
    throw htmlError(400, 'Bad Request');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const shown = Array.isArray(parsed) ? JSON.stringify(parsed) : String(parsed);
    throw dciError(400, 'Request malformed', {
      error: `${shown} is not of type 'object'`,
      errors: [`${shown} is not of type 'object'`],
    });
  }
  return parsed as Record<string, unknown>;
}

/** 200 with a body and, when given, the raw (unquoted) ETag header (§6). */
export const ok = (body: unknown, etag?: string | null): Reply => ({
  status: 200,
  body,
  ...(etag !== undefined ? { headers: { ETag: String(etag) } } : {}),
});

/** 201 with the echoed body and, when given, the raw ETag header (§1.3). */
export const created = (body: unknown, etag?: string): Reply => ({
  status: 201,
  body,
  ...(etag !== undefined ? { headers: { ETag: etag } } : {}),
});

/** An empty answer (204 for DELETE; 201 for the job component routes, §1.3). */
export const empty = (status = 204): Reply => ({ status });

/** The list envelope `{"<plural>": [...], "_meta": {"count": N}}` (§1.2). */
export const listReply = (key: string, rows: unknown[], count: number): Reply => ({
  status: 200,
  body: { [key]: rows, _meta: { count } },
});

/** One request header's value (the first when repeated). */
export function header(ctx: RouteContext, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Every write gives the row a new random etag (not a content hash) and updated_at (§6); the
 * row's table then files it again in its indexes (its status or timestamps may have changed).
 */
export function markWritten(
  ctx: RouteContext,
  row: { id: string; etag: string; updated_at: string },
): void {
  row.etag = newEtag();
  row.updated_at = timestamp(ctx.state.now());
  touchRow(ctx.state.store, row);
}

/**
 * The emulator's HTTP server: node:http on 127.0.0.1, gunicorn's request-line limit, Flask's
 * routing and error pages, per-request authentication, the request log, latency and faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth.js';
import type { EmulatorState, Reply, RouteContext, RouteDef } from './context.js';
import { EmulatorError } from './errors.js';
import type { FaultInjector, FaultRule } from './faults.js';
import { sortedJson } from './json.js';
import type { LogEntry, RequestLog } from './request-log.js';
import { Router } from './router.js';

/** Fixed latency, or per route template (`/jobs/:id`) with an optional `*` default. */
export type LatencySetting = number | Record<string, number>;

/** What the server needs from its emulator. */
export interface ServerOptions {
  host: string;
  port: number;
  requestLineLimit: number;
  /** Record each request's CPU time in the log (two reads of the process's CPU clock). */
  measureCpu: boolean;
  routes: readonly RouteDef[];
  state: EmulatorState;
  log: RequestLog;
  faults: FaultInjector;
  latency: () => LatencySetting;
}

/** Bodies above 20 MiB get 413 (§1.3). */
const MAX_BODY = 20 * 1024 * 1024;
const API_PREFIX = '/api/v1';
const CORS_HEADERS = 'Authorization, Content-Type, If-Match, ETag, X-Requested-With, X-Dci-Team-Id';

interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** A streamed body (chunked, no Content-Length); `body` is then empty. */
  stream?: () => AsyncIterable<Uint8Array>;
}

/** Starts listening; resolves with the server and its origin URL. */
export async function listen(opts: ServerOptions): Promise<{ server: Server; url: string }> {
  const router = new Router(opts.routes);
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res, opts, router).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${opts.host}:${port}` };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  opts: ServerOptions,
  router: Router,
): Promise<void> {
  const start = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const entry: LogEntry = {
    seq: opts.log.nextSeq(),
    method,
    path: rawUrl,
    route: '(unknown)',
    query: {},
    identity: null,
    status: 0,
    start,
    end: start,
    cpuMs: 0,
    bytes: 0,
  };
  const done = (status: number) => {
    entry.status = status;
    entry.end = performance.now();
    opts.log.add(entry);
  };

  // gunicorn's limit_request_line (default 4094) rejects long request lines before Flask
  // sees them, with a plain-text 400 (§3.4): the practical cap on `or(eq(id,...))` batches.
  const line = `${req.method} ${rawUrl} HTTP/${req.httpVersion}`;
  const lineLength = Buffer.byteLength(line, 'latin1');
  if (lineLength > opts.requestLineLimit) {
    entry.route = '(request-line)';
    const text = `Bad Request\nRequest Line is too large (${lineLength} > ${opts.requestLineLimit})`;
    await drain(req);
    send(res, plain(400, text), done);
    return;
  }

  // Concatenated, not resolved: a target such as `//x` must stay a path, not become a host.
  const url = new URL(
    rawUrl.startsWith('/') ? `http://emulator${rawUrl}` : rawUrl,
    'http://emulator',
  );
  const path = safeDecode(url.pathname);
  entry.path = path;
  for (const [k, v] of url.searchParams) if (!(k in entry.query)) entry.query[k] = v;

  const body = await readBody(req);
  if (body === null) {
    send(res, render(new EmulatorError(413, 'Request Entity Too Large', {}, true)), done);
    return;
  }

  const rel = path === API_PREFIX ? '/' : path.startsWith(`${API_PREFIX}/`) ? path.slice(7) : null;
  const match = rel === null ? ({ kind: 'none' } as const) : router.match(method, rel);
  if (match.kind === 'found') entry.route = match.route.template;
  else if (match.kind === 'method') entry.route = match.template;

  const fault = opts.faults.pick(method, entry.route, path);
  const delay = latencyFor(opts.latency(), entry.route);
  if (delay > 0) await sleep(delay);

  if (fault?.kind === 'hang' && !(await hang(res, fault.delayMs))) {
    done(0);
    return;
  }
  if (fault && (fault.kind === 'reset' || fault.kind === '5xx' || fault.kind === '429')) {
    answerFault(res, fault, done);
    return;
  }
  if (fault?.kind === 'echo') {
    const status = fault.status ?? 400;
    const message =
      fault.message ?? `Request refused: Authorization: ${req.headers.authorization ?? '(none)'}`;
    send(res, renderReply({ status, body: { message, payload: {}, status_code: status } }), done);
    return;
  }
  if (fault?.kind === 'html') {
    const status = fault.status ?? 502;
    send(res, render(new EmulatorError(status, statusTitle(status), {}, true)), done);
    return;
  }

  let rendered: Rendered;
  if (method === 'OPTIONS' && match.kind === 'method') {
    // Flask's automatic OPTIONS: 200, empty, with the allowed methods (CORS preflight).
    rendered = renderReply({ status: 200 });
    rendered.headers.Allow = allowHeader(match.allowed);
  } else if (match.kind === 'none')
    rendered = render(new EmulatorError(404, 'Not Found', {}, true));
  else if (match.kind === 'method') {
    rendered = render(new EmulatorError(405, 'Method Not Allowed', {}, true));
    rendered.headers.Allow = allowHeader(match.allowed);
  } else {
    rendered = await run(match.route, match.ids, { req, path, url, body, opts, entry });
    entry.bytes = rendered.body.length;
  }

  if (fault?.kind === 'rewrite' && fault.rewrite && !rendered.stream) {
    const rewritten = fault.rewrite(JSON.parse(rendered.body.toString('utf8')));
    rendered.body = Buffer.from(JSON.stringify(rewritten), 'utf8');
  }
  if (fault?.kind === 'truncated') {
    rendered.body = rendered.body.subarray(0, Math.max(1, Math.floor(rendered.body.length / 2)));
  }
  if (rendered.stream) {
    await sendStream(res, rendered, method === 'HEAD', entry, done);
    return;
  }
  if (fault?.kind === 'slow') {
    await sendSlowly(res, rendered, fault.delayMs ?? 200, done);
    return;
  }
  if (fault?.kind === 'drip') {
    await drip(res, rendered, fault.delayMs ?? 100, fault.chunkBytes ?? 16, done);
    return;
  }
  if (fault?.kind === 'reset-after') {
    // The route has done its work (a POST inserted its row); the answer is lost.
    res.socket?.destroy();
    done(0);
    return;
  }
  send(res, rendered, done);
}

async function run(
  route: RouteDef,
  ids: string[],
  r: {
    req: IncomingMessage;
    path: string;
    url: URL;
    body: Buffer;
    opts: ServerOptions;
    entry: LogEntry;
  },
): Promise<Rendered> {
  // CPU around the synchronous part (authentication, handler, serialisation): every handler
  // answers synchronously, so no other request's work falls inside the measurement.
  const cpu = r.opts.measureCpu ? process.cpuUsage() : null;
  try {
    const { state } = r.opts;
    const identity = route.public
      ? null
      : authenticate(
          {
            method: r.req.method ?? 'GET',
            path: r.path,
            query: r.url.searchParams,
            headers: r.req.headers,
            body: r.body,
          },
          state,
        );
    if (identity) r.entry.identity = identity.label;
    const ctx = {
      method: r.req.method ?? 'GET',
      path: r.path,
      ids,
      query: r.url.searchParams,
      headers: r.req.headers,
      rawBody: r.body,
      identity,
      state,
    } as RouteContext;
    const reply = route.handler(ctx);
    return renderReply(reply instanceof Promise ? await reply : reply);
  } catch (err) {
    if (err instanceof EmulatorError) return render(err);
    return render(new EmulatorError(500, 'Internal Server Error', {}, true));
  } finally {
    if (cpu !== null) {
      const used = process.cpuUsage(cpu);
      r.entry.cpuMs = (used.user + used.system) / 1000;
    }
  }
}

/** Serialises a reply: JSON with alphabetically sorted keys (Flask's default, §1.2). */
function renderReply(reply: Reply): Rendered {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    ...(reply.headers ?? {}),
  };
  if (reply.stream) {
    return { status: reply.status, headers, body: Buffer.alloc(0), stream: reply.stream };
  }
  const body =
    reply.json ??
    (reply.body === undefined ? Buffer.alloc(0) : Buffer.from(sortedJson(reply.body), 'utf8'));
  return { status: reply.status, headers, body };
}

/** The two error shapes of §7.1: `{message, payload, status_code}` JSON or an HTML page. */
function render(err: EmulatorError): Rendered {
  if (!err.html) {
    return renderReply({
      status: err.status,
      body: { message: err.message, payload: err.payload, status_code: err.status },
    });
  }
  const html =
    '<!doctype html>\n<html lang=en>\n' +
    `<title>${err.status} ${err.message}</title>\n<h1>${err.message}</h1>\n` +
    `<p>${HTML_TEXT[err.status] ?? 'The server could not handle the request.'}</p>\n`;
  return {
    status: err.status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: Buffer.from(html, 'utf8'),
  };
}

const HTML_TEXT: Record<number, string> = {
  400: 'The browser (or proxy) sent a request that this server could not understand.',
  404: 'No such URL on this server.',
  405: 'This method is not allowed for the requested URL.',
  413: 'The request body is larger than the server accepts.',
  500: 'The server hit an internal error and could not complete the request.',
  502: 'The upstream server answered with an invalid response.',
};

const TITLES: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusTitle(status: number): string {
  return TITLES[status] ?? 'Server Error';
}

function allowHeader(methods: string[]): string {
  const all = new Set([...methods, 'OPTIONS']);
  if (all.has('GET')) all.add('HEAD');
  return [...all].sort().join(', ');
}

function plain(status: number, text: string): Rendered {
  return {
    status,
    headers: { 'Content-Type': 'text/plain', Connection: 'close' },
    body: Buffer.from(text, 'utf8'),
  };
}

function answerFault(res: ServerResponse, fault: FaultRule, done: (s: number) => void): void {
  if (fault.kind === 'reset') {
    res.socket?.destroy();
    done(0);
    return;
  }
  const status = fault.kind === '429' ? 429 : (fault.status ?? 503);
  const message = statusTitle(status);
  const rendered = renderReply({
    status,
    body: { message, payload: {}, status_code: status },
    ...(fault.kind === '429' ? { headers: { 'Retry-After': String(fault.retryAfter ?? 1) } } : {}),
  });
  send(res, rendered, done);
}

function withCors(headers: Record<string, string>, length: number | null): Record<string, string> {
  return {
    ...headers,
    ...(length === null ? {} : { 'Content-Length': String(length) }),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': CORS_HEADERS,
    'Access-Control-Allow-Headers': CORS_HEADERS,
  };
}

function send(res: ServerResponse, r: Rendered, done: (s: number) => void): void {
  res.writeHead(r.status, withCors(r.headers, r.body.length));
  // Logged before the bytes leave, so a client that has read the answer always finds it
  // in the log (tests count requests right after awaiting them).
  done(r.status);
  res.end(r.body);
}

/**
 * A streamed answer, as Flask sends a file download: chunked, no Content-Length, written as the
 * client reads (backpressure), so a large content is never held in memory. The request is
 * logged when the headers leave and its end updated when the body is done or the client left.
 */
async function sendStream(
  res: ServerResponse,
  r: Rendered,
  head: boolean,
  entry: LogEntry,
  done: (s: number) => void,
): Promise<void> {
  res.writeHead(r.status, withCors(r.headers, null));
  res.flushHeaders();
  done(r.status);
  if (head || !r.stream) {
    res.end();
    return;
  }
  try {
    for await (const chunk of r.stream()) {
      if (res.destroyed) break;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            res.off('drain', settle);
            res.off('close', settle);
            resolve();
          };
          res.on('drain', settle);
          res.on('close', settle);
        });
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    res.destroy();
  } finally {
    entry.end = performance.now();
  }
}

async function sendSlowly(
  res: ServerResponse,
  r: Rendered,
  delayMs: number,
  done: (s: number) => void,
): Promise<void> {
  res.writeHead(r.status, withCors(r.headers, r.body.length));
  const half = Math.floor(r.body.length / 2);
  res.write(r.body.subarray(0, half));
  await sleep(delayMs);
  done(r.status);
  if (!res.destroyed) res.end(r.body.subarray(half));
}

/**
 * Holds a request without answering: until the client closes the connection (false), or for
 * `ms` (true: answer normally afterwards).
 */
async function hang(res: ServerResponse, ms: number | undefined): Promise<boolean> {
  if (res.destroyed) return false;
  const closed = new Promise<false>((resolve) => res.once('close', () => resolve(false)));
  const waited = ms === undefined ? closed : sleep(ms).then(() => !res.destroyed);
  return Promise.race([closed, waited]);
}

/** Sends the body `chunkBytes` at a time, `delayMs` apart, while the client listens. */
async function drip(
  res: ServerResponse,
  r: Rendered,
  delayMs: number,
  chunkBytes: number,
  done: (s: number) => void,
): Promise<void> {
  res.writeHead(r.status, withCors(r.headers, r.body.length));
  done(r.status);
  for (let at = 0; at < r.body.length && !res.destroyed; at += chunkBytes) {
    if (at > 0) await sleep(delayMs);
    if (!res.destroyed) res.write(r.body.subarray(at, at + chunkBytes));
  }
  if (!res.destroyed) res.end();
}

function latencyFor(setting: LatencySetting, route: string): number {
  if (typeof setting === 'number') return setting;
  return setting[route] ?? setting['*'] ?? 0;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const NO_BODY = Buffer.alloc(0);

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  // No Content-Length nor Transfer-Encoding: HTTP/1.1 says there is no body (a GET).
  if (
    req.headers['content-length'] === undefined &&
    req.headers['transfer-encoding'] === undefined
  ) {
    req.resume();
    return NO_BODY;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  return tooLarge ? null : Buffer.concat(chunks);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

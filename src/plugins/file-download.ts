/**
 * `GET|HEAD /files/<id>/content`: a file downloaded through the gateway, with the caller's own
 * credentials (the same headers as /graphql, src/auth.ts), streamed from DCI to the client
 * without being held in memory.
 *
 * DCI streams a content chunked, without Content-Length, and ignores `Range` (REST-REFERENCE
 * §4.6), so the gateway asks for the file's metadata (`GET /files/<id>`) at the same time as the
 * content and answers with:
 * - `Content-Type`: DCI's (the file's mime, text/plain when it has none);
 * - `Content-Length`: the metadata's size; a content that turns out longer or shorter than
 *   announced is cut off with an aborted connection, never passed on silently;
 * - `Content-Disposition: attachment` with the file's name, so a browser downloads it rather
 *   than rendering it on the gateway's origin, plus `X-Content-Type-Options: nosniff` and a
 *   sandboxing Content-Security-Policy for the same reason;
 * - `Cache-Control: private, no-store`: the answer depends on who asked.
 * Errors are JSON `{errors: [{message, extensions: {code}}]}` with the status of their code;
 * no credential, header or upstream URL is ever part of one. The download follows the client's
 * request: when the client goes away, the DCI download is aborted.
 */
import type { Plugin } from 'graphql-yoga';
import { endOperation, requestClient, requestIdOf } from '../context.js';
import type { DciClient, DciStream } from '../dci/client.js';
import { DciHttpError, DciNetworkError, DciProtocolError } from '../dci/errors.js';
import type { DciFile } from '../dci/types.js';
import { codeOf, isGraphQLError } from '../errors.js';
import type { GatewayOptions } from '../server.js';

const ROUTE = /^\/files\/([^/]+)\/content\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** HTTP status of each error code the route answers with. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  METHOD_NOT_ALLOWED: 405,
  DCI_TIMEOUT: 504,
};

type Fetch = { Response: typeof Response; ReadableStream: typeof ReadableStream };

/** The download route (see the module comment). */
export function fileDownloadPlugin(options: GatewayOptions): Plugin {
  return {
    // Not async: any other request (every GraphQL one) passes without a promise to wait on.
    onRequest({ request, url, fetchAPI, endResponse }) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return;
      return download(request, match[1]!, options, fetchAPI).then(endResponse);
    },
  };
}

async function download(
  request: Request,
  id: string,
  options: GatewayOptions,
  fetchAPI: Fetch,
): Promise<Response> {
  const requestId = requestIdOf(request);
  const fail = (code: string, message: string, extra: Record<string, string> = {}) =>
    new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
      status: STATUS[code] ?? 502,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-request-id': requestId,
        ...extra,
      },
    });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return fail('METHOD_NOT_ALLOWED', 'Use GET or HEAD to download a file.', {
      allow: 'GET, HEAD',
    });
  }
  if (!UUID.test(id)) return fail('NOT_FOUND', 'No such file: file ids are UUIDs.');
  let client: DciClient | null;
  try {
    client = requestClient(request, options, requestId).client;
  } catch (error) {
    if (isGraphQLError(error)) return fail('UNAUTHENTICATED', error.message);
    throw error;
  }
  if (!client) {
    return fail(
      'UNAUTHENTICATED',
      'DCI credentials required: send Authorization (Basic or Bearer) or X-Dci-Client-Id and X-Dci-Api-Secret.',
    );
  }

  const path = `/files/${id.toLowerCase()}`;
  const signal = request.signal;
  // Metadata and content side by side: one round trip, not two.
  const [meta, content] = await Promise.allSettled([
    client.get<DciFile>(path, { signal }),
    client.stream(`${path}/content`, { signal }),
  ]);
  if (content.status === 'rejected') {
    return failed(content.reason, fail);
  }
  const stream = content.value;
  if (meta.status === 'rejected') {
    stream.cancel();
    return failed(meta.reason, fail);
  }
  const file = meta.value.item;
  const size = typeof file.size === 'number' && file.size >= 0 ? file.size : null;
  const headers: Record<string, string> = {
    'content-type': header(stream, 'content-type') ?? file.mime ?? 'text/plain',
    'content-disposition': contentDisposition(file.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'x-request-id': requestId,
  };
  if (size !== null) headers['content-length'] = String(size);
  if (request.method === 'HEAD') {
    stream.cancel();
    return new fetchAPI.Response(null, { status: 200, headers });
  }
  // A download lasts as long as its client reads: the operation deadline bounds getting the
  // answer, not streaming it; a disconnect still aborts the DCI download.
  endOperation(request, { streamed: true });
  return new fetchAPI.Response(body(stream, size, fetchAPI), { status: 200, headers });
}

/** The answer to an upstream failure: its code's status and a safe message. */
function failed(
  error: unknown,
  fail: (code: string, message: string) => Response,
): Response | Promise<Response> {
  if (error instanceof DciHttpError) return fail(codeOf(error), error.message);
  if (error instanceof DciNetworkError) {
    return fail(
      error.kind === 'timeout' ? 'DCI_TIMEOUT' : 'DCI_UNAVAILABLE',
      'DCI did not answer the download.',
    );
  }
  if (error instanceof DciProtocolError) return fail('UPSTREAM_ERROR', error.message);
  throw error;
}

function header(stream: DciStream, name: string): string | undefined {
  const value = stream.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The body, passed on chunk by chunk as the client reads it. A content longer or shorter than
 * the metadata's size errors the stream, so the client sees a broken download rather than a
 * silently wrong file.
 */
function body(stream: DciStream, size: number | null, fetchAPI: Fetch): ReadableStream {
  const chunks = stream.body[Symbol.asyncIterator]();
  let sent = 0;
  return new fetchAPI.ReadableStream({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          if (size !== null && sent !== size) throw new Error('content shorter than its size');
          controller.close();
          return;
        }
        sent += next.value.length;
        if (size !== null && sent > size) throw new Error('content longer than its size');
        controller.enqueue(next.value);
      } catch (error) {
        stream.cancel();
        controller.error(error);
      }
    },
    cancel() {
      stream.cancel();
    },
  });
}

/**
 * `attachment` with the file's name: an ASCII fallback (quotes, backslashes and control
 * characters removed) and the exact name in RFC 5987 form.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_').replace(/[/]/g, '_') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

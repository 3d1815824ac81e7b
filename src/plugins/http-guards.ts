/**
 * HTTP-level guards of the GraphQL endpoint:
 *
 * - a request body limit: a declared Content-Length above it is answered 413 before the body
 *   is read; a body without one is read through a counter and abandoned at the limit;
 * - CSRF prevention: a browser can send a "simple" cross-site request (GET, or a POST of
 *   text/plain, form or multipart data) without a CORS preflight, so such requests must carry
 *   a header only scripts can set (`X-GraphQL-Yoga-CSRF`, `Apollo-Require-Preflight`) or be
 *   JSON. GraphiQL itself POSTs JSON; `curl` users add the header to GET queries.
 */
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Headers that prove a request was made by a script, not a form or an <img>. */
export const CSRF_HEADERS: readonly string[] = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** An HTTP refusal as a GraphQLError Yoga turns into a response with this status. */
function httpError(
  message: string,
  code: string,
  status: number,
  headers?: Record<string, string>,
): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code, http: headers ? { status, headers } : { status } },
  });
}

/** Refuses requests a browser could have sent cross-site without a preflight. */
export function csrfPreventionPlugin(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method === 'OPTIONS') return;
      const type = mediaType(request);
      const preflighted =
        (type !== '' && !SIMPLE_TYPES.includes(type)) ||
        CSRF_HEADERS.some((name) => request.headers.has(name));
      if (!preflighted) {
        throw httpError(
          'This request could have been sent cross-site: send it as application/json, or add the header X-GraphQL-Yoga-CSRF: 1 (GET queries).',
          'CSRF_HEADER_REQUIRED',
          403,
        );
      }
    },
  };
}

/**
 * The 413 error of a body above `limit` bytes. The rest of the body is never read, so the
 * connection cannot carry another request (its next bytes are the unread body): the response
 * says `Connection: close` and Node closes the socket once it is sent.
 */
function tooLarge(limit: number): GraphQLError {
  return httpError(`Request body exceeds the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE', 413, {
    connection: 'close',
  });
}

const DECIMAL = /^[0-9]{1,15}$/;

/**
 * Reads a body up to `limit` bytes; throws PAYLOAD_TOO_LARGE beyond, cancelling the stream. A
 * body whose declared Content-Length is within the limit is read at once (the HTTP server
 * delivers exactly that many bytes), and its size checked again; any other is read through a
 * counter and abandoned at the limit.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && DECIMAL.test(declared) && Number(declared) <= limit) {
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return Buffer.from(bytes).toString('utf8');
  }
  const body = request.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function badRequest(message: string): GraphQLError {
  return httpError(message, 'BAD_REQUEST', 400);
}

function parseJsonBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('POST body sent invalid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // Batching is off: one operation per request.
    throw badRequest(
      'POST body is expected to be one JSON object {query, variables, operationName}.',
    );
  }
  return value as Record<string, unknown>;
}

/** `query`, `operationName`, `variables` and `extensions` of a form body or a query string. */
function parseFormBody(text: string): Record<string, unknown> {
  const form = new URLSearchParams(text);
  const json = (name: string): unknown => {
    const raw = form.get(name);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      throw badRequest(`${name} is not valid JSON.`);
    }
  };
  return {
    query: form.get('query') ?? undefined,
    operationName: form.get('operationName') ?? undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  };
}

/** Limits request bodies to `limit` bytes (see the module comment). */
export function bodyLimitPlugin(limit: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > limit) {
        const error = tooLarge(limit);
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
            }),
            {
              status: 413,
              headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
            },
          ),
        );
      }
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method === 'GET') {
        // Yoga's own GET parser lets a JSON.parse error through as a 500: the same rules as
        // a form body instead (malformed `variables` or `extensions` -> 400 BAD_REQUEST).
        setRequestParser(async (r) => parseFormBody(new URL(r.url).search));
        return;
      }
      if (request.method === 'HEAD') return;
      const type = mediaType(request);
      if (type === 'application/json' || type === 'application/graphql+json') {
        setRequestParser(async (r) => parseJsonBody(await readBodyLimited(r, limit)));
      } else if (type === 'application/graphql') {
        setRequestParser(async (r) => ({ query: await readBodyLimited(r, limit) }));
      } else if (type === 'application/x-www-form-urlencoded') {
        setRequestParser(async (r) => parseFormBody(await readBodyLimited(r, limit)));
      }
    },
  };
}

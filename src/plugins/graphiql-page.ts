/**
 * Delivery of the GraphiQL page (about 9 MB of HTML: the bundled editor is inlined). Served
 * here, before Yoga's own renderer, so that it is
 *
 * - compressed: brotli or gzip when the browser accepts them (computed once, off the event
 *   loop, and kept), about a tenth of the size;
 * - cacheable: an `ETag` (a hash of the page) with `Cache-Control: no-cache`, so a browser
 *   revalidates and gets `304 Not Modified` without a body while the page is unchanged;
 * - shareable: `?query=<operation>` opens the editor on that operation (src/graphiql.ts).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { renderGraphiQL } from '../graphiql.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One rendering of the page with its validator and compressed forms. */
interface Page {
  html: Buffer;
  etag: string;
  br: Promise<Buffer>;
  gzip: Promise<Buffer>;
}

function preparePage(html: string): Page {
  const bytes = Buffer.from(html, 'utf8');
  const page: Page = {
    html: bytes,
    etag: `"${createHash('sha256').update(bytes).digest('base64url')}"`,
    // Quality 5: most of brotli's gain for a fraction of its time on 9 MB.
    br: brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    gzip: gzipAsync(bytes, { level: 6 }),
  };
  // A compression failure falls back to the plain page; never an unhandled rejection.
  page.br.catch(() => {});
  page.gzip.catch(() => {});
  return page;
}

/** The encoding to send: brotli, then gzip, when `Accept-Encoding` allows them (q > 0). */
export function pickEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/** Whether a request is a browser asking for the GraphiQL page (as Yoga decides it). */
function wantsPage(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** Serves GraphiQL at `endpoint` compressed and with an ETag; `options: false` turns it off. */
export function graphiqlPagePlugin(config: {
  options: GraphiQLOptions | false;
  endpoint: string;
}): Plugin {
  let page: Page | null = null;
  type Payload = Parameters<NonNullable<Plugin['onRequest']>>[0];
  const serve = async ({ request, fetchAPI, endResponse }: Payload, options: GraphiQLOptions) => {
    page ??= preparePage(renderGraphiQL(options));
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      etag: page.etag,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    };
    const tags = request.headers.get('if-none-match') ?? '';
    if (
      tags.split(',').some((t) => t.trim().replace(/^W\//, '') === page!.etag || t.trim() === '*')
    ) {
      endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      return;
    }
    const encoding = pickEncoding(request.headers.get('accept-encoding'));
    let body = page.html;
    if (encoding) {
      try {
        body = await page[encoding];
        headers['content-encoding'] = encoding;
      } catch {
        body = page.html;
      }
    }
    headers['content-length'] = String(body.length);
    endResponse(new fetchAPI.Response(new Uint8Array(body), { status: 200, headers }));
  };
  return {
    // Not async: any other request (every GraphQL one) passes without a promise to wait on.
    onRequest(payload) {
      const { request, url } = payload;
      if (!config.options || url.pathname !== config.endpoint || !wantsPage(request)) return;
      return serve(payload, config.options);
    },
  };
}

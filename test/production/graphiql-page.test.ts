/**
 * The GraphiQL page: compressed when the browser accepts it, revalidated with an ETag (304
 * without a body while unchanged), and able to open on a shared `?query=`.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/plugins/graphiql-page.js';
import { buildGateway } from './helpers.js';

const g = buildGateway({ dciUrl: 'http://127.0.0.1:9' }, { mode: 'demo' });
const page = (headers: Record<string, string> = {}) =>
  g.gateway.fetch('http://gateway.test/graphql', {
    headers: { accept: 'text/html', ...headers },
  });

describe('the GraphiQL page', () => {
  it('is sent gzip-compressed when accepted, a fraction of its size', async () => {
    const plain = await page();
    const html = await plain.text();
    expect(html.length).toBeGreaterThan(1_000_000);
    const res = await page({ 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(html.length / 3);
    expect(gunzipSync(bytes).toString('utf8')).toBe(html);
  }, 60_000);

  it('prefers brotli when the browser accepts it', async () => {
    const res = await page({ 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(2_000_000);
  }, 60_000);

  it('answers 304 without a body to a browser holding the current version', async () => {
    const first = await page();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await page({ 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await page({ 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('reads ?query= from the URL to prefill the editor', async () => {
    const html = await (await page()).text();
    expect(html).toContain("new URLSearchParams(window.location.search).get('query')");
    expect(html).toContain('dciGraphqlRender(');
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', null],
    ['', null],
    ['*', 'br'],
  ])('picks the encoding for Accept-Encoding %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

/**
 * The reference dashboard at `/dashboard/`: the files `npm run build` bundles into
 * dist/dashboard/ (scripts/build-dashboard.ts), served from a Yoga `onRequest` hook, with the
 * GraphQL endpoint and the credential mode written into the page. Everything comes from the
 * gateway (a Content-Security-Policy of 'self' only), so it works offline. Off with
 * `--dashboard false`.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'graphql-yoga';
import type { CredentialMode } from '../config.js';

/** Options of {@link dashboardPlugin}. */
export interface DashboardOptions {
  /** Serve the dashboard (default true). */
  enabled?: boolean;
  /** The built files (default: dist/dashboard/ of the package). */
  dir?: string | URL;
}

const DEFAULT_DIR = new URL('../../dist/dashboard/', import.meta.url);

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const attr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Serves the dashboard under /dashboard/ (nothing when disabled). */
export function dashboardPlugin(
  options: DashboardOptions & { graphqlEndpoint: string; mode: CredentialMode },
): Plugin | null {
  if (options.enabled === false) return null;
  const base = options.dir ?? DEFAULT_DIR;
  const dir = typeof base === 'string' ? new URL(`file://${base.replace(/\/?$/, '/')}`) : base;
  const cache = new Map<string, string>();
  const read = (name: string): string | null => {
    let text = cache.get(name);
    if (text === undefined) {
      try {
        text = readFileSync(new URL(name, dir), 'utf8');
      } catch {
        return null;
      }
      if (name === 'index.html') {
        text = text
          .replace('__ENDPOINT__', attr(options.graphqlEndpoint))
          .replace('__MODE__', attr(options.mode));
      }
      cache.set(name, text);
    }
    return text;
  };
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/dashboard') {
        endResponse(
          new fetchAPI.Response(null, { status: 308, headers: { location: '/dashboard/' } }),
        );
        return;
      }
      if (!url.pathname.startsWith('/dashboard/')) return;
      const name = url.pathname.slice('/dashboard/'.length) || 'index.html';
      const type = FILES[name];
      const text = type ? read(name) : null;
      if (!type || text === null) {
        const missing = type && read('index.html') === null;
        endResponse(
          new fetchAPI.Response(
            missing
              ? 'The dashboard is not built: run `npm run build` (npm start does).\n'
              : 'Not found.\n',
            { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } },
          ),
        );
        return;
      }
      endResponse(new fetchAPI.Response(text, { headers: { 'content-type': type, ...HEADERS } }));
    },
  };
}

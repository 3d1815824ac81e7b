/**
 * Test helpers for the emulator: start a tiny instance, send raw requests with node:http (full
 * control over Host, paths and headers), sign HMAC requests with the project's signer.
 */
import { request as httpRequest } from 'node:http';
import type { DciAuth } from '../../src/dci/credentials.js';
import { canonicalQueryString, signRequest } from '../../src/dci/signature.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';

/** A tiny emulator on 127.0.0.1, a free port, seed 1. */
export const startTiny = (opts: EmulatorOptions = {}) =>
  startEmulator({ size: 'tiny', seed: 1, ...opts });

/** A request to send. `path` is relative to `/api/v1` unless `raw` is set. */
export interface Call {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Send `path` untouched (no prefix, no query encoding). */
  raw?: boolean;
  auth?: DciAuth | null;
  /** Host header to send (and sign). */
  host?: string;
  /** Signing time for HMAC; the emulator clock by default. */
  signedAt?: Date;
}

/** Parsed JSON of arbitrary shape. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
export type Json = any;

/** What came back. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Json;
}

/** The identity fixture's auth by name. */
export function authOf(emu: Emulator, name: string): DciAuth {
  const ids = emu.fixtures.identities as unknown as Record<string, { auth: DciAuth }>;
  const id = ids[name];
  if (!id) throw new Error(`no fixture identity ${name}`);
  return id.auth;
}

/** Sends one request to the emulator. */
export function call(emu: Emulator, c: Call): Promise<Answer> {
  const origin = new URL(emu.url);
  const method = c.method ?? 'GET';
  const host = c.host ?? origin.host;
  const fullPath = c.raw ? c.path : `/api/v1${c.path}`;
  const query = c.params && Object.keys(c.params).length ? canonicalQueryString(c.params) : '';
  const target = query ? `${fullPath}?${query}` : fullPath;
  const body =
    c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const headers: Record<string, string> = { Host: host, ...(c.headers ?? {}) };
  if (
    c.body !== undefined &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  const auth = c.auth;
  if (auth?.kind === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}`;
  } else if (auth?.kind === 'bearer') {
    headers.Authorization = `Bearer ${auth.token}`;
  } else if (auth?.kind === 'hmac') {
    const signed = signRequest(
      { method, host, path: fullPath, params: c.params ?? {}, body },
      { accessKey: auth.accessKey, secret: auth.secret },
      c.signedAt ?? new Date(),
      auth.algorithm ? { algorithm: auth.algorithm } : {},
    );
    Object.assign(headers, signed.headers);
  }
  return send(origin, method, target, headers, body);
}

/** Low-level send of an exact request target and headers. */
export function send(
  origin: URL,
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: origin.hostname, port: origin.port, method, path: target, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let counter = 0;

/** Inserts a component row directly into the store (for deterministic schedule tests). */
export function addComponent(
  emu: Emulator,
  topicId: string,
  type: string,
  opts: { teamId?: string | null; createdAt?: string; state?: 'active' | 'inactive' } = {},
): string {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const at = opts.createdAt ?? `2030-01-01T00:00:${String(counter % 60).padStart(2, '0')}.000000`;
  emu.store.components.set(id, {
    id,
    created_at: at,
    updated_at: at,
    released_at: at,
    etag: 'f'.repeat(32),
    name: `${type}-${counter}`,
    display_name: `${type}-${counter}`,
    version: '1',
    uid: '',
    type,
    canonical_project_name: null,
    title: null,
    message: null,
    url: null,
    data: {},
    topic_id: topicId,
    team_id: opts.teamId ?? null,
    state: opts.state ?? 'active',
    tags: [],
  });
  return id;
}

/** GETs as a fixture identity and returns the JSON body (throws on non-200). */
export async function getAs(
  emu: Emulator,
  who: string,
  path: string,
  params?: Record<string, string>,
): Promise<Json> {
  const res = await call(emu, { path, auth: authOf(emu, who), ...(params ? { params } : {}) });
  if (res.status !== 200) throw new Error(`GET ${path} as ${who}: ${res.status} ${res.text}`);
  return res.json;
}

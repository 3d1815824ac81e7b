/**
 * File contents: `File.content(maxBytes)` reads text with a byte limit, and the gateway's
 * `/files/<id>/content` route streams downloads with the caller's own credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRow } from '../../src/emulator/index.js';
import { credentialHeaders, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const MB = 1024 * 1024;
const partnerTeam = () => h.emulator.fixtures.identities.partnerRemoteci.teamId;
const seededLog = () =>
  [...h.emulator.store.files.values()].find(
    (f) => f.state === 'active' && f.mime === 'text/plain' && f.team_id === partnerTeam(),
  )!;

let added = 0;
/** A file row of one of Partner A's jobs, with the given content registered. */
function addFile(
  name: string,
  mime: string | null,
  size: number,
  content: Parameters<Harness['emulator']['contents']['set']>[1],
): FileRow {
  added += 1;
  const job = [...h.emulator.store.jobs.values()].find(
    (j) => j.team_id === partnerTeam() && j.state === 'active',
  )!;
  const id = `00000000-0000-4000-9000-${String(added).padStart(12, '0')}`;
  const row: FileRow = {
    id,
    created_at: '2026-01-01T00:00:00.000001',
    updated_at: '2026-01-01T00:00:00.000001',
    etag: 'e'.repeat(32),
    name,
    mime,
    md5: null,
    size,
    state: 'active',
    jobstate_id: null,
    job_id: job.id,
    team_id: job.team_id,
  };
  h.emulator.store.files.set(id, row);
  h.emulator.contents.set(id, content);
  return row;
}

/** 100 MB of log lines, produced lazily; `pulled` counts the bytes the emulator produced. */
function hugeLog() {
  const line = Buffer.from(`${'x'.repeat(1023)}\n`);
  const chunk = Buffer.concat(Array.from({ length: 64 }, () => line));
  const state = { pulled: 0 };
  const source = function* () {
    for (let sent = 0; sent < 100 * MB; sent += chunk.length) {
      state.pulled += chunk.length;
      yield chunk;
    }
  };
  return { state, source };
}

async function expectedText(file: FileRow): Promise<Buffer> {
  const res = await h.gateway.fetch(`http://gateway/files/${file.id}/content`, {
    headers: credentialHeaders(h.emulator.fixtures.identities.admin.auth),
  });
  return Buffer.from(await res.arrayBuffer());
}

const CONTENT = `query ($id: ID!, $max: Int) { file(id: $id) { size content(maxBytes: $max) { text size truncated encoding } } }`;

describe('File.content', () => {
  it('reads the first maxBytes of a log and says it was truncated', async () => {
    const file = seededLog();
    expect(file.size).toBeGreaterThan(1000);
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id, max: 1000 });
    expect(res.errors).toBeUndefined();
    const whole = await expectedText(file);
    expect(res.data).toEqual({
      file: {
        size: file.size,
        content: {
          text: whole.subarray(0, 1000).toString('utf8'),
          size: file.size,
          truncated: true,
          encoding: 'utf-8',
        },
      },
    });
  });

  it('returns a whole small file, not truncated, with the 64 KiB default', async () => {
    const file = addFile('notes.txt', 'text/plain', 12, 'héllo world');
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id });
    expect(res.data).toMatchObject({
      file: { content: { text: 'héllo world', truncated: false } },
    });
  });

  it('drops a character cut by the limit instead of returning half of it', async () => {
    const file = addFile('utf8.txt', 'text/plain', 4, 'aé€');
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id, max: 4 });
    // a (1 byte) é (2 bytes) € (3 bytes): 4 bytes hold a, é and the first byte of €.
    expect(res.data).toMatchObject({ file: { content: { text: 'aé', truncated: true } } });
  });

  it.each([0, -1, 1_048_577])('refuses maxBytes %s before asking DCI', async (max) => {
    const file = seededLog();
    h.emulator.log.clear();
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id, max });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxBytes',
    });
    expect(h.emulator.log.count((e) => e.route === '/files/:id/content')).toBe(0);
  });

  it('refuses a binary mime type with BINARY_CONTENT without downloading it', async () => {
    const file = addFile('disk.qcow2', 'application/octet-stream', 4, Buffer.from([0, 1, 2, 3]));
    h.emulator.log.clear();
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BINARY_CONTENT',
      mime: 'application/octet-stream',
      download: `/files/${file.id}/content`,
    });
    expect(res.errors?.[0]?.path).toEqual(['file', 'content']);
    expect(res.data).toEqual({ file: { size: 4, content: null } });
    expect(h.emulator.log.count((e) => e.route === '/files/:id/content')).toBe(0);
  });

  it('refuses bytes that are not text even under a text mime type', async () => {
    const file = addFile('mislabeled.log', 'text/plain', 5, Buffer.from([0x7f, 0x45, 0, 0xff, 1]));
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BINARY_CONTENT');
  });

  it('reads 64 KiB of a 100 MB file without downloading the rest', async () => {
    const { state, source } = hugeLog();
    const file = addFile('huge.log', 'text/plain', 100 * MB, source);
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id, max: 65_536 });
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ file: { content: { truncated: true, size: 100 * MB } } });
    expect((res.data as { file: { content: { text: string } } }).file.content.text).toHaveLength(
      65_536,
    );
    // The emulator stops producing when the gateway hangs up; socket buffers hold a few MB.
    await new Promise((r) => setTimeout(r, 100));
    expect(state.pulled).toBeLessThan(20 * MB);
  });

  it("stops reading a stalled content at the operation's deadline", async () => {
    const file = addFile('stalled.log', 'text/plain', 1000, async function* () {
      yield Buffer.from('first line\n');
      await new Promise((r) => setTimeout(r, 3000));
      yield Buffer.from('too late\n');
    });
    const gateway = h.gatewayWith({ operationDeadlineMs: 300 });
    const started = performance.now();
    const res = await h.query('partnerRemoteci', CONTENT, { id: file.id }, gateway);
    expect(performance.now() - started).toBeLessThan(2500);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('DCI_UNAVAILABLE');
    expect(res.data).toEqual({ file: { size: 1000, content: null } });
  });

  it('keeps streaming a download past the operation deadline', async () => {
    const file = addFile('slow.log', 'text/plain', 21, async function* () {
      yield Buffer.from('first line\n');
      await new Promise((r) => setTimeout(r, 600));
      yield Buffer.from('last line\n');
    });
    const gateway = h.gatewayWith({ operationDeadlineMs: 300 });
    const res = await gateway.fetch(`http://gateway/files/${file.id}/content`, {
      headers: credentialHeaders(h.emulator.fixtures.identities.partnerRemoteci.auth),
    });
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
    }
    expect(Buffer.concat(chunks).toString('utf8')).toBe('first line\nlast line\n');
  });

  it("answers another team's file with FORBIDDEN on that field only", async () => {
    const file = seededLog();
    const res = await h.query('otherRemoteci', CONTENT, { id: file.id });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(res.data).toEqual({ file: { size: file.size, content: null } });
  });

  it("reads the contents of a job's files side by side, in one wave", async () => {
    const job = [...h.emulator.store.jobs.values()].find(
      (j) =>
        j.state === 'active' &&
        j.team_id !== partnerTeam() &&
        [...h.emulator.store.files.values()].filter((f) => f.job_id === j.id).length >= 3,
    )!;
    const query = `query ($id: ID!) { job(id: $id) { files { nodes { content(maxBytes: 100) { truncated } } } } }`;
    // Warm the connection pool first: a connection set up under load would blur the wave.
    await h.query('admin', query, { id: job.id });
    h.emulator.log.clear();
    h.emulator.setLatency(100);
    const res = await h
      .query('admin', query, { id: job.id })
      .finally(() => h.emulator.setLatency(0));
    expect(res.errors).toBeUndefined();
    const files = h.emulator.log.entries((e) => e.route === '/files/:id/content');
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(h.emulator.log.waves((e) => e.route === '/files/:id/content')).toBe(1);
  });
});

describe('GET /files/<id>/content on the gateway', () => {
  const download = (id: string, who: Record<string, string>, init: RequestInit = {}) =>
    h.gateway.fetch(`http://gateway/files/${id}/content`, { ...init, headers: who });
  const as = (name: 'admin' | 'partnerRemoteci' | 'otherRemoteci' | 'partnerUser') =>
    credentialHeaders(h.emulator.fixtures.identities[name].auth);

  it("streams DCI's bytes with Content-Type, Content-Length and Content-Disposition", async () => {
    const file = seededLog();
    const res = await download(file.id, as('partnerRemoteci'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(file.size));
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${file.name}"; filename*=UTF-8''${file.name}`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(file.size);
    expect(bytes.toString('utf8')).toMatch(/n=ansible \| PLAY/);
  });

  it('serves binary files byte for byte, with an escaped file name', async () => {
    const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const file = addFile('image "v1".qcow2', 'application/octet-stream', data.length, data);
    const res = await download(file.id, as('partnerUser'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="image _v1_.qcow2"; filename*=UTF-8''image%20%22v1%22.qcow2`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const file = seededLog();
    const res = await download(file.id, as('admin'), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(file.size));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('streams a 100 MB file and stops DCI when the client goes away', async () => {
    const { state, source } = hugeLog();
    const file = addFile('huge-download.log', 'text/plain', 100 * MB, source);
    const res = await download(file.id, as('partnerRemoteci'));
    expect(res.headers.get('content-length')).toBe(String(100 * MB));
    const reader = res.body!.getReader();
    let read = 0;
    while (read < 1 * MB) read += (await reader.read()).value!.length;
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 100));
    expect(state.pulled).toBeLessThan(20 * MB);
  });

  it('breaks the download when DCI sends less than the announced size', async () => {
    const file = addFile('short.log', 'text/plain', 100, 'only ten b');
    const res = await download(file.id, as('partnerRemoteci'));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const readAll = async () => {
      for (;;) if ((await reader.read()).done) return;
    };
    await expect(readAll()).rejects.toThrow(/shorter than its size/);
  });

  it.each([
    ['another team', 'otherRemoteci', 403, 'FORBIDDEN'],
    ['an unknown file', 'admin', 404, 'NOT_FOUND'],
  ] as const)('answers %s with %s %s in JSON', async (_, who, status, code) => {
    const id = who === 'admin' ? crypto.randomUUID() : seededLog().id;
    const res = await download(id, as(who));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe(code);
  });

  it('answers missing or malformed credentials with 401, never echoing a secret', async () => {
    const file = seededLog();
    const none = await download(file.id, {});
    expect(none.status).toBe(401);
    const secret = 'Zz9'.repeat(20);
    const bad = await download(file.id, {
      'x-dci-client-id': 'remoteci/not-a-uuid',
      'x-dci-api-secret': secret,
    });
    expect(bad.status).toBe(401);
    const text = await bad.text();
    expect(text).toContain('UNAUTHENTICATED');
    expect(text).not.toContain(secret);
    const wrong = await download(file.id, {
      'x-dci-client-id':
        h.emulator.fixtures.identities.partnerRemoteci.auth.kind === 'hmac'
          ? h.emulator.fixtures.identities.partnerRemoteci.auth.accessKey
          : '',
      'x-dci-api-secret': secret,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(secret);
  });

  it('answers a non-UUID id with 404 and other methods with 405', async () => {
    expect((await download('nope', as('admin'))).status).toBe(404);
    const post = await download(seededLog().id, as('admin'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('ignores Range, as DCI does: the whole file, 200', async () => {
    const file = seededLog();
    const res = await download(file.id, { ...as('admin'), range: 'bytes=0-9' });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(file.size);
  });
});

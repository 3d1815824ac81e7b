/**
 * §4.6 / §9: `GET /files/<id>/content` as DCI serves it (Flask's send_file over a stream):
 * chunked without Content-Length, Range ignored, the file's mime or text/plain, an attachment
 * disposition, team scoping; seeded logs and JUnit reports that match their metadata.
 */
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, FileRow } from '../../src/emulator/index.js';
import { authOf, call, startTiny } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTiny();
});
afterAll(() => emu.close());

const live = () => [...emu.store.files.values()].filter((f) => f.state !== 'archived');
const junitFile = (failing = false) =>
  live().find(
    (f) =>
      f.mime === 'application/junit' &&
      [...emu.store.results.values()].some(
        (r) => r.file_id === f.id && (!failing || (r.failures > 0 && r.errors > 0 && r.skips > 0)),
      ),
  )!;
const logFile = () => live().find((f) => f.mime === 'text/plain')!;
const partnerTeam = () => emu.fixtures.identities.partnerRemoteci.teamId;
const content = (file: FileRow, who = 'admin', headers: Record<string, string> = {}) =>
  call(emu, { path: `/files/${file.id}/content`, auth: authOf(emu, who), headers });

describe('GET /files/<id>/content (§4.6)', () => {
  it('streams chunked, without Content-Length, as the file mime with an attachment name', async () => {
    const file = logFile();
    const res = await content(file);
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=${file.name}`);
    expect(res.headers.etag).toBeUndefined();
    expect(Buffer.byteLength(res.text)).toBe(file.size);
  });

  it('ignores Range: the whole content, 200', async () => {
    const file = logFile();
    const res = await content(file, 'admin', { Range: 'bytes=0-9' });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBeUndefined();
    expect(Buffer.byteLength(res.text)).toBe(file.size);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await call(emu, {
      method: 'HEAD',
      path: `/files/${logFile().id}/content`,
      auth: authOf(emu, 'admin'),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('is deterministic: the same bytes on every read', async () => {
    const file = junitFile();
    expect((await content(file)).text).toBe((await content(file)).text);
  });

  it('serves team members and privileged roles; another team gets 401', async () => {
    const file = live().find((f) => f.team_id === partnerTeam())!;
    for (const who of ['partnerRemoteci', 'partnerUser', 'admin', 'redhat', 'epm']) {
      expect((await content(file, who)).status).toBe(200);
    }
    const other = await content(file, 'otherRemoteci');
    expect(other.status).toBe(401);
    expect(other.json).toEqual({
      message: 'Operation not authorized.',
      payload: {},
      status_code: 401,
    });
  });

  it('404s unknown and archived files', async () => {
    const unknown = await call(emu, {
      path: `/files/${crypto.randomUUID()}/content`,
      auth: authOf(emu, 'admin'),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBe('file not found');
    const file = logFile();
    file.state = 'archived';
    try {
      expect((await content(file)).status).toBe(404);
    } finally {
      file.state = 'active';
    }
  });

  it('serves an upload back byte for byte, with its mime, a missing mime as text/plain', async () => {
    const job = [...emu.store.jobs.values()].find(
      (j) => j.team_id === partnerTeam() && j.state === 'active',
    )!;
    const upload = async (name: string, mime: string | null, body: string) => {
      const res = await call(emu, {
        method: 'POST',
        path: '/files',
        auth: authOf(emu, 'partnerRemoteci'),
        headers: {
          'DCI-JOB-ID': job.id,
          'DCI-NAME': name,
          'Content-Type': 'text/plain',
          ...(mime ? { 'DCI-MIME': mime } : {}),
        },
        body,
      });
      expect(res.status).toBe(201);
      return res.json.file as FileRow;
    };
    const json = await upload('my report.json', 'application/json', '{"ok": true}\n');
    const back = await content(json, 'partnerRemoteci');
    expect(back.text).toBe('{"ok": true}\n');
    expect(back.headers['content-type']).toBe('application/json');
    expect(back.headers['content-disposition']).toBe('attachment; filename=my_report.json');
    const plain = await upload('notes', null, 'hello');
    expect((await content(plain, 'partnerRemoteci')).headers['content-type']).toBe(
      'text/plain; charset=utf-8',
    );
  });
});

describe('seeded contents', () => {
  it('logs are Ansible-style and exactly as long as their metadata says', async () => {
    for (const file of live()
      .filter((f) => f.mime === 'text/plain')
      .slice(0, 5)) {
      const res = await content(file);
      expect(Buffer.byteLength(res.text)).toBe(file.size);
      expect(res.text).toMatch(/p=\d+ u=dci n=ansible \| TASK \[/);
    }
  });

  it('JUnit reports are well-formed, as long as their metadata, and match their result counts', async () => {
    const files = live().filter((f) => f.mime === 'application/junit');
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const res = await content(file);
      expect(Buffer.byteLength(res.text)).toBe(file.size);
      const result = [...emu.store.results.values()].find((r) => r.file_id === file.id)!;
      const counts = { testcase: 0, failure: 0, error: 0, skipped: 0 };
      const parser = new SaxesParser();
      parser.on('opentag', (tag) => {
        if (tag.name in counts) counts[tag.name as keyof typeof counts] += 1;
      });
      parser.write(res.text).close();
      expect(counts).toEqual({
        testcase: result.total,
        failure: result.failures,
        error: result.errors,
        skipped: result.skips,
      });
    }
  });

  it('includes failing, erroring and skipped cases', async () => {
    const text = (await content(junitFile(true))).text;
    for (const tag of ['<failure ', '<error ', '<skipped ']) expect(text.includes(tag)).toBe(true);
    expect(/<testcase [^>]*\/>/.test(text)).toBe(true);
  });

  it('streams a registered content lazily, chunk by chunk', async () => {
    const file = logFile();
    let produced = 0;
    emu.contents.set(file.id, function* () {
      for (let i = 0; i < 4; i++) {
        produced += 1;
        yield Buffer.from(`part ${i}\n`);
      }
    });
    try {
      expect(produced).toBe(0);
      expect((await content(file)).text).toBe('part 0\npart 1\npart 2\npart 3\n');
      expect(produced).toBe(4);
    } finally {
      emu.contents.delete(file.id);
    }
  });
});

/**
 * Test cases read from JUnit files: TestResult.testCases and Job.failedTests, parsed as they
 * stream in, cached per request by file id, bounded, and safe against hostile XML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentSource, JobRow, ResultRow } from '../../src/emulator/index.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const MB = 1024 * 1024;
const results = () => [...h.emulator.store.results.values()];
const failedResult = () =>
  results().find((r) => r.failures > 1 && r.errors > 0 && r.skips > 0 && r.total < 200)!;

type Case = { name: string; classname: string; status: string; message: string | null };
type Connection = { totalCount: number; nodes: Case[]; pageInfo: { endCursor: string } };

const RESULT_CASES = `query ($id: ID!, $status: [TestCaseStatus!], $first: Int, $after: String) {
  job(id: $id) { results { id name testCases(status: $status, first: $first, after: $after) {
    totalCount nodes { name classname suite time status message output fileId }
    pageInfo { hasNextPage endCursor } } } } }`;

async function casesOf(r: ResultRow, vars: Record<string, unknown> = {}): Promise<Connection> {
  const res = await h.query<{ job: { results: { id: string; testCases: Connection }[] } }>(
    'admin',
    RESULT_CASES,
    { id: r.job_id, first: 200, ...vars },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.job.results.find((x) => x.id === r.id)!.testCases;
}

describe('TestResult.testCases', () => {
  it("lists the report's cases, matching the result's counts", async () => {
    const r = failedResult();
    const all = await casesOf(r);
    expect(all.totalCount).toBe(r.total);
    const count = (s: string) => all.nodes.filter((c) => c.status === s).length;
    expect({
      failures: count('FAILURE'),
      errors: count('ERROR'),
      skips: count('SKIPPED'),
      success: count('PASSED'),
    }).toEqual({ failures: r.failures, errors: r.errors, skips: r.skips, success: r.success });
    const failure = all.nodes.find((c) => c.status === 'FAILURE')!;
    expect(failure.message).toBeTruthy();
    expect(failure).toMatchObject({ output: expect.stringContaining('Traceback') });
    expect(all.nodes.find((c) => c.status === 'PASSED')).toMatchObject({
      message: null,
      output: null,
    });
  });

  it('filters by status and pages with first/after', async () => {
    const r = failedResult();
    const broken = await casesOf(r, { status: ['FAILURE', 'ERROR'] });
    expect(broken.totalCount).toBe(r.failures + r.errors);
    expect(new Set(broken.nodes.map((c) => c.status))).toEqual(new Set(['FAILURE', 'ERROR']));
    const first = await casesOf(r, { first: 1 });
    const second = await casesOf(r, { first: 1, after: first.pageInfo.endCursor });
    const all = await casesOf(r);
    expect([first.nodes[0], second.nodes[0]]).toEqual(all.nodes.slice(0, 2));
  });

  it('refuses first above 200 before downloading anything', async () => {
    h.emulator.log.clear();
    const res = await h.query('admin', RESULT_CASES, { id: failedResult().job_id, first: 201 });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(h.emulator.log.count((e) => e.route === '/files/:id/content')).toBe(0);
  });

  it('downloads each file once per request, whatever reads it', async () => {
    const r = failedResult();
    h.emulator.log.clear();
    const res = await h.query(
      'admin',
      `query ($id: ID!) { job(id: $id) {
        results { a: testCases(first: 5) { totalCount } b: testCases(status: [SKIPPED]) { totalCount } }
        failedTests { name } } }`,
      { id: r.job_id },
    );
    expect(res.errors).toBeUndefined();
    const files = results().filter((x) => x.job_id === r.job_id).length;
    expect(h.emulator.log.count((e) => e.route === '/files/:id/content')).toBe(files);
  });
});

describe('Job.failedTests', () => {
  it('returns the failing and erroring cases of all the results, up to first', async () => {
    const r = failedResult();
    const query = `query ($id: ID!, $first: Int) { job(id: $id) { failedTests(first: $first) { name status fileId } } }`;
    const res = await h.query<{ job: { failedTests: { status: string; fileId: string }[] } }>(
      'admin',
      query,
      { id: r.job_id },
    );
    const failed = res.data!.job.failedTests;
    expect(failed).toHaveLength(Math.min(20, r.failures + r.errors));
    expect(failed.every((c) => ['FAILURE', 'ERROR'].includes(c.status))).toBe(true);
    expect(failed.every((c) => c.fileId === r.file_id)).toBe(true);
    const one = await h.query<{ job: { failedTests: unknown[] } }>('admin', query, {
      id: r.job_id,
      first: 1,
    });
    expect(one.data!.job.failedTests).toHaveLength(1);
  });

  it('is empty for a job without results', async () => {
    const job = [...h.emulator.store.jobs.values()].find(
      (j) => j.state === 'active' && !results().some((r) => r.job_id === j.id),
    )!;
    const res = await h.query(
      'admin',
      `query ($id: ID!) { job(id: $id) { failedTests { name } } }`,
      {
        id: job.id,
      },
    );
    expect(res.data).toEqual({ job: { failedTests: [] } });
  });
});

let added = 0;
/** A JUnit result with this content on a job of its own (the job's seeded results stay). */
function hostile(content: ContentSource, size: number): { job: JobRow; result: ResultRow } {
  added += 1;
  const job = [...h.emulator.store.jobs.values()].filter((j) => j.state === 'active')[added]!;
  const n = String(added).padStart(12, '0');
  const fileId = `00000000-0000-4000-a000-${n}`;
  const at = '2026-01-01T00:00:00.000001';
  h.emulator.store.files.set(fileId, {
    id: fileId,
    created_at: at,
    updated_at: at,
    etag: 'e'.repeat(32),
    name: 'hostile.xml',
    mime: 'application/junit',
    md5: null,
    size,
    state: 'active',
    jobstate_id: null,
    job_id: job.id,
    team_id: job.team_id,
  });
  h.emulator.contents.set(fileId, content);
  const result: ResultRow = {
    id: `00000000-0000-4000-b000-${n}`,
    created_at: at,
    updated_at: at,
    name: 'hostile.xml',
    total: 1,
    success: 1,
    skips: 0,
    failures: 0,
    errors: 0,
    regressions: 0,
    successfixes: 0,
    time: 1,
    job_id: job.id,
    file_id: fileId,
  };
  h.emulator.store.results.set(result.id, result);
  return { job, result };
}

/** The job's results with their test cases: the hostile one errs, the rest is intact. */
async function readHostile(content: ContentSource, size: number) {
  const { job, result } = hostile(content, size);
  const res = await h.query<{
    job: { name: string; results: { id: string; name: string; testCases: unknown }[] };
  }>(
    'admin',
    `query ($id: ID!) { job(id: $id) { name results { id name testCases { totalCount } } } }`,
    { id: job.id },
  );
  const index = res.data!.job.results.findIndex((r) => r.id === result.id);
  expect(res.data!.job.name).toBe(job.name);
  expect(res.data!.job.results[index]).toEqual({
    id: result.id,
    name: 'hostile.xml',
    testCases: null,
  });
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.path).toEqual(['job', 'results', index, 'testCases']);
  return res.errors![0]!;
}

const CASE = '<testcase classname="c" name="t"/>';

describe('hostile and broken JUnit files', () => {
  it('refuses an external entity (XXE) without reading it', async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<testsuite name="s"><testcase classname="c" name="&xxe;"><failure message="&xxe;">&xxe;</failure></testcase></testsuite>`;
    const error = await readHostile(xml, xml.length);
    expect(error.extensions).toMatchObject({ code: 'JUNIT_MALFORMED' });
    expect(error.message).toContain('DOCTYPE');
    expect(error.message).not.toContain('root:');
  });

  it('refuses an entity expansion bomb at once', async () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><testsuite><testcase name="&lol9;"/></testsuite>`;
    const started = performance.now();
    const error = await readHostile(xml, xml.length);
    expect(error.extensions).toMatchObject({ code: 'JUNIT_MALFORMED' });
    // The bomb would be a billion "lol"s: refusing it must not take anywhere near that.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses malformed XML with a coded error on that field only', async () => {
    const xml = `<testsuite name="s">${CASE}<testcase name="x"><failure></testcase></testsuite>`;
    const error = await readHostile(xml, xml.length);
    expect(error.extensions).toMatchObject({ code: 'JUNIT_MALFORMED' });
    expect(error.message).toMatch(/not well-formed XML/);
  });

  it('refuses a binary file as malformed', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    const error = await readHostile(bytes, bytes.length);
    expect(error.extensions).toMatchObject({ code: 'JUNIT_MALFORMED' });
  });

  it('stops reading a 100 MB file at the 32 MiB bound', async () => {
    const block = Buffer.from(CASE.repeat(2000));
    const produced = { bytes: 0 };
    const source = function* () {
      yield Buffer.from('<testsuites><testsuite name="huge">');
      while (produced.bytes < 100 * MB) {
        produced.bytes += block.length;
        yield block;
      }
      yield Buffer.from('</testsuite></testsuites>');
    };
    const error = await readHostile(source, 100 * MB);
    expect(error.extensions).toMatchObject({ code: 'JUNIT_TOO_LARGE' });
    await new Promise((r) => setTimeout(r, 100));
    expect(produced.bytes).toBeLessThan(48 * MB);
  });

  it('keeps at most 8192 characters of a test case output', async () => {
    const noise = 'x'.repeat(1_000_000);
    const xml = `<testsuite name="s"><testcase classname="c" name="long"><failure message="m">${noise}</failure><system-out>${noise}</system-out></testcase></testsuite>`;
    const { job } = hostile(xml, xml.length);
    const res = await h.query<{ job: { failedTests: { output: string; message: string }[] } }>(
      'admin',
      `query ($id: ID!) { job(id: $id) { failedTests { message output } } }`,
      { id: job.id },
    );
    const long = res.data!.job.failedTests.find((c) => c.message === 'm')!;
    expect(long.output.length).toBeLessThan(8192 + 100);
    expect(long.output).toMatch(/cut at 8192 characters\]$/);
  });
});

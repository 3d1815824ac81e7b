/**
 * Malformed entries inside DCI's answers, beyond the rows of lists (malformed-rows.test.ts): a
 * job's embedded results and key/values, a jobstate's embedded files, `GET /stats`'s topics and
 * jobs, `GET /identity`'s teams, a remote CI's embedded team and a coverage row's jobs. Each
 * costs only its own place (an UPSTREAM_ERROR at its path); an unknown status reads UNKNOWN.
 * The emulator's `rewrite` fault serves these answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCodes, type Harness, rewriteNext, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.log.clear();
  h.emulator.faults.clear();
});

type Body = Record<string, unknown>;
type Row = Record<string, unknown>;

const jobsOf = (body: Body) => body['jobs'] as Row[];

/** The first job of the list (first: 50) whose `key` embeds at least `count` entries. */
function jobWith(body: Body, key: string, count: number): Row {
  const job = jobsOf(body).find((j) => ((j[key] as unknown[] | undefined)?.length ?? 0) >= count);
  if (!job) throw new Error(`no job with ${count} ${key}`);
  job['name'] = 'marked';
  return job;
}
const marked = <T extends { name: string }>(nodes: T[]) => {
  const at = nodes.findIndex((n) => n.name === 'marked');
  return { at, node: nodes[at]! };
};

describe('a job’s embedded results and key/values', () => {
  type Nodes = {
    jobs: {
      nodes: {
        name: string;
        results: ({ name: string; total: number } | null)[] | null;
        keyValues: ({ key: string; value: number } | null)[] | null;
      }[];
    };
  };
  const QUERY =
    '{ jobs(first: 50) { nodes { name results { name total } keyValues { key value } } } }';

  it('reports a null result and a result without a count at their paths, the job intact', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      const results = jobWith(body, 'results', 1)['results'] as unknown[];
      results.push(null, { ...(results[0] as Row), total: undefined });
    });
    const r = await h.query<Nodes>('admin', QUERY);
    const { at, node } = marked(r.data!.jobs.nodes);
    const n = node.results!.length;
    expect(errorCodes(r)).toEqual([
      [`jobs.nodes.${at}.results.${n - 2}`, 'UPSTREAM_ERROR'],
      [`jobs.nodes.${at}.results.${n - 1}`, 'UPSTREAM_ERROR'],
    ]);
    expect(node.results!.slice(-2)).toEqual([null, null]);
    expect(node.results![0]!.total).toEqual(expect.any(Number));
    expect(node.keyValues).not.toBeNull();
  });

  it('reports a null key/value and one without its value at their paths', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      const job = jobWith(body, 'keys_values', 0);
      job['keys_values'] = [{ job_id: job['id'], key: 'ok', value: 1 }, null, { key: 'bad' }];
    });
    const r = await h.query<Nodes>('admin', QUERY);
    const { at, node } = marked(r.data!.jobs.nodes);
    expect(errorCodes(r)).toEqual([
      [`jobs.nodes.${at}.keyValues.1`, 'UPSTREAM_ERROR'],
      [`jobs.nodes.${at}.keyValues.2`, 'UPSTREAM_ERROR'],
    ]);
    expect(node.keyValues).toEqual([{ key: 'ok', value: 1 }, null, null]);
  });

  it('fails failedTests alone when a result is malformed, never a shorter list', async () => {
    rewriteNext(h.emulator, '/jobs', (body) => {
      (jobWith(body, 'results', 1)['results'] as unknown[]).push(null);
    });
    const r = await h.query<{ jobs: { nodes: { name: string; failedTests: unknown }[] } }>(
      'admin',
      '{ jobs(first: 50) { nodes { name failedTests { name } } } }',
    );
    const { at, node } = marked(r.data!.jobs.nodes);
    expect(errorCodes(r)).toEqual([[`jobs.nodes.${at}.failedTests`, 'UPSTREAM_ERROR']]);
    expect(node.failedTests).toBeNull();
  });
});

describe('a jobstate’s embedded files', () => {
  it('reports a malformed file at its path, the jobstate and its other files intact', async () => {
    const job = [...h.emulator.store.files.values()].find((f) => f.jobstate_id)!.job_id;
    rewriteNext(h.emulator, '/jobs/:id/jobstates', (body) => {
      const state = (body['jobstates'] as Row[]).find((s) => (s['files'] as unknown[]).length)!;
      state['comment'] = 'marked';
      const files = state['files'] as Row[];
      files.push(null as unknown as Row, { ...files[0]!, name: undefined });
    });
    const r = await h.query<{
      job: { jobstates: { comment: string | null; status: string; files: unknown[] }[] };
    }>('admin', `{ job(id: "${job}") { jobstates { comment status files { id name } } } }`);
    const at = r.data!.job.jobstates.findIndex((s) => s.comment === 'marked');
    const files = r.data!.job.jobstates[at]!.files;
    expect(errorCodes(r)).toEqual([
      [`job.jobstates.${at}.files.${files.length - 2}`, 'UPSTREAM_ERROR'],
      [`job.jobstates.${at}.files.${files.length - 1}`, 'UPSTREAM_ERROR'],
    ]);
    expect(files[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(r.data!.job.jobstates[at]!.status).toEqual(expect.any(String));
  });
});

describe('a job’s files', () => {
  it('reports a malformed row of /jobs/<id>/files at its path', async () => {
    const job = [...h.emulator.store.files.values()][0]!.job_id;
    rewriteNext(h.emulator, '/jobs/:id/files', (body) => {
      (body['files'] as unknown[])[0] = null;
    });
    const r = await h.query<{ job: { name: string; files: { nodes: unknown[] } } }>(
      'admin',
      `{ job(id: "${job}") { name files { totalCount nodes { id } } } }`,
    );
    expect(errorCodes(r)).toEqual([['job.files.nodes.0', 'UPSTREAM_ERROR']]);
    expect(r.data!.job.name).toEqual(expect.any(String));
  });
});

describe('GET /stats', () => {
  type Stats = {
    stats: ({ topicName: string; latestJobs: ({ status: string } | null)[] } | null)[] | null;
  };
  const STATS = '{ stats { topicName latestJobs { status remoteciName teamName createdAt } } }';
  const statsOf = (body: Body) => body['stats'] as (Row | null)[];

  it('reports a malformed topic entry at its path, the other topics intact', async () => {
    const clean = await h.query<Stats>('admin', STATS);
    expect(clean.data!.stats!.length).toBeGreaterThan(1);
    rewriteNext(h.emulator, '/stats', (body) => {
      statsOf(body)[0] = null;
      delete (statsOf(body)[1]!['topic'] as Row)['name'];
    });
    const r = await h.query<Stats>('admin', STATS);
    expect(errorCodes(r)).toEqual([
      ['stats.0', 'UPSTREAM_ERROR'],
      ['stats.1', 'UPSTREAM_ERROR'],
    ]);
    expect(r.data!.stats!.slice(2)).toEqual(clean.data!.stats!.slice(2));
  });

  it('reports a malformed job at its path and reads an unknown status as UNKNOWN', async () => {
    let topic = '';
    rewriteNext(h.emulator, '/stats', (body) => {
      const entry = statsOf(body).find((t) => (t!['jobs'] as unknown[]).length >= 2)!;
      topic = (entry['topic'] as Row)['name'] as string;
      const jobs = entry['jobs'] as Row[];
      jobs[0]!['status'] = 'exploded';
      delete jobs[1]!['remoteci_name'];
    });
    const r = await h.query<Stats>('admin', STATS);
    const at = r.data!.stats!.findIndex((t) => t!.topicName === topic);
    expect(errorCodes(r)).toEqual([[`stats.${at}.latestJobs.1`, 'UPSTREAM_ERROR']]);
    expect(r.data!.stats![at]!.latestJobs[0]!.status).toBe('UNKNOWN');
    expect(r.data!.stats![at]!.latestJobs[1]).toBeNull();
  });

  it('reports them at Topic.latestJobsByRemoteci too', async () => {
    const entry = (
      await h.query<{ stats: { topicId: string }[] }>('admin', '{ stats { topicId } }')
    ).data!.stats[0]!;
    rewriteNext(h.emulator, '/stats', (body) => {
      const it = statsOf(body).find((t) => (t!['topic'] as Row)['id'] === entry.topicId)!;
      (it['jobs'] as unknown[]).unshift(null);
    });
    const r = await h.query<{ topic: { name: string; latestJobsByRemoteci: unknown[] } }>(
      'admin',
      `{ topic(id: "${entry.topicId}") { name latestJobsByRemoteci { jobId status } } }`,
    );
    expect(errorCodes(r)).toEqual([['topic.latestJobsByRemoteci.0', 'UPSTREAM_ERROR']]);
    expect(r.data!.topic.latestJobsByRemoteci.length).toBeGreaterThan(1);
  });

  it('fails latestJobsByRemoteci, never answers [], when the topic’s entry is malformed', async () => {
    const entry = (
      await h.query<{ stats: { topicId: string }[] }>('admin', '{ stats { topicId } }')
    ).data!.stats[0]!;
    rewriteNext(h.emulator, '/stats', (body) => {
      const i = statsOf(body).findIndex((t) => (t!['topic'] as Row)['id'] === entry.topicId);
      statsOf(body)[i] = null;
    });
    const r = await h.query<{ topic: { name: string; latestJobsByRemoteci: unknown } }>(
      'admin',
      `{ topic(id: "${entry.topicId}") { name latestJobsByRemoteci { jobId } } }`,
    );
    expect(errorCodes(r)).toEqual([['topic.latestJobsByRemoteci', 'UPSTREAM_ERROR']]);
    expect(r.data!.topic.name).toEqual(expect.any(String));
  });
});

describe('GET /identity', () => {
  it('reports a malformed team at its path; the identity and the topics it scopes answer', async () => {
    const query = '{ identity { id isSuperAdmin teams { name } } products { nodes { name } } }';
    const clean = await h.query<{ identity: { teams: unknown[] } }>('partnerUser', query);
    rewriteNext(h.emulator, '/identity', (body) => {
      const teams = (body['identity'] as Row)['teams'] as Record<string, unknown>;
      teams['00000000-0000-4000-8000-00000000beef'] = null;
    });
    const r = await h.query<{ identity: { id: string; teams: unknown[] } }>('partnerUser', query);
    const bad = r.data!.identity.teams.indexOf(null);
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(errorCodes(r)).toEqual([[`identity.teams.${bad}`, 'UPSTREAM_ERROR']]);
    expect(r.data!.identity.teams.filter((t) => t !== null)).toEqual(clean.data!.identity.teams);
    expect(r.data!['products' as keyof typeof r.data]).toEqual(
      (clean.data as Record<string, unknown>)['products'],
    );
  });
});

describe('GET /identity without an id', () => {
  it('fails identity alone with UPSTREAM_ERROR; the rest of the operation answers', async () => {
    rewriteNext(h.emulator, '/identity', (body) => {
      delete (body['identity'] as Row)['id'];
    });
    const r = await h.query<{ identity: unknown; products: { nodes: unknown[] } }>(
      'partnerUser',
      '{ identity { id name } products { nodes { name } } }',
    );
    expect(errorCodes(r)).toEqual([['identity', 'UPSTREAM_ERROR']]);
    expect(r.data!.identity).toBeNull();
    expect(r.data!.products.nodes.length).toBeGreaterThan(0);
  });
});

describe('a remote CI’s embedded team', () => {
  it('answers the team from DCI when the embedded one is malformed', async () => {
    const query = '{ remotecis(first: 5) { nodes { name team { name external } } } }';
    const clean = await h.query('admin', query);
    h.emulator.log.clear();
    rewriteNext(h.emulator, '/remotecis', (body) => {
      const rows = body['remotecis'] as Row[];
      const id = (rows[0]!['team'] as Row)['id'];
      // Every copy of that team: none is left to prime the team loader.
      for (const row of rows) {
        const team = row['team'] as Row;
        if (team['id'] !== id) continue;
        team['name'] = null;
        team['external'] = 'yes';
      }
    });
    const r = await h.query('admin', query);
    expect(r).toEqual(clean);
    expect(h.emulator.log.entries().map((e) => e.route)).toContain('/teams');
  });
});

describe('a coverage row’s jobs', () => {
  it('fails the row’s cells alone when its component’s detail embeds a malformed job', async () => {
    const topic = [...h.emulator.store.topics.values()].find((t) => t.name === 'OCP-4.15')!.id;
    const type = 'ocp';
    const query = `{ topic(id: "${topic}") { coverage(componentType: "${type}", last: 3) {
      component { id } remotecis { remoteciId status } } } }`;
    const clean = await h.query<{ topic: { coverage: unknown[] } }>('admin', query);
    expect(clean.data!.topic.coverage.length).toBeGreaterThan(1);
    rewriteNext(h.emulator, '/components/:id', (body) => {
      ((body['component'] as Row)['jobs'] as unknown[]).push(null);
    });
    const r = await h.query<{ topic: { coverage: { component: unknown; remotecis: unknown }[] } }>(
      'admin',
      query,
    );
    const rows = r.data!.topic.coverage;
    const bad = rows.findIndex((row) => row.remotecis === null);
    expect(errorCodes(r)).toEqual([[`topic.coverage.${bad}.remotecis`, 'UPSTREAM_ERROR']]);
    expect(rows[bad]!.component).toEqual(
      (clean.data!.topic.coverage[bad] as { component: unknown }).component,
    );
    expect(rows.filter((row) => row.remotecis !== null)).toHaveLength(rows.length - 1);
  });

  it('fails the row’s cells alone when an embedded job has no remoteci_id', async () => {
    const topic = [...h.emulator.store.topics.values()].find((t) => t.name === 'OCP-4.15')!.id;
    const query = `{ topic(id: "${topic}") { coverage(componentType: "ocp", last: 3) {
      component { id } remotecis { remoteciId status } } } }`;
    rewriteNext(h.emulator, '/components/:id', (body) => {
      const jobs = (body['component'] as Row)['jobs'] as Row[];
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        job['state'] = 'active';
        delete job['remoteci_id'];
      }
    });
    const r = await h.query<{ topic: { coverage: { remotecis: unknown }[] } }>('admin', query);
    const rows = r.data!.topic.coverage;
    const bad = rows.findIndex((row) => row.remotecis === null);
    expect(errorCodes(r)).toEqual([[`topic.coverage.${bad}.remotecis`, 'UPSTREAM_ERROR']]);
    expect(rows.filter((row) => row.remotecis !== null)).toHaveLength(rows.length - 1);
  });

  it('fails a cell’s testFailures alone when its job holds a malformed result', async () => {
    const topic = [...h.emulator.store.topics.values()].find((t) => t.name === 'OCP-4.15')!.id;
    const query = `{ topic(id: "${topic}") { coverage(componentType: "ocp", last: 3) {
      remotecis { job { id } status testFailures } } } }`;
    const clean = await h.query<{
      topic: { coverage: { remotecis: { job: { id: string }; testFailures: number | null }[] }[] };
    }>('admin', query);
    expect(clean.errors).toBeUndefined();
    const cells = clean.data!.topic.coverage.flatMap((row) => row.remotecis);
    const target = cells.find((c) => c.testFailures !== null)!.job.id;
    // The cells' jobs are read by id from the /jobs list, batched.
    rewriteNext(h.emulator, '/jobs', (body) => {
      const job = jobsOf(body).find((j) => j['id'] === target)!;
      (job['results'] as unknown[]).push({ id: 'r', name: 'half a result' });
    });
    const r = await h.query<typeof clean.data>('admin', query);
    const paths = r.errors!.map((e) => e.path!.join('.'));
    expect(paths.length).toBeGreaterThan(0);
    for (const e of r.errors!) {
      expect(e.path!.at(-1)).toBe('testFailures');
      expect(e.extensions!['code']).toBe('UPSTREAM_ERROR');
    }
    const after = r.data!.topic.coverage.flatMap((row) => row.remotecis);
    expect(after.filter((c) => c.job.id === target).every((c) => c.testFailures === null)).toBe(
      true,
    );
    expect(after.filter((c) => c.job.id !== target)).toEqual(
      cells.filter((c) => c.job.id !== target),
    );
  });
});

describe('a component’s embedded files', () => {
  it('reports a malformed file of the component’s detail at its path', async () => {
    const component = [...h.emulator.store.componentFiles.values()][0]!.component_id;
    rewriteNext(h.emulator, '/components/:id', (body) => {
      const files = (body['component'] as Row)['files'] as unknown[];
      expect(files.length).toBeGreaterThan(0);
      files.unshift(null);
    });
    const r = await h.query<{ component: { name: string; files: unknown[] } }>(
      'admin',
      `{ component(id: "${component}") { name files { id name } } }`,
    );
    expect(errorCodes(r)).toEqual([['component.files.0', 'UPSTREAM_ERROR']]);
    expect(r.data!.component.name).toEqual(expect.any(String));
    expect(r.data!.component.files.length).toBeGreaterThan(1);
  });
});

/**
 * Waves at the physical limit: every shape of the table in docs/DESIGN.md ("Waves") and the
 * four benchmark scenarios, run against the emulator with latency, their requests and waves
 * read from the emulator's request log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_BASELINE } from '../../bench/rest-baseline.js';
import { SCENARIOS } from '../../bench/scenarios.js';
import { DciClient } from '../../src/dci/client.js';
import { type Harness, startHarness, visible } from './harness.js';

const LATENCY_MS = 50;

/** The rows of the shapes table in docs/DESIGN.md. */
function designShapes(): [shape: string, requests: number, waves: number][] {
  const doc = readFileSync(new URL('../../docs/DESIGN.md', import.meta.url), 'utf8');
  const table = doc.split('<!-- waves-table:start -->')[1]!.split('<!-- waves-table:end -->')[0]!;
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [, shape, requests, waves] = line.split('|').map((cell) => cell.trim());
      return [shape!.slice(1, -1), Number(requests), Number(waves)];
    });
}

let h: Harness;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness({ latencyMs: LATENCY_MS });
  const { store } = h.emulator;
  const job = visible(store.jobs).find(
    (j) =>
      j.previous_job_id &&
      j.pipeline_id &&
      [...store.jobstates.values()].some((s) => s.job_id === j.id) &&
      [...store.files.values()].some((f) => f.job_id === j.id && f.state !== 'archived'),
  )!;
  const topic = store.topics.get(job.topic_id)!;
  const component = store.jobComponents.find((l) => l.job_id === job.id)!;
  ids = {
    job: job.id,
    topic: topic.next_topic_id ? topic.id : visible(store.topics).find((t) => t.next_topic_id)!.id,
    product: topic.product_id!,
    team: job.team_id,
    pipeline: job.pipeline_id!,
    remoteci: job.remoteci_id,
    component: component.component_id,
    jobState: [...store.jobstates.values()].find((s) => s.job_id === job.id)!.id,
    file: [...store.files.values()].find((f) => f.job_id === job.id && f.state !== 'archived')!.id,
  };
  // Open the pool's connections and learn the caller's topic scope, so that neither blurs
  // the measured runs.
  for (const as of ['admin', 'redhat'] as const) {
    await h.query(
      as,
      '{ products { nodes { topics { totalCount } } } jobs(first: 5) { totalCount } }',
    );
  }
});
afterAll(() => h.close());

/** Runs an operation and returns its cost from the request log. */
async function cost(as: 'admin' | 'redhat', query: string, variables: Record<string, unknown>) {
  h.emulator.log.clear();
  const result = await h.query(as, query, variables);
  expect(result.errors).toBeUndefined();
  return { requests: h.emulator.log.count(), waves: h.emulator.log.waves(), data: result.data };
}

describe('waves of the shapes of docs/DESIGN.md', () => {
  const shapes = designShapes();

  it('lists at least ten shapes', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(shapes)('%s: %i requests, %i waves', async (shape, requests, waves) => {
    const used = [...new Set(shape.match(/\$\w+/g) ?? [])].map((v) => v.slice(1));
    const query = used.length
      ? `query Shape(${used.map((v) => `$${v}: ID!`).join(', ')}) ${shape}`
      : shape;
    const variables = Object.fromEntries(used.map((v) => [v, ids[v]]));
    // A first run opens as many pooled connections as the shape's widest wave.
    await h.query('admin', query, variables);
    const measured = await cost('admin', query, variables);
    expect(JSON.stringify(measured.data)).not.toContain('null');
    expect({ requests: measured.requests, waves: measured.waves }).toEqual({ requests, waves });
  });
});

describe('waves of the benchmark scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s takes the physical waves and no more requests than hand-written REST',
    async (_, scenario) => {
      const params = { jobId: ids['job']! };
      // A first run opens as many pooled connections as the scenario's widest wave.
      await h.query('redhat', scenario.query, scenario.variables(params));
      const measured = await cost('redhat', scenario.query, scenario.variables(params));
      h.emulator.log.clear();
      const client = new DciClient({
        baseUrl: h.emulator.url,
        auth: h.emulator.fixtures.identities.redhat.auth,
      });
      const rest = await REST_BASELINE[scenario.id](client, params);
      expect(measured.data).toEqual(rest);
      expect(measured.waves).toBe(scenario.physicalWaves);
      expect(measured.requests).toBeLessThanOrEqual(h.emulator.log.count());
    },
  );
});

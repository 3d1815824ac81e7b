import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { EmulatorStore } from '../../src/emulator/store.js';
import { timestamp } from '../../src/emulator/store.js';

const NOW = () => new Date('2024-06-01T12:00:00Z');
const dump = (s: EmulatorStore) =>
  JSON.stringify(s, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/;

describe('generateDataset', () => {
  const { store, fixtures } = generateDataset({ seed: 42, size: 'tiny', now: NOW });

  it('is deterministic per seed', () => {
    expect(dump(generateDataset({ seed: 42, size: 'tiny', now: NOW }).store)).toBe(dump(store));
    expect(dump(generateDataset({ seed: 43, size: 'tiny', now: NOW }).store)).not.toBe(dump(store));
  });

  it('keeps referential integrity', () => {
    for (const t of store.topics.values()) {
      expect(store.products.has(t.product_id as string)).toBe(true);
      if (t.next_topic_id) expect(store.topics.has(t.next_topic_id)).toBe(true);
    }
    for (const c of store.components.values()) expect(store.topics.has(c.topic_id)).toBe(true);
    for (const j of store.jobs.values()) {
      const topic = store.topics.get(j.topic_id);
      expect(topic?.product_id).toBe(j.product_id);
      expect(store.remotecis.get(j.remoteci_id)?.team_id).toBe(j.team_id);
      if (j.pipeline_id) expect(store.pipelines.get(j.pipeline_id)?.team_id).toBe(j.team_id);
      if (j.previous_job_id) expect(store.jobs.has(j.previous_job_id)).toBe(true);
      const comps = store.jobComponents
        .filter((l) => l.job_id === j.id)
        .map((l) => store.components.get(l.component_id));
      for (const c of comps) expect(c?.topic_id).toBe(j.topic_id);
      expect(new Set(comps.map((c) => c?.type))).toEqual(new Set(topic?.component_types));
      const states = [...store.jobstates.values()].filter((s) => s.job_id === j.id);
      expect(states.at(-1)?.status).toBe(j.status);
      const times = states.map((s) => s.created_at);
      expect([...times].sort()).toEqual(times);
    }
    for (const f of store.files.values()) {
      expect(store.jobs.get(f.job_id)?.team_id).toBe(f.team_id);
      if (f.jobstate_id) expect(store.jobstates.get(f.jobstate_id)?.job_id).toBe(f.job_id);
    }
    for (const r of store.results.values()) expect(store.files.has(r.file_id)).toBe(true);
    for (const l of store.userTeams) {
      expect(store.users.has(l.user_id) && store.teams.has(l.team_id)).toBe(true);
    }
    for (const l of store.productTeams) {
      expect(store.products.has(l.product_id) && store.teams.has(l.team_id)).toBe(true);
    }
  });

  it('has realistic shapes', () => {
    const composes = [...store.components.values()].filter((c) => c.type === 'compose');
    expect(composes.length).toBeGreaterThan(0);
    for (const c of composes) {
      expect(c.name).toMatch(/^RHEL-\d+\.\d+\.0-\d{8}\.\d$/);
      expect(['nightly', 'milestone']).toContain(c.tags[0]);
    }
    for (const r of store.remotecis.values()) expect(r.api_secret).toMatch(/^[A-Za-z0-9]{64}$/);
    for (const j of store.jobs.values()) {
      expect(j.created_at).toMatch(TS);
      expect(j.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect([...store.topics.values()].some((t) => t.state === 'archived')).toBe(true);
    expect(new Set([...store.topics.values()].map((t) => t.export_control)).size).toBe(2);
    expect(new Set([...store.jobs.values()].map((j) => j.status)).size).toBeGreaterThan(3);
  });

  it('formats timestamps like Python', () => {
    expect(timestamp(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05');
    expect(timestamp(new Date('2024-01-02T03:04:05.120Z'), 7)).toBe('2024-01-02T03:04:05.120007');
  });

  it('provides fixture identities with credentials', () => {
    const ids = fixtures.identities;
    const teamName = (id: string) => store.teams.get(id)?.name;
    expect(teamName(ids.admin.teamId)).toBe('admin');
    expect(teamName(ids.partnerRemoteci.teamId)).toBe('Partner A');
    expect(teamName(ids.otherRemoteci.teamId)).toBe('Partner B');
    expect(store.remotecis.get(ids.inactiveRemoteci.id)?.state).toBe('inactive');
    for (const id of Object.values(ids)) {
      if (id.auth.kind === 'hmac') {
        const row = store.remotecis.get(id.id) ?? store.feeders.get(id.id);
        expect(id.auth.accessKey).toBe(`${id.kind}/${id.id}`);
        expect(id.auth.secret).toBe(row?.api_secret);
      } else if (id.auth.kind === 'basic') {
        const login = id.auth.login;
        expect([...store.users.values()].find((u) => u.name === login)?.password).toBe(
          id.auth.password,
        );
      }
    }
    const partnerJobs = [...store.jobs.values()].filter(
      (j) => j.remoteci_id === ids.partnerRemoteci.id,
    );
    expect(partnerJobs.length).toBeGreaterThan(5);
  });

  // Generation speed is measured by the benchmark (npm run bench), never asserted here.
  it('scales: tiny is small, bench holds tens of thousands of jobs', { timeout: 60000 }, () => {
    expect(store.jobs.size).toBeLessThanOrEqual(50);
    const bench = generateDataset({ seed: 1, size: 'bench', now: NOW });
    expect(bench.store.jobs.size).toBeGreaterThanOrEqual(10000);
  });
});

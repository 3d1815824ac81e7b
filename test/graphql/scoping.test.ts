import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, NAIVE, startHarness, visible } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emulator.log.clear());

describe('what a partner remoteci sees', () => {
  it('lists exactly its own team jobs', async () => {
    const partner = h.emulator.fixtures.identities.partnerRemoteci;
    const expected = visible(h.emulator.store.jobs).filter((j) => j.team_id === partner.teamId);
    const result = await h.query<{
      jobs: { totalCount: number; nodes: { id: string; team: { id: string } }[] };
    }>('partnerRemoteci', '{ jobs(first: 200) { totalCount nodes { id team { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.jobs.totalCount).toBe(expected.length);
    expect(result.data!.jobs.nodes.map((j) => j.id).sort()).toEqual(
      expected.map((j) => j.id).sort(),
    );
    expect(new Set(result.data!.jobs.nodes.map((j) => j.team.id))).toEqual(
      new Set([partner.teamId]),
    );
  });

  it('gets null, and no error, for another team job, remoteci or team', async () => {
    const partner = h.emulator.fixtures.identities.partnerRemoteci;
    const other = visible(h.emulator.store.jobs).find((j) => j.team_id !== partner.teamId)!;
    const query = `{ job(id: "${other.id}") { id } remoteci(id: "${other.remoteci_id}") { id }
      team(id: "${other.team_id}") { id } }`;
    for (const gateway of [h.gateway, h.gatewayWith(NAIVE)]) {
      const result = await h.query('partnerRemoteci', query, {}, gateway);
      expect(result).toEqual({ data: { job: null, remoteci: null, team: null } });
    }
  });

  it('sees the topics of its products, export control honoured', async () => {
    const { store, fixtures } = h.emulator;
    const teamId = fixtures.identities.partnerRemoteci.teamId;
    const products = new Set(
      store.productTeams.filter((l) => l.team_id === teamId).map((l) => l.product_id),
    );
    const preRelease = store.teams.get(teamId)!.has_pre_release_access;
    const expected = visible(store.topics).filter(
      (t) =>
        t.product_id !== null && products.has(t.product_id) && (t.export_control || preRelease),
    );
    const result = await h.query<{ topics: { nodes: { id: string }[] } }>(
      'partnerRemoteci',
      '{ topics(first: 200) { nodes { id } } }',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data!.topics.nodes.map((t) => t.id).sort()).toEqual(
      expected.map((t) => t.id).sort(),
    );
  });
});

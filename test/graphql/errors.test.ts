import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.log.clear();
  h.emulator.faults.clear();
});

describe('upstream failures', () => {
  it('nulls only the failing field and reports its code and path', async () => {
    h.emulator.faults.add({ route: '/jobs/:id/jobstates', kind: '5xx', status: 503 });
    const result = await h.query<{
      jobs: { nodes: { id: string; name: string; jobstates: unknown }[] };
    }>('admin', '{ jobs(first: 2) { nodes { id name topic { name } jobstates { status } } } }');
    const jobs = result.data!.jobs.nodes;
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job.jobstates).toBeNull();
      expect(job.name).toEqual(expect.any(String));
    }
    expect(result.errors).toHaveLength(2);
    const paths = result.errors!.map((e) => e.path);
    expect(paths).toContainEqual(['jobs', 'nodes', 0, 'jobstates']);
    expect(paths).toContainEqual(['jobs', 'nodes', 1, 'jobstates']);
    for (const error of result.errors!) {
      expect(error.extensions).toEqual({ code: 'DCI_UNAVAILABLE', upstreamStatus: 503 });
      expect(error.message).not.toMatch(/\?|api_secret|authorization/i);
    }
  });

  it('reports DCI refusing the credentials as UNAUTHENTICATED', async () => {
    const admin = h.emulator.fixtures.identities.admin.auth;
    const login = admin.kind === 'basic' ? admin.login : 'admin';
    const bad = { authorization: `Basic ${Buffer.from(`${login}:wrong`).toString('base64')}` };
    const result = await h.query(bad, '{ identity { id } }');
    expect(result.data).toEqual({ identity: null });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      upstreamStatus: 401,
    });
  });
});

describe('credentials', () => {
  it('serves introspection and version without credentials, and refuses DCI fields', async () => {
    const result = await h.query(
      {},
      '{ version __type(name: "Job") { name } jobs { totalCount } }',
    );
    expect(result.data).toEqual({
      version: expect.any(String),
      __type: { name: 'Job' },
      jobs: null,
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(h.emulator.log.count()).toBe(0);
  });

  it('refuses malformed credentials without echoing the secret', async () => {
    const secret = 'not-a-valid-secret!';
    const result = await h.query(
      { 'x-dci-client-id': 'remoteci/not-a-uuid', 'x-dci-api-secret': secret },
      '{ identity { id } }',
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(h.emulator.log.count()).toBe(0);
  });

  it('serves anonymous requests with the service credentials when configured', async () => {
    const gateway = h.gatewayWith({ serviceAuth: h.emulator.fixtures.identities.admin.auth });
    const result = await h.query({}, '{ identity { isSuperAdmin } }', {}, gateway);
    expect(result).toEqual({ data: { identity: { isSuperAdmin: true } } });
  });
});

describe('bearer tokens and budgets', () => {
  it('forwards a bearer token, and reports an expired one as UNAUTHENTICATED', async () => {
    const admin = h.emulator.fixtures.identities.admin.auth;
    const login = admin.kind === 'basic' ? admin.login : 'admin';
    const token = h.emulator.issueBearerToken(login);
    const ok = await h.query({ authorization: `Bearer ${token}` }, '{ identity { isSuperAdmin } }');
    expect(ok).toEqual({ data: { identity: { isSuperAdmin: true } } });
    const expired = h.emulator.issueBearerToken(login, { expired: true });
    const ko = await h.query({ authorization: `Bearer ${expired}` }, '{ identity { id } }');
    expect(ko.errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      upstreamStatus: 401,
    });
  });

  it('stops an operation at its upstream request budget', async () => {
    const gateway = h.gatewayWith({ maxUpstreamRequests: 1 });
    const result = await h.query(
      'admin',
      '{ jobs(first: 5) { totalCount } topics { totalCount } }',
      {},
      gateway,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_BUDGET_EXCEEDED' });
    expect(h.emulator.log.count()).toBe(1);
  });
});

describe('identity', () => {
  it('tells a remoteci its team and roles', async () => {
    const partner = h.emulator.fixtures.identities.partnerRemoteci;
    const result = await h.query(
      'partnerRemoteci',
      `{ identity {
      id kind name isSuperAdmin isReadOnly isEpm hasPreReleaseAccess
      teams { id name hasPreReleaseAccess team { id } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      identity: {
        id: partner.id,
        kind: 'REMOTECI',
        name: null,
        isSuperAdmin: false,
        isReadOnly: false,
        isEpm: false,
        hasPreReleaseAccess: true,
        teams: [{ id: partner.teamId, hasPreReleaseAccess: true, team: { id: partner.teamId } }],
      },
    });
  });

  it.each([
    // DCI counts a super admin as EPM (REST-REFERENCE §2.4).
    ['admin', { isSuperAdmin: true, isReadOnly: false, isEpm: true }],
    ['redhat', { isSuperAdmin: false, isReadOnly: true, isEpm: false }],
    ['epm', { isSuperAdmin: false, isReadOnly: false, isEpm: true }],
  ] as const)('derives the roles of %s from its team names', async (who, roles) => {
    const result = await h.query(who, '{ identity { kind isSuperAdmin isReadOnly isEpm } }');
    expect(result.data).toEqual({ identity: { kind: 'USER', ...roles } });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/dci/signature.js';
import type { Emulator } from '../../src/emulator/index.js';
import reference from '../fixtures/reference-vectors.json' with { type: 'json' };
import shared from '../fixtures/signature-vectors.json' with { type: 'json' };
import { type Answer, authOf, call, send, startTiny } from './helpers.js';

let emu: Emulator;
let origin: URL;
beforeAll(async () => {
  emu = await startTiny();
  origin = new URL(emu.url);
});
afterAll(() => emu.close());
beforeEach(() => emu.setClock(() => new Date()));

interface Vector {
  name: string;
  method: string;
  host: string;
  path: string;
  params: Record<string, string>;
  body: string;
  accessKey: string;
  secret: string;
  timestamp: string;
  headers: Record<string, string>;
}

const sharedVectors: Vector[] = shared.cases.map((c) => ({
  name: c.name,
  method: c.method,
  host: c.host,
  path: c.path,
  params: c.params as Record<string, string>,
  body: c.body,
  accessKey: c.access_key,
  secret: c.secret_key,
  timestamp: c.timestamp,
  headers: c.expected_headers as unknown as Record<string, string>,
}));

const referenceVectors: Vector[] = reference.cases.map((c) => {
  const s = reference.shared;
  const aws = c.algorithm === 'AWS4-HMAC-SHA256';
  const alg = aws ? 'AWS4-HMAC-SHA256' : 'DCI2-HMAC-SHA256';
  const headers =
    c.headers ??
    ({
      'X-DCI-Date': s.timestamp,
      Authorization: `${alg} Credential=${s.access_key}/${s.timestamp.slice(0, 8)}/BHS3/api/dci2_request, SignedHeaders=host;x-dci-date, Signature=${c.signature}`,
    } as Record<string, string>);
  return {
    name: c.name,
    method: c.method,
    host: c.host,
    path: c.path,
    params: c.params as Record<string, string>,
    body: c.body,
    accessKey: s.access_key,
    secret: s.secret_key,
    timestamp: s.timestamp,
    headers: headers as Record<string, string>,
  };
});

/** Seeds the vector's remoteci/feeder (in the partner team) and sets the clock to its date. */
function seed(v: Vector, secret = v.secret): void {
  const [type, id] = v.accessKey.split('/') as [string, string];
  const teamId = emu.fixtures.identities.partnerRemoteci.teamId;
  const row = {
    id,
    created_at: '2022-01-01T00:00:00.000000',
    updated_at: '2022-01-01T00:00:00.000000',
    etag: 'e'.repeat(32),
    name: `vector-${id.slice(0, 8)}`,
    data: {},
    api_secret: secret,
    team_id: teamId,
    public: false,
    state: 'active',
  };
  const table = (type === 'feeder' ? emu.store.feeders : emu.store.remotecis) as Map<
    string,
    unknown
  >;
  table.set(id, row);
  const at = parseTimestamp(v.timestamp)!;
  emu.setClock(() => at);
}

/** Replays the vector exactly (method, Host, path, query, headers, body). */
function replay(v: Vector, tweak: Partial<Vector> = {}): Promise<Answer> {
  const w = { ...v, ...tweak };
  const qs = Object.entries(w.params)
    .map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`)
    .join('&');
  const headers: Record<string, string> = { Host: w.host, ...w.headers };
  if (w.body) headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(w.body));
  return send(origin, w.method, qs ? `${w.path}?${qs}` : w.path, headers, w.body);
}

const lastIdentity = () => emu.log.entries().at(-1)?.identity;

describe('HMAC: the shared vectors are accepted with a fixed clock (§2.1)', () => {
  it.each([...sharedVectors, ...referenceVectors].map((v) => [v.name, v] as const))(
    '%s',
    async (_n, v) => {
      seed(v);
      const res = await replay(v);
      expect(res.json?.message ?? '').not.toMatch(
        /^HmacMechanism|^identity does not exists|^(remoteci|feeder) not found$|^team .* not active$/,
      );
      expect(lastIdentity()).toBe(v.accessKey);
    },
  );
});

describe('HMAC: tampered requests are rejected with the server statuses (§2.1)', () => {
  const v = sharedVectors.find((x) => x.name === 'get-list-params')!;
  const post = sharedVectors.find((x) => x.name === 'post-json-body')!;

  it('a changed parameter -> 400 signature is invalid', async () => {
    seed(v);
    const res = await replay(v, { params: { ...v.params, limit: '51' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      message: 'HmacMechanism failed: signature is invalid',
      payload: {},
      status_code: 400,
    });
  });
  it('a changed body -> 400 signature is invalid', async () => {
    seed(post);
    const res = await replay(post, { body: `${post.body} ` });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('HmacMechanism failed: signature is invalid');
  });
  it('a different Host -> 400 signature is invalid', async () => {
    seed(v);
    const res = await replay(v, { host: 'localhost:5000' });
    expect(res.json.message).toBe('HmacMechanism failed: signature is invalid');
  });
  it('a wrong secret -> 400 signature is invalid', async () => {
    seed(v, 'not-the-secret');
    const res = await replay(v);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('HmacMechanism failed: signature is invalid');
  });
  it.each([16, -16])('a clock %i minutes away -> 400 signature is expired', async (minutes) => {
    seed(v);
    const at = parseTimestamp(v.timestamp)!.getTime() + minutes * 60_000;
    emu.setClock(() => new Date(at));
    const res = await replay(v);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('HmacMechanism failed: signature is expired');
  });
  it('14 minutes of skew is still accepted', async () => {
    seed(v);
    const at = parseTimestamp(v.timestamp)!.getTime() + 14 * 60_000;
    emu.setClock(() => new Date(at));
    await replay(v);
    expect(lastIdentity()).toBe(v.accessKey);
  });
  it('an unknown remoteci -> 404 remoteci not found (checked before the signature)', async () => {
    seed(v);
    emu.store.remotecis.delete(v.accessKey.split('/')[1]!);
    const res = await replay(v);
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('remoteci not found');
  });
  it('an unknown feeder -> 404 feeder not found', async () => {
    const auth = v.headers.Authorization!.replace('remoteci/', 'feeder/');
    seed(v);
    const res = await replay(v, { headers: { ...v.headers, Authorization: auth } });
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('feeder not found');
  });
  it('a user client type -> 401 identity does not exists.', async () => {
    seed(v);
    const auth = v.headers.Authorization!.replace('remoteci/', 'user/');
    const res = await replay(v, { headers: { ...v.headers, Authorization: auth } });
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('identity does not exists.');
  });
  it('a Credential without its comma -> 400 bad or incomplete headers', async () => {
    seed(v);
    const auth = v.headers.Authorization!.replace('dci2_request,', 'dci2_request');
    const res = await replay(v, { headers: { ...v.headers, Authorization: auth } });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('HmacMechanism failed: bad or incomplete headers.');
  });
  it('no date header -> 400 bad or incomplete headers', async () => {
    seed(v);
    const res = await replay(v, { headers: { Authorization: v.headers.Authorization! } });
    expect(res.json.message).toBe('HmacMechanism failed: bad or incomplete headers.');
  });
  it('a wrong token count -> HTML 500', async () => {
    seed(v);
    const auth = v.headers.Authorization!.replace(', Signature', ',  Signature');
    const res = await replay(v, { headers: { ...v.headers, Authorization: auth } });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
  it('an inactive team -> 412 team <name> not active', async () => {
    seed(v);
    const team = emu.store.teams.get(emu.fixtures.identities.partnerRemoteci.teamId)!;
    team.state = 'inactive';
    try {
      const res = await replay(v);
      expect(res.status).toBe(412);
      expect(res.json.message).toBe(`team ${team.name} not active`);
    } finally {
      team.state = 'active';
    }
  });
  it('a live signed request from the fixture remoteci works (signRequest)', async () => {
    const res = await call(emu, { path: '/identity', auth: authOf(emu, 'partnerRemoteci') });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('None');
    const id = emu.fixtures.identities.partnerRemoteci;
    expect(res.json.identity).toMatchObject({ id: id.id, name: null, etag: null, email: null });
    expect(Object.keys(res.json.identity.teams)).toEqual([id.teamId]);
    expect(res.json.identity.teams[id.teamId]).toHaveProperty('team_name');
  });
});

describe('Basic, Bearer and scheme errors (§2.2, §2.3)', () => {
  it('no Authorization -> 401 Authorization header missing', async () => {
    const res = await call(emu, { path: '/jobs' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      message: 'Authorization header missing',
      payload: {},
      status_code: 401,
    });
  });
  it('an unknown scheme -> 401 Authorization scheme X unknown', async () => {
    const res = await call(emu, { path: '/jobs', headers: { Authorization: 'Token abc' } });
    expect(res.json.message).toBe('Authorization scheme Token unknown');
  });
  it('GET /api/v1/ needs no authentication', async () => {
    const res = await call(emu, { path: '/' });
    expect(res.json).toEqual({ _status: 'OK', message: 'Distributed CI.' });
  });
  it('Basic by name and by email; user identity with an ETag', async () => {
    const auth = authOf(emu, 'partnerUser');
    if (auth.kind !== 'basic') throw new Error('fixture');
    const byName = await call(emu, { path: '/identity', auth });
    expect(byName.status).toBe(200);
    expect(byName.headers.etag).toBe(byName.json.identity.etag);
    const email = byName.json.identity.email as string;
    const byEmail = await call(emu, { path: '/identity', auth: { ...auth, login: email } });
    expect(byEmail.status).toBe(200);
    const team = Object.values(byName.json.identity.teams)[0] as Record<string, unknown>;
    expect(Object.keys(team).sort()).toEqual(['has_pre_release_access', 'id', 'name']);
  });
  it('Basic with an unknown login or a wrong password -> 401 with the exact messages', async () => {
    const auth = authOf(emu, 'partnerUser');
    if (auth.kind !== 'basic') throw new Error('fixture');
    const unknown = await call(emu, { path: '/jobs', auth: { ...auth, login: 'nobody' } });
    expect(unknown.status).toBe(401);
    expect(unknown.json.message).toBe('User nobody does not exists.');
    const wrong = await call(emu, { path: '/jobs', auth: { ...auth, password: 'wrong' } });
    expect(wrong.json.message).toBe('Invalid user credentials');
  });
  it('Bearer: issued tokens work, others -> 401 JWT token decode error', async () => {
    const auth = authOf(emu, 'partnerUser');
    if (auth.kind !== 'basic') throw new Error('fixture');
    const name = (await call(emu, { path: '/identity', auth })).json.identity.name as string;
    const token = emu.issueBearerToken(name);
    const good = await call(emu, { path: '/identity', auth: { kind: 'bearer', token } });
    expect(good.status).toBe(200);
    const bad = await call(emu, { path: '/identity', auth: { kind: 'bearer', token: 'abc' } });
    expect(bad.status).toBe(401);
    expect(bad.json.message).toMatch(/^JWT token decode error: /);
    const old = emu.issueBearerToken(name, { expired: true });
    const expired = await call(emu, { path: '/identity', auth: { kind: 'bearer', token: old } });
    expect(expired.json.message).toBe('JWT token expired, please refresh.');
  });
});

describe('X-Dci-Team-Id (§2.4)', () => {
  it('a non-UUID -> 400, a team the user is not in -> 401, own team -> 200', async () => {
    const auth = authOf(emu, 'partnerUser');
    const bad = await call(emu, { path: '/jobs', auth, headers: { 'X-Dci-Team-Id': 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('X-Dci-Team-Id: abc is not a valid UUID');
    const other = emu.fixtures.identities.otherRemoteci.teamId;
    const foreign = await call(emu, { path: '/jobs', auth, headers: { 'X-Dci-Team-Id': other } });
    expect(foreign.status).toBe(401);
    const own = emu.fixtures.identities.partnerUser.teamId;
    const mine = await call(emu, { path: '/jobs', auth, headers: { 'X-Dci-Team-Id': own } });
    expect(mine.status).toBe(200);
  });
  it('even a super admin naming another team -> 401', async () => {
    const other = emu.fixtures.identities.otherRemoteci.teamId;
    const res = await call(emu, {
      path: '/jobs',
      auth: authOf(emu, 'admin'),
      headers: { 'X-Dci-Team-Id': other },
    });
    expect(res.status).toBe(401);
  });
  it('is ignored for HMAC identities', async () => {
    const res = await call(emu, {
      path: '/jobs',
      auth: authOf(emu, 'partnerRemoteci'),
      headers: { 'X-Dci-Team-Id': 'abc' },
    });
    expect(res.status).toBe(200);
  });
});

describe('Basic identities verified once per header, while their user and teams are unchanged', () => {
  it('sees a team archived through the API and restored, another caller interleaved', async () => {
    const teamId = emu.fixtures.identities.partnerUser.teamId;
    const teamsOf = async (who: string) =>
      Object.keys(
        (await call(emu, { path: '/identity', auth: authOf(emu, who) })).json.identity.teams,
      );
    const admin = await teamsOf('admin');
    expect(await teamsOf('partnerUser')).toEqual([teamId]);
    const archive = async () => {
      const team = emu.store.teams.get(teamId)!;
      const res = await call(emu, {
        method: 'PUT',
        path: `/teams/${teamId}`,
        body: { state: 'archived' },
        headers: { 'If-Match': team.etag },
        auth: authOf(emu, 'admin'),
      });
      expect(res.status).toBe(200);
    };
    await archive();
    expect(await teamsOf('partnerUser')).toEqual([]);
    expect(await teamsOf('admin')).toEqual(admin);
    expect(await teamsOf('partnerUser')).toEqual([]);
    // An archived team is 404 to PUT: restored in the store.
    emu.store.teams.get(teamId)!.state = 'active';
    (emu.store.teams as unknown as { touch(id: string): void }).touch(teamId);
    expect(await teamsOf('admin')).toEqual(admin);
    expect(await teamsOf('partnerUser')).toEqual([teamId]);
  });

  it('refuses the old password once the user row is changed and touched', async () => {
    const auth = authOf(emu, 'partnerUser');
    if (auth.kind !== 'basic') throw new Error('fixture');
    const user = [...emu.store.users.values()].find((u) => u.name === auth.login)!;
    const identity = () => call(emu, { path: '/identity', auth });
    expect((await identity()).status).toBe(200);
    user.password = 'changed';
    (emu.store.users as unknown as { touch(id: string): void }).touch(user.id);
    const refused = await identity();
    expect(refused.status).toBe(401);
    expect(refused.json.message).toBe('Invalid user credentials');
    const changed = await call(emu, { path: '/identity', auth: { ...auth, password: 'changed' } });
    expect(changed.status).toBe(200);
    user.password = auth.password;
    (emu.store.users as unknown as { touch(id: string): void }).touch(user.id);
    expect((await identity()).status).toBe(200);
  });
});

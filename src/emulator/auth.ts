/**
 * Authentication as the DCI server does it (§2): HMAC (DCI2/AWS4) for remotecis and feeders,
 * Basic and Bearer for users, the `X-Dci-Team-Id` scope header, and the roles derived from
 * team names (§2.4). Every check answers with the server's exact status and message.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQueryString,
  deriveSigningKey,
  parseTimestamp,
  payloadHash,
} from '../dci/signature.js';
import type { EmulatorState } from './context.js';
import { dciError, htmlError } from './errors.js';
import { isUuid } from './router.js';
import { type HmacRow, type TeamRow, teamIdsOfUser, type UserRow } from './store-access.js';
import { VersionedMap } from './table.js';

/** The authenticated caller of one request. */
export interface Identity {
  kind: 'user' | 'remoteci' | 'feeder';
  id: string;
  /** `user/<name>`, `remoteci/<id>` or `feeder/<id>` (the request log's `identity`). */
  label: string;
  /** The teams the caller acts for (one for HMAC, the scoped one with X-Dci-Team-Id). */
  teams: TeamRow[];
  teamIds: string[];
  /** Member of team `admin` (§2.4). */
  isSuperAdmin: boolean;
  /** Member of team `Red Hat`: reads across teams, writes nothing. */
  isReadOnly: boolean;
  /** Member of team `EPM`: counts as a member of every team in write checks. */
  isEpm: boolean;
  user?: UserRow;
  agent?: HmacRow;
}

/** What authentication needs of a request. */
export interface AuthRequest {
  method: string;
  /** The percent-decoded path (what the server signs, §2.1). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** 401 "Operation not authorized." — every permission denial (§7.1). */
export const unauthorized = () => dciError(401, 'Operation not authorized.');

/** Authenticates a request or throws the server's error (§2). */
export function authenticate(req: AuthRequest, state: EmulatorState): Identity {
  const header = req.headers.authorization;
  if (!header) throw dciError(401, 'Authorization header missing');
  const scheme = header.split(' ')[0] ?? '';
  switch (scheme) {
    case 'Basic':
      return scopeToTeam(basic(header, state), req.headers);
    case 'Bearer':
      return scopeToTeam(bearer(header, state), req.headers);
    case 'DCI2-HMAC-SHA256':
    case 'AWS4-HMAC-SHA256':
    case 'DCI-HMAC-SHA256':
      // X-Dci-Team-Id is ignored for HMAC identities (§2.4).
      return hmac(header, req, state);
    default:
      throw dciError(401, `Authorization scheme ${scheme} unknown`);
  }
}

/**
 * Identities of Basic credentials already verified, by Authorization header, each valid for
 * the exact versions of the users, teams and memberships it was built from (any write to them
 * builds it afresh); at most `BASIC_MEMO_SIZE` kept per emulator. A dashboard sends the same
 * header with every request: decoding it, finding the user and its teams again cost as much as
 * answering a small list. Identities are never changed once built.
 */
const basicMemos = new WeakMap<
  EmulatorState,
  Map<string, { version: string; identity: Identity }>
>();
const BASIC_MEMO_SIZE = 1000;
const linkIds = new WeakMap<object, number>();
let nextLinkId = 1;

/** The version of what a user's identity is built from; null when a table keeps none. */
function userVersion(state: EmulatorState): string | null {
  const { users, teams, userTeams } = state.store;
  if (!(users instanceof VersionedMap) || !(teams instanceof VersionedMap)) return null;
  let links = linkIds.get(userTeams);
  if (links === undefined) {
    links = nextLinkId++;
    linkIds.set(userTeams, links);
  }
  return `${users.version}.${teams.version}.${links}.${userTeams.length}`;
}

/** Basic auth by user name or e-mail; only active users (§2.2). */
function basic(header: string, state: EmulatorState): Identity {
  const version = userVersion(state);
  let memo = basicMemos.get(state);
  const known = version === null ? undefined : memo?.get(header);
  if (known !== undefined && known.version === version) return known.identity;
  const identity = verifyBasic(header, state);
  if (version !== null) {
    if (!memo) {
      memo = new Map();
      basicMemos.set(state, memo);
    }
    if (memo.size >= BASIC_MEMO_SIZE) memo.clear();
    memo.set(header, { version, identity });
  }
  return identity;
}

function verifyBasic(header: string, state: EmulatorState): Identity {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const login = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  const user = [...state.store.users.values()].find(
    (u) => u.state === 'active' && (u.name === login || u.email === login),
  );
  if (!user) throw dciError(401, `User ${login} does not exists.`);
  if (!user.password || user.password !== password) {
    throw dciError(401, 'Invalid user credentials');
  }
  return userIdentity(user, state);
}

/** Bearer: tokens issued by `Emulator.issueBearerToken` stand in for SSO JWTs (§2.3). */
function bearer(header: string, state: EmulatorState): Identity {
  const token = header.slice(7).trim();
  const grant = state.bearerTokens.get(token);
  if (!grant) {
    const reason =
      token.split('.').length === 3 ? 'Signature verification failed' : 'Not enough segments';
    throw dciError(401, `JWT token decode error: ${reason}`);
  }
  if (grant.expired) throw dciError(401, 'JWT token expired, please refresh.');
  const user = [...state.store.users.values()].find(
    (u) => u.name === grant.userName && u.state !== 'archived',
  );
  if (!user) throw dciError(401, `JWT token decode error: unknown user ${grant.userName}`);
  return userIdentity(user, state);
}

function userIdentity(user: UserRow, state: EmulatorState): Identity {
  const teams = teamIdsOfUser(state.store, user.id)
    .map((id) => state.store.teams.get(id))
    .filter((t): t is TeamRow => t !== undefined && t.state !== 'archived');
  return withRoles({ kind: 'user', id: user.id, label: `user/${user.name}`, user }, teams);
}

function withRoles(
  base: Pick<Identity, 'kind' | 'id' | 'label' | 'user' | 'agent'>,
  teams: TeamRow[],
): Identity {
  const names = new Set(teams.map((t) => t.name));
  return {
    ...base,
    teams,
    teamIds: teams.map((t) => t.id),
    isSuperAdmin: names.has('admin'),
    isReadOnly: names.has('Red Hat'),
    isEpm: names.has('EPM') || names.has('admin'),
  };
}

/**
 * `X-Dci-Team-Id` restricts a user to one team; roles then apply only when that team is the
 * role's team. Not a member -> 401 even for a super admin; not a UUID -> 400 (§2.4).
 */
function scopeToTeam(identity: Identity, headers: IncomingHttpHeaders) {
  const raw = headers['x-dci-team-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return identity;
  if (!isUuid(value)) throw dciError(400, `X-Dci-Team-Id: ${value} is not a valid UUID`);
  const team = identity.teams.find((t) => t.id === value.toLowerCase());
  if (!team) throw unauthorized();
  return withRoles(identity, [team]);
}

const BAD_HEADERS = 'HmacMechanism failed: bad or incomplete headers.';

/** HMAC verification, checks in the server's order (§2.1). */
function hmac(header: string, req: AuthRequest, state: EmulatorState): Identity {
  const tokens = header.split(' ');
  // The server unpacks exactly four space-separated tokens; any other count crashes it.
  if (tokens.length !== 4) throw htmlError(500, 'Internal Server Error');
  const algorithm = tokens[0]!;
  const credential = between(header, 'Credential=', ',');
  const signedHeaders = between(header, 'SignedHeaders=', ',');
  const sigAt = header.indexOf('Signature=');
  const parts = credential?.split('/') ?? [];
  const dateHeader = first(req.headers['x-amz-date']) ?? first(req.headers['x-dci-date']);
  if (
    credential === null ||
    signedHeaders === null ||
    sigAt < 0 ||
    parts.length !== 6 ||
    (parts[5] !== 'dci2_request' && parts[5] !== 'aws4_request') ||
    dateHeader === undefined
  ) {
    throw dciError(400, BAD_HEADERS);
  }
  const names = signedHeaders.split(';').map((n) => n.toLowerCase());
  const values = names.map((n) => (n === 'host' ? req.headers.host : first(req.headers[n])));
  if (values.some((v) => v === undefined)) throw dciError(400, BAD_HEADERS);

  const [clientType, clientId, datestamp, region, service, requestType] = parts as string[];
  if (clientType !== 'remoteci' && clientType !== 'feeder') {
    throw dciError(401, 'identity does not exists.');
  }
  if (!isUuid(clientId)) {
    throw dciError(
      400,
      `(psycopg2.errors.InvalidTextRepresentation) invalid input syntax for type uuid: "${clientId}"`,
    );
  }
  const table = clientType === 'remoteci' ? state.store.remotecis : state.store.feeders;
  const agent = table.get(clientId!.toLowerCase()) as HmacRow | undefined;
  if (!agent || agent.state === 'archived') throw dciError(404, `${clientType} not found`);

  const when = parseTimestamp(dateHeader);
  if (!when) throw htmlError(500, 'Internal Server Error');
  if (Math.abs(state.now().getTime() - when.getTime()) > 15 * 60 * 1000) {
    throw dciError(400, 'HmacMechanism failed: signature is expired');
  }

  // Canonical request: decoded path, decoded query (first value per key) re-encoded, header
  // values as received, the raw body bytes (§2.1).
  const params: Record<string, string> = {};
  for (const [k, v] of req.query) if (!(k in params)) params[k] = v;
  const canonical = buildCanonicalRequest({
    method: req.method,
    path: req.path,
    canonicalQueryString: canonicalQueryString(params),
    headers: names.map((n, i) => [n, values[i]!] as const),
    payloadHash: payloadHash(req.body),
  });
  const scope = `${datestamp}/${region}/${service}/${requestType}`;
  const toSign = buildStringToSign(algorithm, dateHeader, scope, canonical);
  const prefix = algorithm.replace(/-HMAC-SHA256$/, '');
  const key = deriveSigningKey(
    agent.api_secret,
    datestamp!,
    region!,
    service!,
    requestType!,
    prefix,
  );
  const expected = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  const given = header.slice(sigAt + 'Signature='.length).trim();
  if (!safeEqual(expected, given))
    throw dciError(400, 'HmacMechanism failed: signature is invalid');

  const team = state.store.teams.get(agent.team_id);
  if (team?.state !== 'active')
    throw dciError(412, `team ${team?.name ?? agent.team_id} not active`);
  const label = `${clientType}/${agent.id}`;
  return withRoles({ kind: clientType, id: agent.id, label, agent }, [team]);
}

function between(text: string, start: string, end: string): string | null {
  const at = text.indexOf(start);
  if (at < 0) return null;
  const stop = text.indexOf(end, at + start.length);
  return stop < 0 ? null : text.slice(at + start.length, stop);
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

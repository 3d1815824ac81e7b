/**
 * The caller's identity from `GET /identity`, normalized. Users and HMAC callers get differently
 * shaped teams (REST-REFERENCE §2.1, §4.7), and DCI carries no role flags: roles follow from
 * the team names (admin, Red Hat, EPM, §2.4).
 */
import type { DciAuth } from '../dci/credentials.js';
import type { DciIdentity, DciIdentityTeam } from '../dci/types.js';
import { type MalformedRow, malformedRow, wellFormed } from './rows.js';

/** One team of the identity, whatever shape DCI gave it. */
export interface IdentityTeamView {
  id: string;
  name: string;
  has_pre_release_access: boolean;
}

/**
 * The identity's teams, in a stable order (by name), each malformed one (not an object, or
 * without a name) replaced by its error, after the others (rows.ts).
 */
export function identityTeamEntries(identity: DciIdentity): (IdentityTeamView | MalformedRow)[] {
  const teams: IdentityTeamView[] = [];
  const malformed: MalformedRow[] = [];
  for (const [id, team] of Object.entries(identity.teams ?? {})) {
    const name = (team as DciIdentityTeam | null)?.name ?? team?.team_name;
    if (team === null || typeof team !== 'object' || typeof name !== 'string') {
      malformed.push(malformedRow(`an identity team (${id}) without its name`));
      continue;
    }
    teams.push({
      id: team.id ?? id,
      name,
      has_pre_release_access: team.has_pre_release_access === true,
    });
  }
  teams.sort((a, b) => a.name.localeCompare(b.name));
  return malformed.length === 0 ? teams : [...teams, ...malformed];
}

/**
 * The identity's well-formed teams, in a stable order (by name). Roles, pre-release access and
 * the topic scope follow from these only: a team DCI answered malformed grants nothing (it is
 * an UPSTREAM_ERROR at `identity.teams.N`).
 */
export function identityTeams(identity: DciIdentity): IdentityTeamView[] {
  return wellFormed(identityTeamEntries(identity));
}

/** The roles DCI derives from team membership. */
export type Role = 'admin' | 'Red Hat' | 'EPM';

/** Whether the identity belongs to the team that grants a role. */
export function hasRole(identity: DciIdentity, role: Role): boolean {
  return identityTeams(identity).some((t) => t.name.toLowerCase() === role.toLowerCase());
}

/** The kinds of DCI identity. */
export type IdentityKind = 'user' | 'remoteci' | 'feeder';

/** The Identity GraphQL parent: DCI's identity plus what kind of caller it is. */
export interface IdentityView extends DciIdentity {
  kind: IdentityKind;
}

/** The identity with its kind, told by the credentials (HMAC callers are remotecis or feeders). */
export function identityView(identity: DciIdentity, auth: DciAuth | null): IdentityView {
  // Identity.id is non-null: an identity DCI answered without one is an UPSTREAM_ERROR.
  if (typeof identity?.id !== 'string' || identity.id === '') {
    throw malformedRow('an identity without its id');
  }
  const kind =
    auth?.kind === 'hmac' ? (auth.accessKey.startsWith('feeder/') ? 'feeder' : 'remoteci') : 'user';
  return { ...identity, kind };
}

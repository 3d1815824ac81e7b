/** The caller's identity. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import {
  hasRole,
  type IdentityTeamView,
  identityTeamEntries,
  identityTeams,
  identityView,
} from '../loaders/identity.js';

/** Resolvers of Identity, IdentityTeam and Query.identity. */
export const identityResolvers: Resolvers = {
  Query: {
    identity: async (_, __, { loaders, auth }) => identityView(await loaders.identity(), auth),
  },
  Identity: {
    // A malformed team's error stands in its place (rows.ts): the executor reports it there.
    teams: (p) => identityTeamEntries(p) as IdentityTeamView[],
    isSuperAdmin: (p) => hasRole(p, 'admin'),
    isReadOnly: (p) => hasRole(p, 'Red Hat'),
    // DCI counts a super admin as EPM (REST-REFERENCE §2.4).
    isEpm: (p) => hasRole(p, 'EPM') || hasRole(p, 'admin'),
    hasPreReleaseAccess: (p) => identityTeams(p).some((t) => t.has_pre_release_access),
  },
  IdentityTeam: {
    hasPreReleaseAccess: (p) => p.has_pre_release_access,
    team: (p, _, { loaders }) => loaders.team.load(p.id),
  },
};

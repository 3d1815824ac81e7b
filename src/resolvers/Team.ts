/** Team fields and the team root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciTeam } from '../dci/types.js';
import { connection, timestamps } from './common.js';
import { type Prefetch, prefetchChildren } from './look-ahead.js';

/** What `team(id:)` starts from the id alone, with the team's own read. */
const TEAM_PREFETCH: Record<string, Prefetch> = {
  remotecis: (id, args, loaders) => loaders.remotecisByTeam.load(id, args),
};

/** Resolvers of Team, TeamConnection and Query.team(s). */
export const teamResolvers: Resolvers = {
  Query: {
    team: (_, { id }, { loaders }, info) => {
      prefetchChildren(info, id, loaders, TEAM_PREFETCH);
      return loaders.team.load(id);
    },
    teams: (_, args, { loaders }) => loaders.teamPages.page(args),
  },
  Team: {
    ...timestamps,
    hasPreReleaseAccess: (p) => p.has_pre_release_access,
    // Not the embedded `remotecis`: it ignores state and carries secrets (§4.7).
    remotecis: (p, args, { loaders }) => loaders.remotecisByTeam.load(p.id, args),
  },
  TeamConnection: connection<DciTeam>(),
};

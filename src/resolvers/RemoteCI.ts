/** RemoteCI fields and the remoteci root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciRemoteci } from '../dci/types.js';
import { loadById } from '../loaders/by-id.js';
import { connection, timestamps } from './common.js';

/** Resolvers of RemoteCI, RemoteCIConnection and Query.remoteci(s). */
export const remoteciResolvers: Resolvers = {
  Query: {
    remoteci: (_, { id }, { loaders }) => loaders.remoteci.load(id),
    remotecis: (_, args, { loaders }) => loaders.remoteciPages.page(args),
  },
  RemoteCI: {
    ...timestamps,
    team: (p, _, { loaders }) => loadById(loaders.team, p.team_id),
  },
  RemoteCIConnection: connection<DciRemoteci>(),
};

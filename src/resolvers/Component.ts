/** Component fields and the component root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciComponent } from '../dci/types.js';
import { dciToIso } from '../filters/datetime.js';
import { loadById } from '../loaders/by-id.js';
import { componentJobsPage } from '../loaders/component-jobs.js';
import { connection, timestamps } from './common.js';

/** Resolvers of Component, ComponentConnection and Query.component(s). */
export const componentResolvers: Resolvers = {
  Query: {
    // GET /components/<id> is the component's only read: the scoped `/components` list misses
    // every component outside the caller's product-team links, even for admins (§4.3), which
    // would cost a second request and wave; the detail also serves `files` and `jobs`.
    component: (_, { id }, { loaders }) =>
      loaders.batching
        ? loaders.componentDetail.load(id.toLowerCase())
        : loaders.component.load(id),
    components: (_, args, { loaders }) => loaders.componentPages.page(args),
  },
  Component: {
    ...timestamps,
    displayName: (p) => p.display_name,
    canonicalProjectName: (p) => p.canonical_project_name,
    releasedAt: (p) => dciToIso(p.released_at),
    tags: (p) => p.tags ?? [],
    topic: (p, _, { loaders }) => loadById(loaders.topic, p.topic_id),
    team: (p, _, { loaders }) => (p.team_id ? loadById(loaders.team, p.team_id) : null),
    jobs: (p, args, { loaders }) => componentJobsPage(loaders, p.id, args),
    files: async (p, _, { loaders }) => (await loaders.componentDetail.load(p.id))?.files ?? null,
  },
  ComponentConnection: connection<DciComponent>(),
};

/** The DCI list routes the gateway reads, with their filterable fields and default order. */
import { FILTER_SPECS } from '../filters/specs.js';
import type { ListDefinition } from './pages.js';

/** The list routes and their defaults. */
export const LISTS = {
  products: { path: '/products', spec: FILTER_SPECS.product, defaultSort: '-created_at' },
  topics: { path: '/topics', spec: FILTER_SPECS.topic, defaultSort: '-created_at' },
  components: { path: '/components', spec: FILTER_SPECS.component, defaultSort: '-released_at' },
  jobs: { path: '/jobs', spec: FILTER_SPECS.job, defaultSort: '-created_at' },
  files: { path: '/files', spec: {}, defaultSort: '-created_at' },
  remotecis: { path: '/remotecis', spec: FILTER_SPECS.remoteci, defaultSort: '-created_at' },
  teams: { path: '/teams', spec: FILTER_SPECS.team, defaultSort: '-created_at' },
  pipelines: { path: '/pipelines', spec: FILTER_SPECS.pipeline, defaultSort: '-created_at' },
} satisfies Record<string, ListDefinition>;

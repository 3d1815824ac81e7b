/** The DCI list routes the gateway reads, with their filterable fields and default order. */
import { FILTER_SPECS } from '../filters/specs.js';
import type { ListDefinition } from './pages.js';

/** The list routes and their defaults. */
export const LISTS = {
  products: {
    row: 'product',
    path: '/products',
    spec: FILTER_SPECS.product,
    defaultSort: '-created_at',
  },
  topics: {
    row: 'topic',
    path: '/topics',
    spec: FILTER_SPECS.topic,
    defaultSort: '-created_at',
  },
  components: {
    row: 'component',
    path: '/components',
    spec: FILTER_SPECS.component,
    defaultSort: '-released_at',
  },
  jobs: {
    row: 'job',
    path: '/jobs',
    spec: FILTER_SPECS.job,
    defaultSort: '-created_at',
  },
  files: {
    row: 'file',
    path: '/files',
    spec: {},
    defaultSort: '-created_at',
  },
  remotecis: {
    row: 'remoteci',
    path: '/remotecis',
    spec: FILTER_SPECS.remoteci,
    defaultSort: '-created_at',
  },
  teams: {
    row: 'team',
    path: '/teams',
    spec: FILTER_SPECS.team,
    defaultSort: '-created_at',
  },
  pipelines: {
    row: 'pipeline',
    path: '/pipelines',
    spec: FILTER_SPECS.pipeline,
    defaultSort: '-created_at',
  },
} satisfies Record<string, ListDefinition>;

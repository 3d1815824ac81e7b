/**
 * Enum values as DCI spells them. GraphQL shows `PRE_RUN`, resolvers and DCI see `pre-run`;
 * order fields map to the DCI column to sort on.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';

const TIMES = { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', NAME: 'name' } as const;

/** Internal values of every enum. */
export const enums: Resolvers = {
  JobStatus: {
    NEW: 'new',
    PRE_RUN: 'pre-run',
    RUNNING: 'running',
    POST_RUN: 'post-run',
    SUCCESS: 'success',
    FAILURE: 'failure',
    KILLED: 'killed',
    ERROR: 'error',
  },
  ResourceState: { ACTIVE: 'active', INACTIVE: 'inactive', ARCHIVED: 'archived' },
  IdentityKind: { USER: 'user', REMOTECI: 'remoteci', FEEDER: 'feeder' },
  OrderDirection: { ASC: 'asc', DESC: 'desc' },
  ProductOrderField: { ...TIMES, LABEL: 'label' },
  TopicOrderField: TIMES,
  ComponentOrderField: {
    ...TIMES,
    RELEASED_AT: 'released_at',
    VERSION: 'version',
    TYPE: 'type',
  },
  JobOrderField: { ...TIMES, STATUS: 'status', DURATION: 'duration' },
  RemoteCIOrderField: TIMES,
  TeamOrderField: TIMES,
  PipelineOrderField: TIMES,
};

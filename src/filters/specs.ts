/**
 * Which GraphQL filter field maps to which DCI column, per type, and how its values are checked.
 * Only columns DCI can filter on are listed (never `data`, REST-REFERENCE §3.3).
 */

/** How a filter field's values are validated and compared. */
export type FieldKind = 'id' | 'string' | 'enum' | 'datetime' | 'tags';

/** One filterable field: its DCI column and kind. */
export interface FieldSpec {
  column: string;
  kind: FieldKind;
}

/** The filterable fields of one GraphQL type, by GraphQL field name. */
export type FilterSpec = Readonly<Record<string, FieldSpec>>;

const common: FilterSpec = {
  id: { column: 'id', kind: 'id' },
  name: { column: 'name', kind: 'string' },
  state: { column: 'state', kind: 'enum' },
  createdAt: { column: 'created_at', kind: 'datetime' },
  updatedAt: { column: 'updated_at', kind: 'datetime' },
};

/** Filter specs of every filterable type. */
export const FILTER_SPECS = {
  product: { ...common, label: { column: 'label', kind: 'string' } },
  topic: {
    ...common,
    productId: { column: 'product_id', kind: 'id' },
    nextTopicId: { column: 'next_topic_id', kind: 'id' },
  },
  component: {
    ...common,
    displayName: { column: 'display_name', kind: 'string' },
    version: { column: 'version', kind: 'string' },
    type: { column: 'type', kind: 'string' },
    uid: { column: 'uid', kind: 'string' },
    tags: { column: 'tags', kind: 'tags' },
    topicId: { column: 'topic_id', kind: 'id' },
    teamId: { column: 'team_id', kind: 'id' },
    releasedAt: { column: 'released_at', kind: 'datetime' },
  },
  job: {
    ...common,
    status: { column: 'status', kind: 'enum' },
    tags: { column: 'tags', kind: 'tags' },
    comment: { column: 'comment', kind: 'string' },
    configuration: { column: 'configuration', kind: 'string' },
    topicId: { column: 'topic_id', kind: 'id' },
    productId: { column: 'product_id', kind: 'id' },
    remoteciId: { column: 'remoteci_id', kind: 'id' },
    teamId: { column: 'team_id', kind: 'id' },
    pipelineId: { column: 'pipeline_id', kind: 'id' },
  },
  remoteci: { ...common, teamId: { column: 'team_id', kind: 'id' } },
  team: { ...common, country: { column: 'country', kind: 'string' } },
  pipeline: { ...common, teamId: { column: 'team_id', kind: 'id' } },
} satisfies Record<string, FilterSpec>;

/** A type that has a filter input. */
export type FilterableType = keyof typeof FILTER_SPECS;

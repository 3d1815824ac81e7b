/**
 * The shape each by-id loader returns: a row as the `/<plural>` list returns it, without the
 * embeds the gateway never reads from a cached object. Priming a loader with an object
 * embedded elsewhere is only safe when it has that same shape: complete (every column present)
 * and not archived (DCI hides archived rows, yet embeds them: `product.topics`).
 */

/** The types with a by-id loader. */
export type ShapedType =
  | 'product'
  | 'topic'
  | 'component'
  | 'job'
  | 'remoteci'
  | 'team'
  | 'pipeline';

const ETAGGED = ['id', 'created_at', 'updated_at', 'etag', 'state'];

const COLUMNS: Record<ShapedType, readonly string[]> = {
  product: [...ETAGGED, 'name', 'label', 'description'],
  topic: [
    ...ETAGGED,
    'name',
    'component_types',
    'component_types_optional',
    'product_id',
    'next_topic_id',
    'export_control',
    'data',
  ],
  component: [
    ...ETAGGED,
    'released_at',
    'name',
    'display_name',
    'version',
    'uid',
    'type',
    'canonical_project_name',
    'title',
    'message',
    'url',
    'data',
    'topic_id',
    'team_id',
    'tags',
  ],
  // A job as GET /jobs lists it: columns without `data`, plus its own embedded collections.
  job: [
    ...ETAGGED,
    'name',
    'comment',
    'status_reason',
    'configuration',
    'url',
    'status',
    'duration',
    'topic_id',
    'product_id',
    'remoteci_id',
    'team_id',
    'pipeline_id',
    'previous_job_id',
    'update_previous_job_id',
    'user_agent',
    'client_version',
    'tags',
    'components',
    'results',
    'keys_values',
  ],
  remoteci: [...ETAGGED, 'name', 'data', 'team_id', 'public'],
  team: [...ETAGGED, 'name', 'country', 'external', 'has_pre_release_access'],
  pipeline: [...ETAGGED, 'name', 'team_id'],
};

type Copier = (row: Record<string, unknown>) => Record<string, unknown> | null;

/**
 * A copier per type, compiled once from its column list: `{ id: r.id, ... }` when every column
 * is present, else null. The object literal gets one hidden class at once, where a loop of
 * dynamic stores walks ~20 shape transitions per row; lists prime hundreds of rows per request.
 * The source is built from the constant column names above only, never from data.
 */
function compileCopier(columns: readonly string[]): Copier {
  const name = (c: string) => JSON.stringify(c);
  const present = columns.map((c) => `${name(c)} in r`).join(' && ');
  const fields = columns.map((c) => `${name(c)}: r[${name(c)}]`).join(', ');
  return new Function('r', `return ${present} ? { ${fields} } : null;`) as Copier;
}

const COPIERS = Object.fromEntries(
  Object.entries(COLUMNS).map(([type, columns]) => [type, compileCopier(columns)]),
) as Record<ShapedType, Copier>;

/** The object reduced to its loader shape, or null when it is incomplete or archived. */
export function toShape<T extends object>(type: ShapedType, value: unknown): T | null {
  if (value === null || typeof value !== 'object') return null;
  const row = value as Record<string, unknown>;
  if (row['state'] === 'archived') return null;
  return COPIERS[type](row) as T | null;
}

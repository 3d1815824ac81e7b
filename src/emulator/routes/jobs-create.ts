/**
 * Job creation (§4.4, §7.2): `POST /jobs` and `POST /jobs/schedule`, remoteci only, with the
 * server's preconditions in its order and its echo-the-input responses.
 */
import type { Identity } from '../auth.js';
import { unauthorized } from '../auth.js';
import { created, header, jsonBody, type RouteContext, type RouteDef } from '../context.js';
import { dciError, malformed } from '../errors.js';
import { canSeeTopic, getLive } from '../scope.js';
import {
  attachComponent,
  type ComponentRow,
  type EmulatorStore,
  type JobRow,
  newEtag,
  newId,
  type TopicRow,
  timestamp,
} from '../store-access.js';
import { noExtraFields, pyRepr, typed, uuidField, uuidItems } from './common.js';

const CREATE_FIELDS = [
  'components',
  'topic_id',
  'comment',
  'status_reason',
  'configuration',
  'name',
  'url',
  'tags',
  'data',
  'state',
  'previous_job_id',
  'update_previous_job_id',
  'pipeline_id',
  'remoteci_id',
  'team_id',
];
const SCHEDULE_FIELDS = [
  'topic_id',
  'components_ids',
  'comment',
  'configuration',
  'name',
  'url',
  'tags',
  'data',
  'state',
  'previous_job_id',
  'pipeline_id',
  'remoteci_id',
];

/** Validates the shared job fields (types, url, state, uuids). */
function validate(body: Record<string, unknown>, schedule: boolean): void {
  for (const f of ['comment', 'status_reason', 'configuration', 'name'])
    typed(body, f, 'string', schedule);
  typed(body, 'tags', 'array');
  typed(body, 'data', 'object');
  const url = body['url'];
  // `url` may be "" on create but not on schedule, where it is null by default (§7.2).
  if (url !== undefined && !(schedule && url === null)) {
    if (typeof url !== 'string' || !(/^https?:\/\/.+/.test(url) || (!schedule && url === ''))) {
      throw malformedAnyOf(url);
    }
  }
  const state = body['state'];
  if (state !== undefined && !['active', 'inactive', 'archived'].includes(String(state))) {
    throw malformedEnum('state', state, ['active', 'inactive', 'archived']);
  }
  for (const f of [
    'previous_job_id',
    'update_previous_job_id',
    'pipeline_id',
    'remoteci_id',
    'team_id',
  ]) {
    uuidField(body, f);
  }
}

const malformedAnyOf = (v: unknown) =>
  malformed(`url: ${pyRepr(v)} is not valid under any of the given schemas`);
const malformedEnum = (field: string, v: unknown, values: string[]) =>
  malformed(`${field}: ${pyRepr(v)} is not one of [${values.map(pyRepr).join(', ')}]`);

/** The §4.4 preconditions shared by both create routes, in the server's order. */
function preconditions(ctx: RouteContext, body: Record<string, unknown>): TopicRow {
  const { store } = ctx.state;
  const i = ctx.identity;
  if (i.kind !== 'remoteci') throw dciError(400, 'Only remoteci can create job');
  const remoteci = store.remotecis.get(i.id);
  if (remoteci?.state !== 'active') throw dciError(412, `RemoteCI "${i.id}" is disabled.`);
  const topicId = uuidField(body, 'topic_id');
  if (!topicId) throw dciError(404, 'topic not found');
  const topic = getLive(store.topics, topicId, 'topic');
  if (topic.state !== 'active') throw dciError(412, `Topic ${topic.id}:${topic.name} not active.`);
  if (!canSeeTopic(store, i, topic)) throw unauthorized();
  const previous = uuidField(body, 'previous_job_id');
  if (previous) getLive(store.jobs, previous, 'job');
  return topic;
}

/** Inserts the job row with the server-set fields; returns it and the echo. */
function insertJob(ctx: RouteContext, topic: TopicRow, input: Record<string, unknown>) {
  const { store, now } = ctx.state;
  const i: Identity = ctx.identity;
  const at = timestamp(now());
  const serverSet = {
    id: newId(),
    created_at: at,
    updated_at: at,
    etag: newEtag(),
    status: 'new',
    topic_id: topic.id,
    product_id: topic.product_id,
    remoteci_id: i.id,
    team_id: i.teamIds[0]!,
    user_agent: header(ctx, 'user-agent') ?? null,
    // client_version comes from the Client-Version header (§4.4).
    client_version: header(ctx, 'client-version') ?? null,
    previous_job_id: (input['previous_job_id'] as string | null | undefined) ?? null,
    duration: 0,
  };
  const echo: Record<string, unknown> = { ...input, ...serverSet };
  if (Array.isArray(echo['tags'])) echo['tags'] = cleanTags(echo['tags']);
  const row = {
    name: '',
    comment: '',
    status_reason: '',
    configuration: '',
    url: '',
    state: 'active',
    pipeline_id: null,
    update_previous_job_id: null,
    tags: [],
    data: {},
    ...echo,
  } as unknown as JobRow;
  for (const k of ['comment', 'configuration', 'name', 'url'] as const) {
    if ((row as unknown as Record<string, unknown>)[k] === null)
      (row as unknown as Record<string, unknown>)[k] = '';
  }
  store.jobs.set(row.id, row);
  return { row, echo };
}

/** Empty or blank tags are dropped (§7.2). */
const cleanTags = (tags: unknown[]) => tags.filter((t) => typeof t === 'string' && t.trim() !== '');

/** Schedule's component choice (§7.2): newest active team-less per type, or checked ids. */
function chooseComponents(store: EmulatorStore, topic: TopicRow, ids: string[]): ComponentRow[] {
  const types = topic.component_types;
  if (ids.length === 0) {
    return types.map((type) => {
      const newest = [...store.components.values()]
        .filter(
          (c) =>
            c.topic_id === topic.id &&
            c.type === type &&
            c.state === 'active' &&
            c.team_id === null,
        )
        .sort((a, b) =>
          a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
        )[0];
      if (!newest) throw dciError(412, `Component of type "${type}" not found or not exported.`);
      return newest;
    });
  }
  if (ids.length !== types.length) {
    throw dciError(
      412,
      `The number of component ids does not match the number of component types [${types.map(pyRepr).join(', ')}]`,
    );
  }
  const chosen = ids.map((id) => {
    const c = store.components.get(id);
    if (c?.state !== 'active' || c.topic_id !== topic.id) {
      throw dciError(404, `component id ${id} not found or not exported`);
    }
    return c;
  });
  const seen = new Set<string>();
  for (const c of chosen) {
    if (seen.has(c.type))
      throw dciError(412, `Component types malformed: type ${c.type} duplicated.`);
    seen.add(c.type);
  }
  return chosen;
}

/** `POST /jobs` and `POST /jobs/schedule`. */
export const jobCreateRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/jobs',
    handler: (ctx) => {
      const body = jsonBody(ctx);
      noExtraFields(body, CREATE_FIELDS);
      if (!('components' in body)) throw malformed("'components' is a required property");
      typed(body, 'components', 'array');
      const componentIds = uuidItems(body, 'components');
      validate(body, false);
      const topic = preconditions(ctx, body);
      const { components: _c, ...input } = body;
      const { row, echo } = insertJob(ctx, topic, input);
      // The job is inserted BEFORE its components are checked: an unknown id answers 404 and
      // leaves a component-less job behind (§4.4). Types and topic are not checked.
      const { store } = ctx.state;
      if (componentIds.some((id) => !store.components.has(id))) {
        throw dciError(404, 'component not found');
      }
      for (const id of componentIds) attachComponent(store, row.id, id);
      return created({ job: echo }, row.etag);
    },
  },
  {
    method: 'POST',
    template: '/jobs/schedule',
    handler: (ctx) => {
      const body = jsonBody(ctx);
      noExtraFields(body, SCHEDULE_FIELDS);
      uuidField(body, 'topic_id', true);
      typed(body, 'components_ids', 'array');
      const ids = uuidItems(body, 'components_ids');
      validate(body, true);
      const topic = preconditions(ctx, body);
      const components = chooseComponents(ctx.state.store, topic, ids);
      // Schedule's schema defaults these to null, and the echo shows them so (§1.2).
      const { components_ids: _c, ...rest } = body;
      const input = { comment: null, configuration: null, name: null, url: null, ...rest };
      const { row, echo } = insertJob(ctx, topic, input);
      for (const c of components) attachComponent(ctx.state.store, row.id, c.id);
      return created({ job: echo }, row.etag);
    },
  },
];

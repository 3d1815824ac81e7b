/**
 * Read routes of the catalogue: products, topics and components (§4.1-4.3).
 */

import { componentDetailCache, componentDetailVersion } from '../answer-cache.js';
import { unauthorized } from '../auth.js';
import { jsonBody, markWritten, ok, type RouteDef } from '../context.js';
import { dciError } from '../errors.js';
import { indexedList } from '../indexed-list.js';
import { sortedJson } from '../json.js';
import {
  assertComponentVisible,
  canReadJob,
  canSeeTopic,
  canWriteTeam,
  componentTeamVisibility,
  getLive,
  isPrivileged,
  live,
  topicVisibility,
} from '../scope.js';
import {
  type ComponentRow,
  groupBy,
  type JobRow,
  jobIdsOfComponent,
  productIdsOfTeams,
} from '../store-access.js';
import { VersionedMap } from '../table.js';
import { columns, columnsJson, productJson, productView, topicJson, topicView } from '../views.js';
import { noExtraFields, requireIfMatch, validatedList } from './common.js';

import { COMPONENT, PRODUCT, TOPIC } from './schemas.js';

/** Fields `PUT /components/<id>` accepts. */
const COMPONENT_PUT_FIELDS = [
  'name',
  'display_name',
  'version',
  'uid',
  'type',
  'url',
  'title',
  'message',
  'canonical_project_name',
  'tags',
  'data',
  'state',
  'released_at',
];

/** Products, topics and components. */
export const catalogRoutes: RouteDef[] = [
  {
    // Privileged: all products; others: products linked to one of their teams (§4.1).
    method: 'GET',
    template: '/products',
    handler: (ctx) => {
      const { store } = ctx.state;
      const linked = productIdsOfTeams(store, ctx.identity.teamIds);
      const rows = live(store.products.values()).filter(
        (p) => isPrivileged(ctx.identity) || linked.has(p.id),
      );
      return validatedList(ctx, PRODUCT, 'products', rows, (p) => productJson(store, p));
    },
  },
  {
    // Not visible -> 404 "product not found" (§4.1).
    method: 'GET',
    template: '/products/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const p = getLive(store.products, ctx.ids[0]!, 'product');
      const linked = productIdsOfTeams(store, ctx.identity.teamIds);
      if (!isPrivileged(ctx.identity) && !linked.has(p.id)) {
        throw dciError(404, 'product not found');
      }
      return ok({ product: productView(store, p) }, p.etag);
    },
  },
  {
    method: 'GET',
    template: '/topics',
    handler: (ctx) => {
      const { store } = ctx.state;
      const visible = topicVisibility(store, ctx.identity);
      const rows = live(store.topics.values()).filter(visible);
      return validatedList(ctx, TOPIC, 'topics', rows, (t) => topicJson(store, t));
    },
  },
  {
    // Another team's topic -> 401; feeders are exempt here (§4.2).
    method: 'GET',
    template: '/topics/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const t = getLive(store.topics, ctx.ids[0]!, 'topic');
      if (ctx.identity.kind !== 'feeder' && !canSeeTopic(store, ctx.identity, t)) {
        throw unauthorized();
      }
      return ok({ topic: topicView(store, t) }, t.etag);
    },
  },
  {
    // Verifies topic access, then the team filter; default sort -released_at (§4.3).
    method: 'GET',
    template: '/topics/:id/components',
    handler: (ctx) => {
      const { store } = ctx.state;
      const t = getLive(store.topics, ctx.ids[0]!, 'topic');
      if (ctx.identity.kind !== 'feeder' && !canSeeTopic(store, ctx.identity, t)) {
        throw unauthorized();
      }
      const teamVisible = componentTeamVisibility(store, ctx.identity);
      const source = {
        table: store.components,
        accept: (c: ComponentRow) => c.state !== 'archived' && teamVisible(c),
        scope: { column: 'topic_id', values: [t.id] },
      };
      // Each row's columns serialised once and kept while the row is unchanged.
      return indexedList(ctx, COMPONENT, 'components', source, columnsJson);
    },
  },
  {
    // Scoped through product-team links even for admins (§4.3); columns only.
    method: 'GET',
    template: '/components',
    handler: (ctx) => {
      const { store } = ctx.state;
      const topicVisible = topicVisibility(store, ctx.identity, true);
      const teamVisible = componentTeamVisibility(store, ctx.identity);
      const topics = live(store.topics.values()).filter(topicVisible);
      const topicIds = new Set(topics.map((t) => t.id));
      const source = {
        table: store.components,
        accept: (c: ComponentRow) =>
          c.state !== 'archived' && topicIds.has(c.topic_id) && teamVisible(c),
        scope: { column: 'topic_id', values: [...topicIds] },
      };
      return indexedList(ctx, COMPONENT, 'components', source, columns);
    },
  },
  {
    // Embeds files and every live job using it (team-scoped, unpaginated, with data) (§4.3).
    method: 'GET',
    template: '/components/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const c = getLive(store.components, ctx.ids[0]!, 'component');
      const identity = ctx.identity;
      assertComponentVisible(store, identity, c);
      // The answer depends on the caller only through the jobs it may read: its teams' jobs,
      // or every job for a privileged caller. Kept per component and scope while the
      // components, their files, the jobs and their links are unchanged.
      const scope = isPrivileged(identity) ? '*' : [...identity.teamIds].sort().join(',');
      const key = `${c.id}|${scope}`;
      const version = componentDetailVersion(store);
      const cache = componentDetailCache(store);
      const kept = version === null ? undefined : cache.get(key, version);
      const reply = ok(null, c.etag);
      if (kept !== undefined) return { ...reply, json: kept };
      const files = (groupBy(store.componentFiles, 'component_id').get(c.id) ?? []).map(columns);
      // Each job's columns serialised once and kept while the job is unchanged.
      const jobs = jobsOfComponent(store.jobs, jobIdsOfComponent(store, c.id))
        .filter((j) => j.state !== 'archived' && canReadJob(identity, j))
        .map(columnsJson);
      const json = Buffer.from(sortedJson({ component: { ...columns(c), files, jobs } }), 'utf8');
      if (version !== null) cache.set(key, version, json);
      return { ...reply, json };
    },
  },
  {
    // If-Match (412), existence (404), then feeders, super admins, EPM, or the owning team;
    // a stale etag answers 404 like a missing component (§4.3, §6).
    method: 'PUT',
    template: '/components/:id',
    handler: (ctx) => {
      const etag = requireIfMatch(ctx);
      const body = jsonBody(ctx);
      noExtraFields(body, COMPONENT_PUT_FIELDS);
      const { store } = ctx.state;
      const c = getLive(store.components, ctx.ids[0]!, 'component');
      const i = ctx.identity;
      const allowed =
        i.kind === 'feeder' ||
        i.isSuperAdmin ||
        i.isEpm ||
        (c.team_id !== null && canWriteTeam(i, c.team_id));
      if (!allowed) throw unauthorized();
      if (c.etag !== etag) throw dciError(404, 'component not found');
      Object.assign(c, body);
      markWritten(ctx, c);
      return ok({ component: columns(c) }, c.etag);
    },
  },
];

/** The jobs with these ids, in table order (the order a scan of the jobs table gives). */
function jobsOfComponent(table: Map<string, JobRow>, ids: Set<string>): JobRow[] {
  const rows: JobRow[] = [];
  for (const id of ids) {
    const job = table.get(id);
    if (job) rows.push(job);
  }
  if (!(table instanceof VersionedMap)) return [...table.values()].filter((j) => ids.has(j.id));
  const order = table as VersionedMap<string, JobRow>;
  const ord = new Map(rows.map((j) => [j, order.ordinalOf(j.id)]));
  return rows.sort((a, b) => ord.get(a)! - ord.get(b)!);
}

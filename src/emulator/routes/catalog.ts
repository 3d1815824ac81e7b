/**
 * Read routes of the catalogue: products, topics and components (§4.1-4.3).
 */
import { unauthorized } from '../auth.js';
import { jsonBody, markWritten, ok, type RouteDef } from '../context.js';
import { dciError } from '../errors.js';
import {
  assertComponentVisible,
  canReadJob,
  canSeeComponentTeam,
  canSeeTopic,
  canWriteTeam,
  getLive,
  isPrivileged,
  live,
} from '../scope.js';
import { jobIdsOfComponent, productIdsOfTeams } from '../store-access.js';
import { columns, productView, topicView } from '../views.js';
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
      return validatedList(ctx, PRODUCT, 'products', rows, (p) => productView(store, p));
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
      const rows = live(store.topics.values()).filter((t) => canSeeTopic(store, ctx.identity, t));
      return validatedList(ctx, TOPIC, 'topics', rows, (t) => topicView(store, t));
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
      const rows = live(store.components.values()).filter(
        (c) => c.topic_id === t.id && canSeeComponentTeam(store, ctx.identity, c),
      );
      return validatedList(ctx, COMPONENT, 'components', rows, columns);
    },
  },
  {
    // Scoped through product-team links even for admins (§4.3); columns only.
    method: 'GET',
    template: '/components',
    handler: (ctx) => {
      const { store } = ctx.state;
      const rows = live(store.components.values()).filter((c) => {
        const topic = store.topics.get(c.topic_id);
        if (!topic || topic.state === 'archived') return false;
        return (
          canSeeTopic(store, ctx.identity, topic, true) &&
          canSeeComponentTeam(store, ctx.identity, c)
        );
      });
      return validatedList(ctx, COMPONENT, 'components', rows, columns);
    },
  },
  {
    // Embeds files and every live job using it (team-scoped, unpaginated, with data) (§4.3).
    method: 'GET',
    template: '/components/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const c = getLive(store.components, ctx.ids[0]!, 'component');
      assertComponentVisible(store, ctx.identity, c);
      const files = [...store.componentFiles.values()]
        .filter((f) => f.component_id === c.id)
        .map(columns);
      const using = jobIdsOfComponent(store, c.id);
      const jobs = live(store.jobs.values())
        .filter((j) => using.has(j.id) && canReadJob(ctx.identity, j))
        .map(columns);
      return ok({ component: { ...columns(c), files, jobs } }, c.etag);
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

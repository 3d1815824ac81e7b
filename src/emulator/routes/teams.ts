/**
 * Remotecis, teams, pipelines, identity and the API root (§4.7). Another team's remoteci, team
 * or pipeline answers 401; privileged identities read everything.
 */
import { unauthorized } from '../auth.js';
import { jsonBody, listReply, markWritten, ok, type RouteDef } from '../context.js';
import { dciError } from '../errors.js';
import { indexedList } from '../indexed-list.js';
import { canReadTeam, getLive, isPrivileged, live } from '../scope.js';
import { groupBy } from '../store-access.js';
import {
  ColumnsMemo,
  cmp,
  columns,
  pipelineJobView,
  pipelineView,
  remoteciView,
  teamView,
} from '../views.js';
import { noExtraFields, requireIfMatch, validatedList } from './common.js';
import { PIPELINE, REMOTECI, TEAM } from './schemas.js';

/** Team-scoped resources, identity and `GET /api/v1/`. */
export const teamRoutes: RouteDef[] = [
  {
    // The only unauthenticated route (§1.1).
    method: 'GET',
    template: '/',
    public: true,
    handler: () => ok({ _status: 'OK', message: 'Distributed CI.' }),
  },
  {
    // Users: teams as {id, name, has_pre_release_access} plus an ETag. HMAC callers: teams as
    // {team_name, state, has_pre_release_access}, null user fields, ETag header `None` (§2.1).
    method: 'GET',
    template: '/identity',
    handler: (ctx) => {
      const i = ctx.identity;
      if (i.user) {
        const u = i.user;
        const teams = Object.fromEntries(
          i.teams.map((t) => [
            t.id,
            { id: t.id, name: t.name, has_pre_release_access: t.has_pre_release_access },
          ]),
        );
        const identity = {
          id: u.id,
          etag: u.etag,
          name: u.name,
          fullname: u.fullname,
          email: u.email,
          timezone: u.timezone,
          teams,
        };
        return ok({ identity }, u.etag);
      }
      const teams = Object.fromEntries(
        i.teams.map((t) => [
          t.id,
          { team_name: t.name, state: t.state, has_pre_release_access: t.has_pre_release_access },
        ]),
      );
      const identity = {
        id: i.id,
        etag: null,
        name: null,
        fullname: null,
        email: null,
        timezone: null,
        teams,
      };
      return ok({ identity }, 'None');
    },
  },
  {
    method: 'GET',
    template: '/remotecis',
    handler: (ctx) => {
      const { store } = ctx.state;
      const i = ctx.identity;
      // Live remotecis of the caller's teams (every team for privileged callers), from the
      // indexes: a dashboard's `or(eq(id,…),…)` of a page's remotecis tested every row against
      // every id.
      const source = {
        table: store.remotecis,
        live: true,
        ...(isPrivileged(i) ? {} : { scope: { column: 'team_id', values: i.teamIds } }),
      };
      return indexedList(ctx, REMOTECI, 'remotecis', source, (r) => remoteciView(store, r));
    },
  },
  {
    method: 'GET',
    template: '/remotecis/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const r = getLive(store.remotecis, ctx.ids[0]!, 'remoteci');
      if (!canReadTeam(ctx.identity, r.team_id)) throw unauthorized();
      return ok({ remoteci: remoteciView(store, r) }, r.etag);
    },
  },
  {
    method: 'GET',
    template: '/teams',
    handler: (ctx) => {
      const { store } = ctx.state;
      const rows = live(store.teams.values()).filter((t) => canReadTeam(ctx.identity, t.id));
      return validatedList(ctx, TEAM, 'teams', rows, (t) => teamView(store, t));
    },
  },
  {
    method: 'GET',
    template: '/teams/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const t = getLive(store.teams, ctx.ids[0]!, 'team');
      if (!canReadTeam(ctx.identity, t.id)) throw unauthorized();
      return ok({ team: teamView(store, t) }, t.etag);
    },
  },
  {
    // Super admin or EPM; If-Match required; a stale etag is 409, not 404 (§4.7, §6).
    method: 'PUT',
    template: '/teams/:id',
    handler: (ctx) => {
      const etag = requireIfMatch(ctx);
      const body = jsonBody(ctx);
      noExtraFields(body, ['name', 'country', 'state', 'external', 'has_pre_release_access']);
      const { store } = ctx.state;
      const t = getLive(store.teams, ctx.ids[0]!, 'team');
      if (!ctx.identity.isSuperAdmin && !ctx.identity.isEpm) throw unauthorized();
      if (t.etag !== etag) {
        throw dciError(409, 'update failed, either team not found or etag not matched');
      }
      Object.assign(t, body);
      markWritten(ctx, t);
      return ok({ team: columns(t) }, t.etag);
    },
  },
  {
    method: 'GET',
    template: '/teams/:id/remotecis',
    handler: (ctx) => {
      const { store } = ctx.state;
      const t = getLive(store.teams, ctx.ids[0]!, 'team');
      if (!canReadTeam(ctx.identity, t.id)) throw unauthorized();
      const rows = live(store.remotecis.values()).filter((r) => r.team_id === t.id);
      return validatedList(ctx, REMOTECI, 'remotecis', rows, (r) => remoteciView(store, r));
    },
  },
  {
    method: 'GET',
    template: '/pipelines',
    handler: (ctx) => {
      const { store } = ctx.state;
      const rows = live(store.pipelines.values()).filter((p) =>
        canReadTeam(ctx.identity, p.team_id),
      );
      return validatedList(ctx, PIPELINE, 'pipelines', rows, (p) => pipelineView(store, p));
    },
  },
  {
    // No ETag header on pipelines (§1.3).
    method: 'GET',
    template: '/pipelines/:id',
    handler: (ctx) => {
      const { store } = ctx.state;
      const p = getLive(store.pipelines, ctx.ids[0]!, 'pipeline');
      if (!canReadTeam(ctx.identity, p.team_id)) throw unauthorized();
      return ok({ pipeline: pipelineView(store, p) });
    },
  },
  {
    // Every live job of the pipeline, ascending, unpaginated, parameters ignored (§4.7).
    method: 'GET',
    template: '/pipelines/:id/jobs',
    handler: (ctx) => {
      const { store } = ctx.state;
      const p = getLive(store.pipelines, ctx.ids[0]!, 'pipeline');
      if (!canReadTeam(ctx.identity, p.team_id)) throw unauthorized();
      const memo = new ColumnsMemo();
      const rows = (groupBy(store.jobs, 'pipeline_id').get(p.id) ?? [])
        .filter((j) => j.state !== 'archived' && canReadTeam(ctx.identity, j.team_id))
        .sort((a, b) => cmp(a.created_at, b.created_at))
        .map((j) => pipelineJobView(store, j, memo));
      return listReply('jobs', rows, rows.length);
    },
  },
];

/**
 * Who sees and writes what (§2.4, §4): privileged identities (super admin, read-only "Red Hat",
 * EPM) read across teams; everyone else is confined to their teams, topics follow product-team
 * links plus export control, and archived rows are invisible.
 */
import type { Identity } from './auth.js';
import { unauthorized } from './auth.js';
import { dciError } from './errors.js';
import {
  type ComponentRow,
  componentGrantsOf,
  type EmulatorStore,
  type JobRow,
  productIdsOfTeams,
  type TopicRow,
} from './store-access.js';

/** Super admin, read-only or EPM: reads across every team (§4.0). */
export const isPrivileged = (i: Identity) => i.isSuperAdmin || i.isReadOnly || i.isEpm;

/** Rows that are not soft-deleted (§4.0). */
export function live<T extends { state?: string }>(rows: Iterable<T>): T[] {
  const out: T[] = [];
  for (const r of rows) if (r.state !== 'archived') out.push(r);
  return out;
}

/** A live row by id, or 404 "<resource> not found". */
export function getLive<T extends { state?: string }>(
  table: Map<string, T>,
  id: string,
  resource: string,
): T {
  const row = table.get(id);
  if (!row || row.state === 'archived') throw dciError(404, `${resource} not found`);
  return row;
}

/** Read access to a team's rows: its members, or privileged identities. */
export const canReadTeam = (i: Identity, teamId: string | null) =>
  isPrivileged(i) || (teamId !== null && i.teamIds.includes(teamId));

/** Write access to a team's rows: members, super admins and EPM (read-only never writes). */
export const canWriteTeam = (i: Identity, teamId: string | null) =>
  i.isSuperAdmin || i.isEpm || (!i.isReadOnly && teamId !== null && i.teamIds.includes(teamId));

/**
 * Topic visibility for non-privileged callers: one of their teams is linked to the topic's
 * product, and a topic without `export_control` also needs a team with pre-release access (§4.2).
 * `ignorePrivilege` applies the product-team rule even to admins (the `/components` list, §4.3).
 */
export function canSeeTopic(
  store: EmulatorStore,
  i: Identity,
  topic: TopicRow,
  ignorePrivilege = false,
): boolean {
  return topicVisibility(store, i, ignorePrivilege)(topic);
}

/** `canSeeTopic` for the many topics of one request: the caller's links are read once. */
export function topicVisibility(
  store: EmulatorStore,
  i: Identity,
  ignorePrivilege = false,
): (topic: TopicRow) => boolean {
  if (!ignorePrivilege && isPrivileged(i)) return () => true;
  const products = productIdsOfTeams(store, i.teamIds);
  const preRelease = i.teams.some((t) => t.has_pre_release_access);
  return (topic) =>
    !!topic.product_id && products.has(topic.product_id) && (topic.export_control || preRelease);
}

/** A private component is visible to its team and to teams granted access to it (§4.3). */
export function canSeeComponentTeam(store: EmulatorStore, i: Identity, c: ComponentRow): boolean {
  return componentTeamVisibility(store, i)(c);
}

/** `canSeeComponentTeam` for the many components of one request: grants are read once. */
export function componentTeamVisibility(
  store: EmulatorStore,
  i: Identity,
): (c: ComponentRow) => boolean {
  let grants: Set<string> | null = null;
  return (c) => {
    if (c.team_id === null || isPrivileged(i) || i.teamIds.includes(c.team_id)) return true;
    grants ??= componentGrantsOf(store, i.teamIds);
    return grants.has(c.team_id);
  };
}

/** Component visibility for `GET /components/<id>`: topic access plus team rule; else 401. */
export function assertComponentVisible(store: EmulatorStore, i: Identity, c: ComponentRow): void {
  const topic = store.topics.get(c.topic_id);
  if (!topic || !canSeeTopic(store, i, topic) || !canSeeComponentTeam(store, i, c)) {
    throw unauthorized();
  }
}

/** Jobs a caller may read: its teams' jobs, or all for privileged identities (§4.4). */
export const canReadJob = (i: Identity, job: JobRow) => canReadTeam(i, job.team_id);

/** A live job the caller may read; another team's job is a plain 404 (§4.4). */
export function readableJob(store: EmulatorStore, i: Identity, id: string): JobRow {
  const job = getLive(store.jobs, id, 'job');
  if (!canReadJob(i, job)) throw dciError(404, 'job not found');
  return job;
}

/** A live job the caller may write; another team's job is 401 on writes (§4.4). */
export function writableJob(store: EmulatorStore, i: Identity, id: string): JobRow {
  const job = getLive(store.jobs, id, 'job');
  if (!canWriteTeam(i, job.team_id)) throw unauthorized();
  return job;
}

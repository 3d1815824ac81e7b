/**
 * `GET /stats` (REST-REFERENCE §4.8): per topic, the latest success or failure job of every
 * remoteci (DISTINCT ON topic name and remoteci, newest first), for active remotecis of active,
 * external teams on active topics. Privileged identities see every team; others their own.
 * Job states are not filtered, as in the server's SQL. The pairs' newest jobs come from an
 * index kept by the jobs table's writes (latest-jobs.ts), not from a scan of every job.
 */
import type { DciStatsTopic } from '../../dci/types.js';
import type { Identity } from '../auth.js';
import { ok, type RouteDef } from '../context.js';
import { LatestJobs } from '../latest-jobs.js';
import { isPrivileged } from '../scope.js';
import type { EmulatorStore, JobRow } from '../store-access.js';

/** The stats route. */
export const statsRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: '/stats',
    handler: (ctx) => ok({ stats: statsOf(ctx.state.store, ctx.identity) }),
  },
];

/** The body of `GET /stats` for an identity. */
export function statsOf(store: EmulatorStore, identity: Identity): DciStatsTopic[] {
  const all = isPrivileged(identity);
  // The newest success or failure job of every (topic, remoteci) pair, from the index;
  // the filters depend only on the pair, so they apply to the pairs' newest jobs.
  const index = LatestJobs.of(store.jobs);
  const latest = new Map<string, JobRow>();
  for (const job of index.newestJobs()) {
    const rci = store.remotecis.get(job.remoteci_id);
    const team = rci ? store.teams.get(rci.team_id) : undefined;
    const topic = store.topics.get(job.topic_id);
    if (rci?.state !== 'active' || topic?.state !== 'active') continue;
    if (team?.state !== 'active' || !team.external) continue;
    if (!all && !identity.teamIds.includes(team.id)) continue;
    // DISTINCT ON topic name: topics sharing a name share their rows.
    const key = `${topic.name}\n${job.remoteci_id}`;
    const seen = latest.get(key);
    if (!seen || index.newer(job, seen)) latest.set(key, job);
  }
  // Newest first (stored timestamps compare as text; a collation-aware compare cost more than
  // the rest of the answer at a few thousand pairs); equal timestamps in table order.
  const jobs = [...latest.values()].sort((a, b) => (a === b ? 0 : index.newer(a, b) ? -1 : 1));
  const topics = new Map<string, DciStatsTopic>();
  for (const job of jobs) {
    const topic = store.topics.get(job.topic_id)!;
    const product = topic.product_id ? store.products.get(topic.product_id) : undefined;
    const rci = store.remotecis.get(job.remoteci_id)!;
    let entry = topics.get(topic.id);
    if (!entry) {
      entry = {
        product: { id: topic.product_id ?? '', name: product?.name ?? '' },
        topic: { id: topic.id, name: topic.name },
        jobs: [],
        percentageOfSuccess: 0,
        nbOfSuccessfulJobs: 0,
        nbOfJobs: 0,
      };
      topics.set(topic.id, entry);
    }
    entry.jobs.push({
      id: job.id,
      team_name: store.teams.get(rci.team_id)?.name ?? '',
      remoteci_name: rci.name,
      status: job.status,
      created_at: job.created_at,
    });
  }
  for (const t of topics.values()) {
    t.nbOfJobs = t.jobs.length;
    t.nbOfSuccessfulJobs = t.jobs.filter((j) => j.status === 'success').length;
    t.percentageOfSuccess = t.nbOfJobs
      ? roundHalfEven((100 * t.nbOfSuccessfulJobs) / t.nbOfJobs)
      : 0;
  }
  return [...topics.values()];
}

/** Python 3's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `GET /stats` answered from the newest-job index (src/emulator/latest-jobs.ts) against the
 * scan of every job it replaces: after each of a few hundred random writes (status changes,
 * new, replaced and deleted jobs, timestamps and remotecis changed in place, topics, remotecis
 * and teams switched off and on), the answer must be the scan's for every kind of identity.
 */
import { describe, expect, it } from 'vitest';
import type { DciStatsTopic } from '../../src/dci/types.js';
import type { Identity } from '../../src/emulator/auth.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { statsOf } from '../../src/emulator/routes/stats.js';
import {
  type EmulatorStore,
  type JobRow,
  mulberry32,
  timestamp,
} from '../../src/emulator/store.js';
import type { VersionedMap } from '../../src/emulator/table.js';

const NOW = () => new Date('2026-06-01T12:00:00Z');

/**
 * The scan: every job in table order, the newest success or failure per (topic name,
 * remoteci) among active remotecis of active external teams on active topics, ties to the
 * earlier row; newest first, equal timestamps in table order.
 */
function scanStats(store: EmulatorStore, identity: Identity): DciStatsTopic[] {
  const all = identity.isSuperAdmin || identity.isReadOnly || identity.isEpm;
  const order = new Map([...store.jobs.keys()].map((id, i) => [id, i]));
  const latest = new Map<string, JobRow>();
  for (const job of store.jobs.values()) {
    if (job.status !== 'success' && job.status !== 'failure') continue;
    const rci = store.remotecis.get(job.remoteci_id);
    const team = rci ? store.teams.get(rci.team_id) : undefined;
    const topic = store.topics.get(job.topic_id);
    if (rci?.state !== 'active' || topic?.state !== 'active') continue;
    if (team?.state !== 'active' || !team.external) continue;
    if (!all && !identity.teamIds.includes(team.id)) continue;
    const key = `${topic.name}\n${job.remoteci_id}`;
    const seen = latest.get(key);
    if (!seen || seen.created_at < job.created_at) latest.set(key, job);
  }
  const jobs = [...latest.values()].sort(
    (a, b) =>
      (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) ||
      order.get(a.id)! - order.get(b.id)!,
  );
  const topics = new Map<string, DciStatsTopic>();
  for (const job of jobs) {
    const topic = store.topics.get(job.topic_id)!;
    const rci = store.remotecis.get(job.remoteci_id)!;
    let entry = topics.get(topic.id);
    if (!entry) {
      entry = {
        product: {
          id: topic.product_id ?? '',
          name: store.products.get(topic.product_id ?? '')?.name ?? '',
        },
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
    const x = (100 * t.nbOfSuccessfulJobs) / (t.nbOfJobs || 1);
    const floor = Math.floor(x);
    const half = x - floor === 0.5;
    t.percentageOfSuccess = half ? floor + (floor % 2) : Math.round(x);
  }
  return [...topics.values()];
}

function identity(teamIds: string[], privileged: boolean): Identity {
  return {
    kind: 'user',
    id: 'u',
    label: 'user/u',
    teams: [],
    teamIds,
    isSuperAdmin: false,
    isReadOnly: privileged,
    isEpm: false,
  };
}

describe('GET /stats from the newest-job index', () => {
  it('gives the full scan after every kind of write', () => {
    const { store, fixtures } = generateDataset({ seed: 5, size: 'demo', now: NOW });
    const jobs = store.jobs as VersionedMap<string, JobRow>;
    const next = mulberry32(17);
    const float = () => next() / 4294967296;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(float() * items.length)]!;
    let clock = NOW().getTime();
    const now = () => {
      clock += 1000;
      return timestamp(new Date(clock));
    };
    const identities = [
      identity([], true),
      identity([fixtures.identities.partnerUser.teamId], false),
      identity([fixtures.identities.otherRemoteci.teamId], false),
    ];
    // The jobs the index currently answers with, to aim writes at them.
    const newest = () => statsOf(store, identities[0]!).flatMap((t) => t.jobs.map((j) => j.id));
    const off: { state: string }[] = [];
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      const targets = newest();
      const all = [...jobs.values()];
      const j = float() < 0.6 && targets.length > 0 ? jobs.get(pick(targets))! : pick(all);
      switch (Math.floor(float() * 10)) {
        case 0: // a status change (markWritten touches the row)
          j.status = pick(['success', 'failure', 'running', 'killed']);
          j.updated_at = now();
          jobs.touch(j.id);
          break;
        case 1: {
          // a new job: now, in the past, or tied with another job
          const created = pick([now(), pick(all).created_at, j.created_at]);
          const id = `${Math.floor(float() * 0xffffffff)
            .toString(16)
            .padStart(8, '0')}-0000-4000-8000-${String(round).padStart(12, '0')}`;
          jobs.set(id, { ...j, id, created_at: created, status: pick(['success', 'failure']) });
          break;
        }
        case 2:
          jobs.delete(j.id);
          break;
        case 3: // replaced by a new object under the same id
          jobs.set(j.id, { ...j, status: pick(['success', 'failure', 'error']) });
          break;
        case 4: // created_at moved back or forward in place
          j.created_at = float() < 0.5 ? pick(all).created_at : now();
          jobs.touch(j.id);
          break;
        case 5: // moved to another remoteci in place
          j.remoteci_id = pick(all).remoteci_id;
          jobs.touch(j.id);
          break;
        case 6: {
          // a topic, remoteci or team switched off, or one switched off before back on (read
          // when answering)
          if (off.length > 0 && float() < 0.6) {
            off.splice(Math.floor(float() * off.length), 1)[0]!.state = 'active';
            break;
          }
          const row = pick([
            ...store.topics.values(),
            ...store.remotecis.values(),
            ...store.teams.values(),
          ]) as { state: string };
          if (row.state === 'active') {
            row.state = 'inactive';
            off.push(row);
          }
          break;
        }
        case 7: // a write that changes nothing the index reads
          j.comment = 'changed';
          jobs.touch(j.id);
          break;
        default:
          break;
      }
      for (const who of identities) {
        expect(statsOf(store, who)).toEqual(scanStats(store, who));
        compared++;
      }
    }
    expect(compared).toBe(900);
    // The writes must not have emptied the answer.
    expect(newest().length).toBeGreaterThan(10);
  });
});

/**
 * Mutations made through the gateway are announced to the live hub as soon as they succeed, so
 * that subscribers do not wait for the next poll: the job's id and what happened, nothing more
 * (every poller then looks again with its own credentials).
 */
import type { JobEventKind } from './events.js';
import type { LiveHub } from './hub.js';

type Resolve = (...args: unknown[]) => unknown;

/** The job a mutation's payload names, and what happened to it. */
function touchedBy(field: string, payload: unknown): { jobId: string; kind: JobEventKind } | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as { deletedId?: unknown; job?: { id?: unknown } | null };
  if (typeof p.deletedId === 'string') return { jobId: p.deletedId, kind: 'DELETED' };
  if (p.job && typeof p.job.id === 'string') {
    const created = field === 'createJob' || field === 'scheduleJob';
    return { jobId: p.job.id, kind: created ? 'CREATED' : 'UPDATED' };
  }
  return null;
}

/** Wraps every Mutation resolver so that a successful one is announced to `live`. */
export function announcingMutations(
  fields: Record<string, unknown>,
  live: LiveHub,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, resolver] of Object.entries(fields)) {
    if (typeof resolver !== 'function') {
      out[field] = resolver;
      continue;
    }
    out[field] = async (...args: unknown[]) => {
      const payload = await (resolver as Resolve)(...args);
      const touched = touchedBy(field, payload);
      if (touched) live.touched(touched);
      return payload;
    };
  }
  return out;
}

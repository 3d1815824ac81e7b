/**
 * Invalidation from outside a mutation: for whoever learns that jobs changed without the
 * gateway writing them (a poller seeing DCI's `updated_at` move, an event from another
 * replica). Evicts what a mutation of those jobs through the gateway would evict.
 */
import type { ResponseCacheOptions } from './plugin.js';

/** The tags a change of these jobs evicts: each job, and every list of jobs. */
export function jobChangeTags(jobIds: Iterable<string>): string[] {
  return ['List:Job', ...[...new Set(jobIds)].map((id) => `Job:${id}`)];
}

/** Evicts every cached answer holding one of these jobs or any list of jobs; resolves to how many. */
export function invalidateJobs(
  cache: Pick<ResponseCacheOptions, 'store'>,
  jobIds: Iterable<string>,
): Promise<number> {
  return cache.store.invalidate(jobChangeTags(jobIds));
}

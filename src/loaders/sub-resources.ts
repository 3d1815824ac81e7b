/**
 * Sub-resources DCI only serves per parent (REST-REFERENCE §5): one request per parent, all
 * parents of a tick concurrently.
 */
import DataLoader from 'dataloader';
import type { DciJobState } from '../dci/types.js';
import type { DciReader } from './reader.js';
import { checkRows } from './rows.js';

/**
 * A job's jobstates, oldest first: `/jobs/<id>/jobstates?limit=200&offset=0&sort=created_at`.
 * This route embeds each jobstate's files, which `GET /jobs/<id>` does not; there is no
 * `/jobstates` list to batch over.
 */
export function jobStatesLoader(
  reader: DciReader,
  batching: boolean,
  onBatch?: (size: number) => void,
): DataLoader<string, DciJobState[]> {
  return new DataLoader<string, DciJobState[]>(
    (jobIds) => {
      onBatch?.(jobIds.length);
      return Promise.all(
        jobIds.map((id) =>
          reader
            .list<DciJobState>(`/jobs/${id.toLowerCase()}/jobstates`, {
              limit: 200,
              offset: 0,
              sort: ['created_at'],
            })
            // A malformed jobstate is its UPSTREAM_ERROR in place (rows.ts).
            .then((r) => checkRows<DciJobState>('jobstate', r.items) as DciJobState[])
            .catch((error: Error) => error),
        ),
      );
    },
    batching ? {} : { cache: false },
  );
}

/**
 * The safety net behind createJob's reference check. `POST /jobs` inserts the job before it
 * looks at the components (REST-REFERENCE §4.4), and its 404 does not say which job it left
 * behind. If a component disappears between the gateway's check and the write, the gateway
 * finds that empty job (its own remoteci, topic, status `new`, no components, the same text
 * fields, the newest such job) and deletes it.
 */
import type { DciJob } from '../dci/types.js';
import { clientOf, type MutationContext } from './context.js';

/** How many of the remoteci's newest `new` jobs on the topic are looked at. */
const CANDIDATES = 10;

/** Whether a listed job is the empty job a failed `POST /jobs` with `body` left behind. */
export function isOrphanOf(job: DciJob, body: Record<string, unknown>): boolean {
  const same = (field: 'name' | 'comment' | 'configuration' | 'url') =>
    job[field] === ((body[field] as string | undefined) ?? '');
  return (
    job.status === 'new' &&
    (job.components ?? []).length === 0 &&
    same('name') &&
    same('comment') &&
    same('configuration') &&
    same('url')
  );
}

/**
 * Deletes the empty job a failed `POST /jobs` left behind. Returns its id, or null when none
 * was found or it could not be deleted (the caller reports which).
 */
export async function deleteOrphanJob(
  ctx: MutationContext,
  remoteciId: string,
  body: Record<string, unknown>,
): Promise<string | null> {
  const client = clientOf(ctx);
  try {
    const { items } = await client.list<DciJob>('/jobs', {
      where: [
        { key: 'remoteci_id', value: remoteciId },
        { key: 'topic_id', value: String(body['topic_id']) },
        { key: 'status', value: 'new' },
      ],
      sort: ['-created_at'],
      limit: CANDIDATES,
      offset: 0,
    });
    const orphan = items.find((job) => isOrphanOf(job, body));
    if (!orphan) return null;
    await client.delete(`/jobs/${orphan.id}`, { etag: orphan.etag });
    return orphan.id;
  } catch {
    return null;
  }
}

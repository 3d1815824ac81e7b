/**
 * Shared pieces of the live tests: gateways with their own hub and metrics over one emulator,
 * a DCI client that changes jobs directly in the emulator (not through the gateway), and the
 * way to count the requests the pollers made.
 */
import { DciClient } from '../../src/dci/client.js';
import type { DciJob } from '../../src/dci/types.js';
import type { Emulator, LogEntry } from '../../src/emulator/index.js';
import type { LiveHub, LiveHubOptions } from '../../src/live/hub.js';
import { createMetrics, type GatewayMetrics } from '../../src/observability/metrics.js';
import { withOperations } from '../../src/plugins/index.js';
import { createGateway, type Gateway, liveHubFor } from '../../src/server.js';
import { credentialHeaders, type IdentityName, visible } from '../graphql/harness.js';
import { type SseSubscription, subscribe } from './sse.js';

/** A gateway with its own live hub and metrics. */
export interface LiveGateway {
  gateway: Gateway;
  live: LiveHub;
  metrics: GatewayMetrics;
}

/** A gateway over `emulator` whose pollers look every 100 ms unless told otherwise. */
export function liveGateway(
  emulator: Emulator,
  settings: Omit<LiveHubOptions, 'dciUrl'> = {},
): LiveGateway {
  const metrics = createMetrics();
  const options = withOperations({ dciUrl: emulator.url, retry: { retries: 0 } }, { metrics });
  const live = liveHubFor(options, { pollIntervalMs: 100, ...settings });
  return { gateway: createGateway({ ...options, live }), live, metrics };
}

/** Opens a subscription on a gateway as a fixture identity. */
export function subscribeAs<T = Record<string, unknown>>(
  g: LiveGateway,
  emulator: Emulator,
  as: IdentityName,
  query: string,
  variables?: Record<string, unknown>,
): Promise<SseSubscription<T>> {
  return subscribe<T>(
    (url, init) => Promise.resolve(g.gateway.fetch(url, init)),
    'http://gateway/graphql',
    credentialHeaders(emulator.fixtures.identities[as].auth),
    query,
    variables,
  );
}

/** A DCI client acting directly on the emulator as a fixture identity. */
export function directClient(emulator: Emulator, as: IdentityName): DciClient {
  return new DciClient({
    baseUrl: emulator.url,
    auth: emulator.fixtures.identities[as].auth,
    retry: { retries: 0 },
  });
}

/** Jobs of a fixture remoteci, newest first. */
export function jobsOf(emulator: Emulator, as: 'partnerRemoteci' | 'otherRemoteci'): DciJob[] {
  const remoteciId = emulator.fixtures.identities[as].id;
  return (visible(emulator.store.jobs) as unknown as DciJob[])
    .filter((j) => j.remoteci_id === remoteciId)
    .sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
}

/** Moves a job to a status directly in DCI, as an agent does (POST /jobstates). */
export async function postJobState(
  emulator: Emulator,
  as: IdentityName,
  jobId: string,
  status: string,
): Promise<void> {
  await directClient(emulator, as).create('/jobstates', { job_id: jobId, status, comment: 'live' });
}

/** Renames a job directly in DCI (PUT /jobs/<id> with its current etag). */
export async function renameJob(
  emulator: Emulator,
  as: IdentityName,
  jobId: string,
  name: string,
): Promise<void> {
  const etag = emulator.store.jobs.get(jobId)!.etag;
  await directClient(emulator, as).update(`/jobs/${jobId}`, etag, { name });
}

/** A poller's request: a job list sorted by updated_at (the gateway's reads never sort so). */
export function isPollerRequest(entry: LogEntry): boolean {
  return (
    entry.method === 'GET' &&
    entry.route === '/jobs' &&
    (entry.query['sort'] ?? '').includes('updated_at')
  );
}

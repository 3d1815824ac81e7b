/**
 * The messages live subscriptions carry, and the topics (pub/sub channels) they travel on.
 * Topic names hold identity hashes and filter hashes, never a credential or a raw header.
 */
import type { DciJob } from '../dci/types.js';

/** What happened to a job. */
export type JobEventKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** A job event as published: the parent of GraphQL's JobEvent. */
export interface JobEventMessage {
  kind: JobEventKind;
  /** The job as the poller's identity read it (for DELETED: as last seen, state archived). */
  job: DciJob;
  /** When it happened, naive UTC as DCI writes it (the job's updated_at) or ISO with `Z`. */
  at: string;
}

/**
 * A change made through the gateway (any replica): only the job's id and what happened, so
 * that pollers of every identity look again at once, each with its own credentials.
 */
export interface JobTouchedMessage {
  jobId: string;
  kind: JobEventKind;
}

/** Prefix of every live topic. */
export const TOPIC_PREFIX = 'dci-graphql:live:';

/** The topic of one poller's job events. */
export function jobEventsTopic(slotKey: string): string {
  return `${TOPIC_PREFIX}jobs:${slotKey}`;
}

/** The topic of changes made through the gateway. */
export const TOUCHED_TOPIC = `${TOPIC_PREFIX}touched`;

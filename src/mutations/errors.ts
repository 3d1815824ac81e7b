/**
 * The errors job mutations answer with (docs/MUTATIONS.md). Each one says what happened and
 * what the caller can do: an ETAG_MISMATCH carries the current etag to retry with, a
 * BAD_USER_INPUT for unknown ids names them, a refused write keeps DCI's own reason.
 */
import type { GraphQLError } from 'graphql';
import { DciHttpError, DciNetworkError, DciProtocolError } from '../dci/errors.js';
import { codeOf, gatewayError, toGraphQLError } from '../errors.js';

/** Ids of the input that are malformed or unknown, by input field (`componentIds: [...]`). */
export type InvalidIds = Record<string, string[]>;

/** BAD_USER_INPUT for a value the gateway refuses before asking DCI. */
export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return gatewayError(message, { code: 'BAD_USER_INPUT', ...extensions });
}

/** BAD_USER_INPUT naming the ids at fault in `extensions.invalidIds`. */
export function invalidIdsError(reason: string, invalidIds: InvalidIds): GraphQLError {
  const list = Object.entries(invalidIds)
    .map(([field, ids]) => `${field}: ${ids.join(', ')}`)
    .join('; ');
  return badInput(`${reason}: ${list}. Nothing was written.`, { invalidIds });
}

/** ETAG_MISMATCH: the job exists but changed since `sent` was read. */
export function etagMismatchError(id: string, sent: string, currentEtag: string): GraphQLError {
  return gatewayError(
    `Job ${id} changed since etag ${sent} was read; its current etag is ${currentEtag}. Nothing was written: re-read the job and retry with the current etag.`,
    { code: 'ETAG_MISMATCH', id, currentEtag },
  );
}

/** NOT_FOUND: no such job, or not one the caller can see (DCI does not tell them apart). */
export function jobNotFoundError(id: string): GraphQLError {
  return gatewayError(`Job ${id} does not exist or is not visible to you.`, {
    code: 'NOT_FOUND',
    id,
  });
}

/**
 * DCI_UNAVAILABLE for an etag-guarded write DCI refused with 404 when the read that tells a
 * stale etag from a missing job failed: the job may exist, and nothing was written.
 */
export function staleOrMissingUnknownError(id: string, rereadError: unknown): GraphQLError {
  return gatewayError(
    `DCI refused the write to job ${id} with 404 (a stale etag or a missing job), and reading the job to tell which failed (${failureOf(rereadError)}). Nothing was written: retry later.`,
    { code: 'DCI_UNAVAILABLE', id, upstreamStatus: 404, written: false },
  );
}

/** A short, safe description of why a DCI request failed (no DCI text, no URL). */
function failureOf(error: unknown): string {
  if (error instanceof DciHttpError) return `DCI answered ${error.status}`;
  if (error instanceof DciProtocolError) return 'DCI answered an unusable body';
  if (error instanceof DciNetworkError) return `no answer: ${error.kind}`;
  return 'unexpected error';
}

/** FORBIDDEN with the reason. */
export function forbiddenError(message: string): GraphQLError {
  return gatewayError(message, { code: 'FORBIDDEN' });
}

/**
 * A refused DCI write as a GraphQLError. The message is DCI's own reason (412 `RemoteCI "<id>"
 * is disabled.`, 400 schema messages...) so the caller sees why; the code follows
 * src/errors.ts, except DCI's 400 "Only remoteci can create job", which is a permission denial.
 */
export function writeError(error: unknown): unknown {
  if (!(error instanceof DciHttpError)) return toGraphQLError(error);
  const reason = error.dciMessage ?? error.message;
  const code = /only remoteci can create job/i.test(reason) ? 'FORBIDDEN' : codeOf(error);
  const extensions: Record<string, unknown> = { code, upstreamStatus: error.status };
  const details = error.payload['errors'];
  if (Array.isArray(details) && details.length > 0) extensions['details'] = details;
  return gatewayError(`DCI refused the write: ${reason}`, extensions);
}

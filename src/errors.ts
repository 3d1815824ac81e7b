/**
 * DCI errors as GraphQL errors with a stable `extensions.code`. A GraphQLError thrown from a
 * resolver reaches the client as is; anything else is masked by Yoga (`maskedErrors`), so every
 * upstream failure must go through {@link toGraphQLError}. Messages carry DCI's own message
 * (DciHttpError never holds URLs with query strings; what DCI or a proxy wrote is scrubbed
 * like a log line, since a body may echo a header).
 */
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { DciHttpError, DciNetworkError, DciProtocolError } from './dci/errors.js';
import { redact } from './observability/logger.js';

/**
 * Upstream text (DCI's or a proxy's error message) made safe to show: the logger's redaction
 * (credential shapes such as `Basic ...`, `Signature=...`, `secret: ...`, and the given exact
 * values). A DCI or proxy body may echo a request header.
 */
export function scrubUpstreamText(text: string, secrets: readonly string[] = []): string {
  return redact(text, secrets) as string;
}

/** The codes a client can branch on. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'ETAG_MISMATCH'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'DCI_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_BUDGET_EXCEEDED';

/**
 * A GraphQLError with extensions. Created through Yoga's `createGraphQLError` so that Yoga's
 * error masking recognizes it even where two copies of `graphql` are loaded (the package ships
 * CJS and ESM builds, and test runners may resolve the other one).
 */
export function gatewayError(message: string, extensions: Record<string, unknown>): GraphQLError {
  return createGraphQLError(message, { extensions });
}

/** Whether a value is a GraphQLError, from whichever copy of `graphql`. */
export function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** A BAD_USER_INPUT error; `field` names the argument or filter field at fault. */
export function userInputError(message: string, field?: string): GraphQLError {
  return gatewayError(
    message,
    field ? { code: 'BAD_USER_INPUT', field } : { code: 'BAD_USER_INPUT' },
  );
}

/** An UNAUTHENTICATED error (missing or malformed credentials). */
export function unauthenticatedError(message: string): GraphQLError {
  return gatewayError(message, { code: 'UNAUTHENTICATED' });
}

/** Whether a DCI error means "this object does not exist or you cannot see it". */
export function isInvisible(error: unknown): boolean {
  if (!(error instanceof DciHttpError)) return false;
  // Another team's topic, remoteci, team, pipeline or component answers 401 "Operation not
  // authorized." rather than 404 (REST-REFERENCE §4.0, §9).
  return error.status === 404 || (error.status === 401 && isPermissionDenial(error));
}

function isPermissionDenial(error: DciHttpError): boolean {
  return /not authorized/i.test(error.dciMessage ?? '');
}

/** The code of an HTTP error, following REST-REFERENCE §7.1 rather than HTTP conventions. */
export function codeOf(error: DciHttpError): ErrorCode {
  const message = error.dciMessage ?? '';
  switch (true) {
    case error.status === 401:
      // DCI never answers 403: permission denials are 401 "Operation not authorized.".
      return isPermissionDenial(error) ? 'FORBIDDEN' : 'UNAUTHENTICATED';
    case error.status === 400 && /HmacMechanism failed/i.test(message):
      // HMAC signature invalid, expired or malformed: 400, not 401 (§2.1).
      return 'UNAUTHENTICATED';
    case error.status === 404 &&
      /^(remoteci|feeder) not found$/.test(message) &&
      isAuthRoute(error):
      // An unknown HMAC identity answers 404 on any route (§2.1 step 3).
      return 'UNAUTHENTICATED';
    case error.status === 400:
      return 'BAD_USER_INPUT';
    case error.status === 404:
      return 'NOT_FOUND';
    case error.status === 409:
      return /etag/i.test(message) ? 'ETAG_MISMATCH' : 'CONFLICT';
    case error.status === 412:
      return 'PRECONDITION_FAILED';
    case error.status === 429 || error.status >= 500:
      return 'DCI_UNAVAILABLE';
    default:
      return 'UPSTREAM_ERROR';
  }
}

function isAuthRoute(error: DciHttpError): boolean {
  return !/^\/(remotecis|feeders)\/:id/.test(error.route);
}

/**
 * Any error met while resolving a field, as a GraphQLError a client may see. GraphQLErrors pass
 * through; DCI errors get their code and `upstreamStatus`; anything else is returned unchanged
 * for Yoga to mask.
 */
export function toGraphQLError(error: unknown): unknown {
  if (isGraphQLError(error)) return error;
  if (error instanceof DciHttpError) {
    return gatewayError(scrubUpstreamText(error.message), {
      code: codeOf(error),
      upstreamStatus: error.status,
    });
  }
  if (error instanceof DciNetworkError) {
    // The operation's deadline (or its end) cut the request: say so, the code stays the same.
    const reason = { deadline: 'DEADLINE_EXCEEDED', aborted: 'ABORTED' } as const;
    const why = error.kind === 'deadline' || error.kind === 'aborted' ? reason[error.kind] : null;
    return gatewayError(scrubUpstreamText(error.message), {
      code: 'DCI_UNAVAILABLE',
      ...(why ? { reason: why } : {}),
    });
  }
  if (error instanceof DciProtocolError) {
    return gatewayError(scrubUpstreamText(error.message), {
      code: 'UPSTREAM_ERROR',
      upstreamStatus: error.status,
    });
  }
  return error;
}

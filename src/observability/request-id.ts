/**
 * Request ids: taken from the caller's `X-Request-Id` when it is a sane token, generated
 * otherwise; echoed in the response and sent to DCI so one id follows a request end to end.
 */
import { randomUUID } from 'node:crypto';

/** The header carrying the id, in both directions and upstream. */
export const REQUEST_ID_HEADER = 'x-request-id';

// The same rule as src/context.ts, so the id logged here is the one DCI receives.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's `X-Request-Id` when valid, otherwise a new UUID. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * What a mutation needs from the request context, and the rules every mutation follows for
 * talking to DCI: the caller's own client, and the operation's request budget applied so that
 * a write is never cut in half by it (the budget is reserved before the first write).
 */
import type { GatewayContext } from '../context.js';
import type { DciClient } from '../dci/client.js';
import type { DciAuth } from '../dci/credentials.js';
import { gatewayError, unauthenticatedError } from '../errors.js';
import { forbiddenError } from './errors.js';

/** The part of the GraphQL context mutations use (tests build it from a DciClient). */
export type MutationContext = Pick<GatewayContext, 'client' | 'loaders' | 'auth' | 'budget'>;

/** The caller's client; UNAUTHENTICATED when the request has no credentials. */
export function clientOf(ctx: MutationContext): DciClient {
  if (!ctx.client) {
    throw unauthenticatedError(
      'DCI credentials required: send Authorization (Basic or Bearer) or X-Dci-Client-Id and X-Dci-Api-Secret.',
    );
  }
  return ctx.client;
}

/** Counts one read made before any write (UPSTREAM_BUDGET_EXCEEDED past the limit). */
export function chargeRead(ctx: MutationContext): void {
  ctx.budget.charge();
}

/**
 * Reserves `requests` upstream requests (the writes and the re-read that follows them) before
 * the first write, so that the budget can only refuse a mutation while nothing is written yet.
 */
export function reserve(ctx: MutationContext, requests: number): void {
  const { budget } = ctx;
  if (budget.used + requests > budget.limit) {
    throw gatewayError(
      `This mutation needs ${requests} more DCI requests than the operation's limit of ${budget.limit} allows; nothing was written.`,
      { code: 'UPSTREAM_BUDGET_EXCEEDED' },
    );
  }
  budget.used += requests;
}

/**
 * The id of the remote CI the caller authenticates as. Only remotecis create jobs (§4.4): a
 * user's or a feeder's credentials are FORBIDDEN here, before any request is made.
 */
export function remoteciIdOf(auth: DciAuth | null): string {
  if (auth === null) {
    throw unauthenticatedError('DCI credentials required: jobs are created by remote CIs.');
  }
  if (auth.kind !== 'hmac' || !auth.accessKey.startsWith('remoteci/')) {
    const who = auth.kind === 'hmac' ? "a feeder's" : "a user's";
    throw forbiddenError(
      `Only remote CIs can create jobs, and these credentials are ${who}: send the remote CI's X-Dci-Client-Id and X-Dci-Api-Secret.`,
    );
  }
  return auth.accessKey.slice('remoteci/'.length);
}

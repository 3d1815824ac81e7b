/**
 * Live job subscriptions (schema/subscription.graphql): thin, the polling and sharing live in
 * src/live. Each event is resolved with fresh loaders of the subscriber's own credentials.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import type { DciJob } from '../dci/types.js';
import { toGraphQLError, userInputError } from '../errors.js';
import { compileFilter } from '../filters/condition.js';
import { dciToIso } from '../filters/datetime.js';
import { FILTER_SPECS } from '../filters/specs.js';
import type { JobEventMessage } from '../live/events.js';
import type { LiveHub } from '../live/hub.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function coded<T>(subscribe: () => Promise<T>): Promise<T> {
  try {
    return await subscribe();
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** Resolvers of Subscription and JobEvent over a replica's live hub. */
export function subscriptionResolvers(live: LiveHub): Resolvers {
  return {
    Subscription: {
      job: {
        subscribe: (_, { id }, ctx) =>
          coded(() => {
            if (!UUID.test(id)) throw userInputError(`${id} is not a UUID.`, 'id');
            return live.job(ctx, id.toLowerCase());
          }),
        resolve: (job: DciJob, _args: unknown, ctx: GatewayContext) => {
          ctx.renew();
          ctx.loaders.primeJob(job);
          return job;
        },
      },
      jobEvents: {
        subscribe: (_, { filter }, ctx) =>
          coded(() => live.jobEvents(ctx, compileFilter(filter, FILTER_SPECS.job))),
        resolve: (event: JobEventMessage, _args: unknown, ctx: GatewayContext) => {
          ctx.renew();
          ctx.loaders.primeJob(event.job);
          return event;
        },
      },
    },
    JobEvent: {
      at: (e) => dciToIso(e.at),
    },
  };
}

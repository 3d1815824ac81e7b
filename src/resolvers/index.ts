/**
 * All resolvers, merged from the per-type files. Every field resolver is wrapped so that a DCI
 * error becomes a GraphQLError with a stable code (src/errors.ts): the field is null, the error
 * carries its path, and the rest of the response is intact.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { toGraphQLError } from '../errors.js';
import type { LiveHub } from '../live/hub.js';
import { announcingMutations } from '../live/mutations.js';
import { componentResolvers } from './Component.js';
import { enums } from './enums.js';
import { fileResolvers } from './File.js';
import { identityResolvers } from './Identity.js';
import { jobResolvers } from './Job.js';
import { jobStateResolvers } from './JobState.js';
import { mutationResolvers } from './Mutation.js';
import { pipelineResolvers } from './Pipeline.js';
import { productResolvers } from './Product.js';
import { remoteciResolvers } from './RemoteCI.js';
import { statisticsResolvers } from './Statistics.js';
import { subscriptionResolvers } from './Subscription.js';
import { DateTimeScalar, JSONScalar } from './scalars.js';
import { teamResolvers } from './Team.js';
import { testCaseResolvers } from './TestCase.js';
import { topicResolvers } from './Topic.js';

/** Options of {@link createResolvers}. */
export interface ResolverOptions {
  /** What `Query.version` answers. */
  version: string;
  /** The replica's live hub: subscriptions, and mutations announced to it. */
  live: LiveHub;
}

type ResolverMap = Record<string, Record<string, unknown>>;

/** The resolver map of the schema. */
export function createResolvers(options: ResolverOptions): Resolvers {
  const parts: Resolvers[] = [
    { Query: { version: () => options.version } },
    productResolvers,
    topicResolvers,
    componentResolvers,
    jobResolvers,
    jobStateResolvers,
    fileResolvers,
    remoteciResolvers,
    teamResolvers,
    pipelineResolvers,
    identityResolvers,
    testCaseResolvers,
    statisticsResolvers,
    mutationResolvers,
    subscriptionResolvers(options.live),
  ];
  const merged: ResolverMap = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part as ResolverMap)) {
      merged[type] = { ...merged[type], ...wrapFields(fields) };
    }
  }
  if (merged['Mutation'])
    merged['Mutation'] = announcingMutations(merged['Mutation'], options.live);
  return { ...(merged as Resolvers), ...enums, DateTime: DateTimeScalar, JSON: JSONScalar };
}

function wrapFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, resolver] of Object.entries(fields)) {
    out[name] = typeof resolver === 'function' ? mapErrors(resolver as Resolve) : resolver;
  }
  return out;
}

type Resolve = (...args: unknown[]) => unknown;

function mapErrors(resolve: Resolve): Resolve {
  // Fixed arity: a rest parameter would allocate an array for every field of every row.
  return (parent, args, context, info) => {
    try {
      const result = resolve(parent, args, context, info);
      return result instanceof Promise ? result.catch(rethrow) : result;
    } catch (error) {
      return rethrow(error);
    }
  };
}

function rethrow(error: unknown): never {
  throw toGraphQLError(error);
}

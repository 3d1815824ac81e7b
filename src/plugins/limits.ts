/**
 * Protection against expensive and hostile operations, all applied before execution so a
 * refused operation never reaches DCI:
 *
 * - the expanded size: an operation whose fragments expand to more fields than the cost limit
 *   -> COST_LIMIT_EXCEEDED, counted in time linear in the document (./expansion.ts) before any
 *   other walk, so a fan-out of fragments is refused in microseconds;
 * - graphql-armor: max tokens (at parse), max depth, max aliases, cost limit (validation),
 *   field suggestions blocked in production; each refusal re-thrown with a stable code. Depth
 *   counts fields: a fragment spread or an inline fragment is not a level;
 * - page sizes: any `first`/`last` above the cap, literal or variable -> BAD_USER_INPUT;
 * - the upstream budget: the static estimate of DCI requests (./upstream-estimate.ts) above the
 *   limit -> UPSTREAM_BUDGET_EXCEEDED, with the estimate and the limit in the message.
 *
 * The page-size and budget checks read the request's variables, so they run in the validation
 * hook itself rather than as validation rules: Yoga caches validation results per document,
 * and a cached "valid" must not let `first: $n` through with a larger `$n`.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { GatewayLimits } from '../config.js';
import { expandedFieldCount } from './expansion.js';
import { PassedChecks } from './memo.js';
import {
  estimateUpstreamRequests,
  findOversizedFirst,
  IDS_PER_BATCH,
} from './upstream-estimate.js';

/** The codes of the limit errors; clients may branch on them. */
export const LIMIT_CODES = {
  depth: 'MAX_DEPTH_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
  first: 'BAD_USER_INPUT',
  budget: 'UPSTREAM_BUDGET_EXCEEDED',
  inputDepth: 'MAX_INPUT_DEPTH_EXCEEDED',
} as const;

/** Default limits, as documented in config.ts. */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = {
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 5000,
  maxCost: 50_000,
  maxFirst: 200,
  upstreamBudget: 200,
  bodyLimitBytes: 100 * 1024,
  maxInputDepth: 32,
};

/** A refusal: status 400, a stable code, no stack. */
export function limitError(
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return createGraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}

/** armor's `onReject` callback that replaces its error with one carrying `code`. */
function rethrowWith(code: string) {
  return (_ctx: unknown, error: GraphQLError): never => {
    throw limitError(error.message.replace(/^Syntax Error: /, ''), code);
  };
}

/** The params Yoga puts on the envelop context. */
interface ParamsContext {
  params?: { operationName?: string | null; variables?: Record<string, unknown> | null };
}

/** The armor plugins with coded errors; suggestions are blocked when `production`. */
export function armorPlugins(limits: GatewayLimits, production: boolean): Plugin[] {
  const common = { propagateOnRejection: true, exposeLimits: true };
  const plugins: unknown[] = [
    maxTokensPlugin({
      ...common,
      n: limits.maxTokens,
      onReject: [rethrowWith(LIMIT_CODES.tokens)],
    }),
    maxDepthPlugin({
      ...common,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      // Count field depth: `...F` and `... on T` add no level (armor memoises each fragment's
      // depth, so this walk is linear too).
      flattenFragments: true,
      onReject: [rethrowWith(LIMIT_CODES.depth)],
    }),
    maxAliasesPlugin({
      ...common,
      n: limits.maxAliases,
      onReject: [rethrowWith(LIMIT_CODES.aliases)],
    }),
    costLimitPlugin({
      ...common,
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      onReject: [rethrowWith(LIMIT_CODES.cost)],
    }),
    production && blockFieldSuggestionsPlugin({ mask: '' }),
  ];
  // armor types its plugins against envelop's Plugin; Yoga runs envelop plugins as they are.
  return plugins.filter(Boolean) as Plugin[];
}

/**
 * Expanded size, page-size cap and upstream budget, checked with the request's variables when
 * validation starts (before armor's rules, so an oversized page is reported as such rather
 * than as a cost). Fields the schema does not know are skipped here and reported by validation.
 */
export function operationLimitsPlugin(
  limits: Pick<GatewayLimits, 'maxFirst' | 'upstreamBudget' | 'maxCost'>,
  options: { batching?: boolean } = {},
): Plugin {
  // Without batching every by-id lookup is its own request.
  const idsPerBatch = options.batching === false ? 1 : IDS_PER_BATCH;
  const passed = new PassedChecks();
  return {
    onValidate({ params: { schema, documentAST }, context }) {
      const { params } = context as ParamsContext;
      const at = { operationName: params?.operationName, variables: params?.variables };
      const refusal = passed.run(documentAST, at.operationName, at.variables, () => {
        // Every field costs at least 1 in armor's cost, so this refuses nothing armor would
        // accept; it only refuses it before any walk that could be slow.
        const expanded = expandedFieldCount(documentAST, at);
        if (expanded > limits.maxCost) {
          return limitError(
            `Query Cost limit of ${limits.maxCost} exceeded: its fragments expand to ${expanded} fields.`,
            LIMIT_CODES.cost,
            { expandedFields: expanded, limit: limits.maxCost },
          );
        }
        const oversized = findOversizedFirst(documentAST, limits.maxFirst, at);
        if (oversized) {
          return limitError(
            `first: ${oversized.value} at ${oversized.path} exceeds the maximum page size of ${limits.maxFirst}; page with after: instead.`,
            LIMIT_CODES.first,
            { argument: 'first', path: oversized.path, max: limits.maxFirst },
          );
        }
        const estimate = estimateUpstreamRequests(schema, documentAST, { ...at, idsPerBatch });
        if (estimate > limits.upstreamBudget) {
          return limitError(
            `This operation would need an estimated ${estimate} DCI requests; the limit is ${limits.upstreamBudget}. Ask for smaller pages (first) or fewer nested lists.`,
            LIMIT_CODES.budget,
            { estimate, limit: limits.upstreamBudget },
          );
        }
        return null;
      });
      if (refusal) throw refusal;
    },
  };
}

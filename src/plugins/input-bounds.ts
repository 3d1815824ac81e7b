/**
 * Bounds on how deeply a request nests, checked before anything recursive touches it.
 *
 * graphql-js parses documents and coerces input values by recursion, and the DCI client
 * serialises JSON by recursion: a document of 2,000 nested `{a{a{...`, a filter of thousands of
 * nested `not`, or a `data` JSON nested 9,000 deep overflows the stack and would be answered
 * as an internal error. So, before any of that runs:
 *
 * - the document's text is scanned once, without parsing (strings and comments skipped):
 *   selection sets nested deeper than the depth limit allows (fields plus inline fragments,
 *   at most `2 * maxDepth + 2` braces) are MAX_DEPTH_EXCEEDED; object and list values nested
 *   deeper than `maxInputDepth` are MAX_INPUT_DEPTH_EXCEEDED;
 * - every variable's value is measured (objects and lists, stopping one level past the limit)
 *   and refused the same way above `maxInputDepth`.
 *
 * Both refusals are HTTP 400 and happen before any DCI request.
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayLimits } from '../config.js';
import { LIMIT_CODES, limitError } from './limits.js';

/** How deeply a document's text nests its selection sets and its values. */
export interface DocumentNesting {
  /** Deepest `{` nesting outside arguments: the operation, fields and inline fragments. */
  selections: number;
  /** Deepest `{`/`[` nesting inside arguments and variable definitions: input values. */
  values: number;
}

/**
 * The nesting of a GraphQL document, from its text in one pass (no parse, no recursion).
 * Malformed text gives some answer; the parser reports what is wrong with it.
 */
export function documentNesting(source: string): DocumentNesting {
  let selections = 0;
  let values = 0;
  let maxSelections = 0;
  let maxValues = 0;
  let parens = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        // Block string: ends at the next """ not escaped as \""".
        i += 3;
        while (i < n && !(source.startsWith('"""', i) && source[i - 1] !== '\\')) i++;
        i += 2;
      } else {
        i++;
        while (i < n && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      }
    } else if (c === 0x28 /* ( */) {
      parens++;
    } else if (c === 0x29 /* ) */) {
      if (parens > 0) parens--;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (parens > 0 || c === 0x5b) {
        values++;
        if (values > maxValues) maxValues = values;
      } else {
        selections++;
        if (selections > maxSelections) maxSelections = selections;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (parens > 0 || c === 0x5d) {
        if (values > 0) values--;
      } else if (selections > 0) {
        selections--;
      }
    }
  }
  return { selections: maxSelections, values: maxValues };
}

/**
 * How deeply a JSON-like value nests objects and lists (a scalar is 0, `{}` and `[]` are 1),
 * measured up to `limit + 1`: deeper values report `limit + 1` without being walked further.
 */
export function valueDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  const children = Array.isArray(value) ? value : Object.values(value as object);
  for (const child of children) {
    if (child === null || typeof child !== 'object') continue;
    const d = valueDepth(child, limit - 1);
    if (d > deepest) deepest = d;
    if (1 + deepest > limit) break;
  }
  return 1 + deepest;
}

/** The deepest selection-set nesting a document may have for a field depth limit. */
export function maxSelectionNesting(maxDepth: number): number {
  // The operation's braces, plus one per field level and one inline fragment per level.
  return 2 * maxDepth + 2;
}

function tooDeepInput(found: number, limit: number, where: string): GraphQLError {
  return limitError(
    `Input values nest ${found > limit ? `more than ${limit}` : found} levels deep (${where}); the limit is ${limit}.`,
    LIMIT_CODES.inputDepth,
    { limit },
  );
}

/** The params Yoga hands to `onParams`. */
interface RequestParams {
  query?: unknown;
  variables?: unknown;
}

/** Refuses over-nested documents and variables (see the module comment). */
export function inputBoundsPlugin(
  limits: Pick<GatewayLimits, 'maxDepth' | 'maxInputDepth'>,
): Plugin {
  const maxSelections = maxSelectionNesting(limits.maxDepth);
  return {
    onParams({ params }) {
      const { query, variables } = params as RequestParams;
      if (variables && typeof variables === 'object') {
        for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
          const depth = valueDepth(value, limits.maxInputDepth);
          if (depth > limits.maxInputDepth) {
            throw tooDeepInput(depth, limits.maxInputDepth, `variable $${name}`);
          }
        }
      }
      if (typeof query === 'string') checkDocument(query);
    },
  };

  function checkDocument(source: string): void {
    const nesting = documentNesting(source);
    if (nesting.selections > maxSelections) {
      throw limitError(
        `Selection sets nest ${nesting.selections} levels deep; a query of depth ${limits.maxDepth} needs at most ${maxSelections}.`,
        LIMIT_CODES.depth,
        { limit: limits.maxDepth },
      );
    }
    if (nesting.values > limits.maxInputDepth) {
      throw tooDeepInput(nesting.values, limits.maxInputDepth, 'in the document');
    }
  }
}

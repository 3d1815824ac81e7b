/**
 * The custom scalars. DateTime: DCI's naive UTC timestamps go out with a `Z`; inputs must be
 * ISO-8601 and reach resolvers as given (filters convert them to naive UTC, src/filters).
 */
import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import { gatewayError } from '../errors.js';
import { dciToIso, isoToNaiveUtc } from '../filters/datetime.js';

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || isoToNaiveUtc(value) === null) {
    throw gatewayError('DateTime must be an ISO-8601 date-time, such as 2026-11-23T20:09:04Z.', {
      code: 'BAD_USER_INPUT',
    });
  }
  return value;
}

/** ISO-8601 date-times in UTC. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (value) => dciToIso(String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Any JSON value, passed through. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

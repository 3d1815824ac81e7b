/**
 * Enums whose values come from DCI, which may answer a value the schema does not know (a
 * status a newer DCI adds, a faulty proxy): such a value is answered as `UNKNOWN` instead of
 * failing the field, and with it the row and the page. `UNKNOWN` is never sent to DCI: as an
 * argument or filter value it fails validation (BAD_USER_INPUT) before anything is sent.
 */
import { type GraphQLSchema, isEnumType } from 'graphql';
import { userInputError } from '../errors.js';

/** The enums DCI's answers fill, each with an `UNKNOWN` value in the SDL. */
export const OPEN_ENUMS = ['JobStatus', 'ResourceState'] as const;

const UNKNOWN = 'UNKNOWN';

/**
 * Makes the open enums of a schema answer UNKNOWN for values they do not know and refuse
 * UNKNOWN as input. Serialization stays one map lookup, as graphql-js does it.
 */
export function tolerateUnknownValues<S extends GraphQLSchema>(schema: S): S {
  for (const name of OPEN_ENUMS) {
    const type = schema.getType(name);
    const unknown = isEnumType(type) ? type.getValue(UNKNOWN) : undefined;
    if (!isEnumType(type) || !unknown)
      throw new Error(`The schema has no enum ${name} with ${UNKNOWN}.`);
    const names = new Map<unknown, string>(type.getValues().map((v) => [v.value, v.name]));
    type.serialize = (value: unknown) => names.get(value) ?? UNKNOWN;
    const parseValue = type.parseValue.bind(type);
    const parseLiteral = type.parseLiteral.bind(type);
    const known = (value: unknown) => {
      if (value === unknown.value) {
        throw userInputError(
          `${UNKNOWN} stands for a ${name} value DCI answered that this schema does not know: it cannot be sent.`,
        );
      }
      return value;
    };
    type.parseValue = (value) => known(parseValue(value));
    type.parseLiteral = (node, variables) => known(parseLiteral(node, variables));
  }
  return schema;
}

/**
 * How DCI's PostgreSQL compares and orders values, for the answers the gateway computes itself
 * (a component's jobs, which DCI embeds unfiltered). The emulator implements the same rules on
 * its side (src/emulator/query-language.ts); a property test holds the two together.
 *
 * - Enum columns (`status`, `state`) order by the enum's declaration order, not alphabetically.
 * - Text orders by the database collation. DCI's PostgreSQL runs with `en_US.UTF-8` (glibc 2.28+,
 *   ISO 14651 tables): letters compare case-insensitively first, lower case before upper case on
 *   a tie, punctuation before digits before letters. ICU's `en-US` root collation follows the same
 *   tables, and PostgreSQL breaks collation ties by byte order (deterministic collations).
 * - UUIDs and naive timestamps (fixed-width, see {@link comparableNaive}) order by their text.
 * - NULL sorts after every value ascending and before every value descending.
 */
import { type DciState, JOB_STATUSES } from '../dci/types.js';

/** DCI's `states` enum in declaration order. */
export const RESOURCE_STATES: readonly DciState[] = ['active', 'inactive', 'archived'];

/** The PostgreSQL enum columns of DCI's tables, with their values in declaration order. */
export const ENUM_ORDER: Readonly<Record<string, readonly string[]>> = {
  status: JOB_STATUSES,
  state: RESOURCE_STATES,
};

const collator = new Intl.Collator('en-US', { sensitivity: 'variant', numeric: false });

/** Compares two texts as DCI's database collation does (see the module comment). */
export function collateText(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Position of an enum value in its declaration order (unknown values after every known one). */
export function enumRank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

/**
 * PostgreSQL's `rint()`: the nearest integer, halves to even. Timestamp input rounds its
 * fraction with it (`fsec = rint(frac * 1000000)`), so this is how DCI reads a value finer than
 * a microsecond.
 */
export function rint(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Microseconds of a fractional-second digit string, rounded as PostgreSQL reads it. */
export function fractionToMicros(digits: string): number {
  if (digits === '') return 0;
  return rint(Number(`0.${digits}`) * 1_000_000);
}

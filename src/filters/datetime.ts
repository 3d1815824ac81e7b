/**
 * DateTime conversions between GraphQL (UTC ISO-8601 with `Z`) and DCI (naive UTC without a
 * zone, with or without a microsecond fraction: Python drops `.000000`, REST-REFERENCE §1.2).
 */
import { gatewayError } from '../errors.js';
import { fractionToMicros } from './sql.js';

const ISO_INPUT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A timestamp as DCI writes it (naive, `...:SS` or `...:SS.ffffff`), or already zoned. */
const DCI_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * DCI's naive UTC timestamp as GraphQL output: `2026-11-23T20:09:04.001689Z`. Anything else
 * DCI (or a proxy) answered is an UPSTREAM_ERROR at the field, never passed on as a date.
 */
export function dciToIso(value: string): string {
  const m = typeof value === 'string' ? DCI_TIMESTAMP.exec(value) : null;
  if (!m) throw gatewayError('DCI answered a malformed timestamp.', { code: 'UPSTREAM_ERROR' });
  return m[1] ? value : `${value}Z`;
}

/**
 * Parses a DateTime input and returns it as naive UTC with a six-digit fraction, the form DCI's
 * query DSL compares against. Returns null when the value is not an ISO-8601 date-time.
 * The fraction is kept to the microsecond (a JS Date would cut it to milliseconds); a finer one
 * (up to 9 digits) is rounded to the microsecond as PostgreSQL reads it (half to even, carrying
 * into the seconds), so the gateway sends DCI the instant DCI itself would compare against.
 */
export function isoToNaiveUtc(value: string): string | null {
  const m = ISO_INPUT.exec(value.trim());
  if (!m) return null;
  const [, date, time = '00:00:00', fraction = '', zone = 'Z'] = m;
  const hms = time.length === 5 ? `${time}:00` : time;
  const micros = fractionToMicros(fraction);
  const base = new Date(`${date}T${hms}Z`);
  if (Number.isNaN(base.getTime())) return null;
  // A fraction that rounds up to a whole second carries into the seconds.
  if (micros === 1_000_000) base.setTime(base.getTime() + 1000);
  const micro = String(micros % 1_000_000).padStart(6, '0');
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    base.setTime(base.getTime() - sign * minutes * 60_000);
  }
  return `${base.toISOString().slice(0, 19)}.${micro}`;
}

/** A naive DCI timestamp padded to a six-digit fraction, so that strings compare in time order. */
export function comparableNaive(value: string): string {
  // DCI's own form with a fraction (`YYYY-MM-DDTHH:MM:SS.ffffff`, 26 characters) already is:
  // sorting a component's jobs meets it thousands of times a query.
  if (value.length === 26 && value.charCodeAt(19) === 46) return value;
  const [whole = '', fraction = ''] = value.replace(/Z$/i, '').split('.');
  return `${whole}.${fraction.padEnd(6, '0')}`;
}

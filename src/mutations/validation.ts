/**
 * Input checks made before any DCI request, following the job write schemas (REST-REFERENCE
 * §7.2), so that a malformed value costs no upstream call and DCI's 400s stay rare.
 */
import { isUuid } from '../dci/query.js';
import { badInput, type InvalidIds, invalidIdsError } from './errors.js';

const ETAG = /^[\x21-\x7e]{1,256}$/;
/** The most components one create accepts: one list page of the reference check. */
export const MAX_COMPONENT_IDS = 200;

/**
 * Checks and lower-cases every id of the input (DCI ids are lower-case UUIDs; anything else
 * would answer an HTML 404 upstream). All malformed ids are reported at once, by field.
 */
export function checkIds<T extends Record<string, string | readonly string[] | null | undefined>>(
  fields: T,
): { [K in keyof T]: T[K] extends readonly string[] ? string[] : T[K] } {
  const invalid: InvalidIds = {};
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) {
      out[field] = value;
      continue;
    }
    const list = typeof value === 'string' ? [value] : value;
    const bad = list.filter((id) => !isUuid(id));
    if (bad.length > 0) invalid[field] = bad;
    out[field] =
      typeof value === 'string' ? value.toLowerCase() : list.map((id) => id.toLowerCase());
  }
  if (Object.keys(invalid).length > 0) throw invalidIdsError('Malformed UUIDs', invalid);
  return out as { [K in keyof T]: T[K] extends readonly string[] ? string[] : T[K] };
}

/** A job's component list: no duplicates (DCI would attach them twice or fail mid-way), bounded. */
export function checkComponentIds(ids: readonly string[], field = 'componentIds'): void {
  if (ids.length > MAX_COMPONENT_IDS) {
    throw badInput(`${field}: at most ${MAX_COMPONENT_IDS} components per job.`, { field });
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) (seen.has(id) ? duplicates : seen).add(id);
  if (duplicates.size > 0) {
    throw badInput(`${field}: duplicate ids ${[...duplicates].join(', ')}.`, {
      field,
      duplicateIds: [...duplicates],
    });
  }
}

/**
 * The etag as DCI compares it: raw, so surrounding quotes (and a weak `W/` prefix) copied from
 * an HTTP header are removed (§6: a quoted If-Match never matches).
 */
export function normalizeEtag(etag: string): string {
  const raw = etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (!ETAG.test(raw)) {
    throw badInput('etag: expected the etag as read from the job (printable, no spaces).', {
      field: 'etag',
    });
  }
  return raw;
}

/** A job URL: `http(s)://...`, or empty where the route allows it (§7.2). */
export function checkUrl(url: string, allowEmpty: boolean, field = 'url'): void {
  if (url === '' && allowEmpty) return;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  const ok = /^https?:\/\/\S+$/.test(url) && parsed !== null && parsed.host !== '';
  if (!ok) {
    throw badInput(
      `${field}: expected an http:// or https:// URL${allowEmpty ? ' or an empty string' : ''}.`,
      { field },
    );
  }
}

/** Tags as DCI stores them: blank entries dropped (§7.2). */
export function cleanTags(tags: readonly string[]): string[] {
  return tags.filter((t) => t.trim() !== '');
}

/** `data` must be a JSON object (DCI's schema: `object`). */
export function checkData(data: unknown, field = 'data'): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw badInput(`${field}: expected a JSON object.`, { field });
  }
  return data as Record<string, unknown>;
}

/** A key/value key: a non-blank string. */
export function checkKey(key: string): void {
  if (key.trim() === '') throw badInput('key: must not be blank.', { field: 'key' });
}

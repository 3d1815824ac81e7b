/**
 * The emulator's JSON writer: `JSON.stringify` output with every object's keys sorted, as
 * Flask's `JSON_SORT_KEYS` writes them (§1.2). The views (views.ts) already build their
 * objects with sorted keys, so an answer is checked rather than rebuilt: only objects whose keys
 * are out of order (and the objects holding them) are copied, then the native serialiser runs.
 * A replacer that rebuilt every object cost more than finding the rows of a 50-job page.
 */
import { randomBytes } from 'node:crypto';

/**
 * `JSON.stringify(value)` with object keys sorted, recursively (like it, undefined for a
 * top-level undefined or function, which the server never sends).
 */
export function sortedJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(sorted(value, new Map(), raws));
  if (raws.length === 0) return text;
  // Each placeholder string stands for one already serialised fragment.
  return text.replace(RAW_PLACEHOLDER, (_m, n: string) => raws[Number(n)]!);
}

/**
 * A value already serialised with sorted keys (a row's columns, kept between answers by
 * views.ts): written as is, in place of the object it stands for. Never inside a view (views
 * are marked sorted, so their values are not visited).
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/**
 * How a RawJson is held in the tree JSON.stringify sees: a string no data holds (control
 * characters around a per-process random nonce), replaced by the fragment afterwards.
 */
const NONCE = randomBytes(8).toString('hex');
const rawMarker = (n: number) => `\u0001${NONCE}:${n}\u0001`;
const RAW_PLACEHOLDER = new RegExp(`"\\\\u0001${NONCE}:(\\d+)\\\\u0001"`, 'g');

/**
 * Objects known to be in order all the way down (the views, views.ts): built with sorted keys
 * from values already sorted, and never changed afterwards. Checking every key of every row of
 * a 50-job page again cost as much as serialising it.
 */
const IN_ORDER = new WeakSet<object>();

/** Records that `obj` (keys in order, values sorted, never changed again) needs no check. */
export function markSorted<T extends object>(obj: T): T {
  IN_ORDER.add(obj);
  return obj;
}

/** `value` with every object's keys sorted: itself when already so, else a sorted copy. */
export function sortedValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || IN_ORDER.has(value)) return value;
  if (value instanceof RawJson) return value;
  return sorted(value, new Map(), null);
}

/**
 * `value` itself when every object in it has sorted keys; otherwise a sorted copy. `seen`:
 * the objects already checked in this answer (a list page embeds the same topic, team or
 * component view in many of its rows) and what they became.
 */
function sorted(value: unknown, seen: Map<object, unknown>, raws: string[] | null): unknown {
  if (value === null || typeof value !== 'object' || IN_ORDER.has(value)) return value;
  if (value instanceof RawJson) {
    // Outside sortedJson (a view being built) a fragment stays as it is.
    if (raws === null) return value;
    raws.push(value.json);
    return rawMarker(raws.length - 1);
  }
  const known = seen.get(value);
  if (known !== undefined) return known;
  const result = sortedObject(value, seen, raws);
  seen.set(value, result);
  return result;
}

function sortedObject(value: object, seen: Map<object, unknown>, raws: string[] | null): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const s = sorted(item, seen, raws);
      if (s !== item && copy === null) copy = value.slice(0, i);
      if (copy !== null) copy.push(s);
    }
    return copy ?? value;
  }
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function') return sorted(toJSON.call(value, ''), seen, raws);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  let inOrder = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      inOrder = false;
      break;
    }
  }
  let changed: Map<string, unknown> | null = null;
  for (const k of keys) {
    const v = obj[k];
    const s = sorted(v, seen, raws);
    if (s !== v) {
      changed ??= new Map();
      changed.set(k, s);
    }
  }
  if (inOrder && changed === null) return obj;
  const out: Record<string, unknown> = {};
  for (const k of inOrder ? keys : keys.sort()) out[k] = changed?.has(k) ? changed.get(k) : obj[k];
  return out;
}

/**
 * The emulator's JSON writer: `JSON.stringify` output with every object's keys sorted, as
 * Flask's `JSON_SORT_KEYS` writes them (§1.2). The views (views.ts) already build their
 * objects with sorted keys, so an answer is checked rather than rebuilt: only objects whose keys
 * are out of order (and the objects holding them) are copied, then the native serialiser runs.
 * A replacer that rebuilt every object cost more than finding the rows of a 50-job page.
 */

/**
 * `JSON.stringify(value)` with object keys sorted, recursively (like it, undefined for a
 * top-level undefined or function, which the server never sends).
 */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sorted(value, new Map()));
}

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
  return sorted(value, new Map());
}

/**
 * `value` itself when every object in it has sorted keys; otherwise a sorted copy. `seen`:
 * the objects already checked in this answer (a list page embeds the same topic, team or
 * component view in many of its rows) and what they became.
 */
function sorted(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object' || IN_ORDER.has(value)) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  const result = sortedObject(value, seen);
  seen.set(value, result);
  return result;
}

function sortedObject(value: object, seen: Map<object, unknown>): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const s = sorted(item, seen);
      if (s !== item && copy === null) copy = value.slice(0, i);
      if (copy !== null) copy.push(s);
    }
    return copy ?? value;
  }
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function') return sorted(toJSON.call(value, ''), seen);
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
    const s = sorted(v, seen);
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

/**
 * Flask-like routing over the emulator's route table: static segments, `:id` segments that
 * only accept UUIDs (Werkzeug's uuid converter), an optional trailing slash (§1.1).
 */
import type { RouteDef } from './context.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The outcome of matching a path and method against the table. */
export type RouteMatch =
  | { kind: 'found'; route: RouteDef; ids: string[] }
  /** Some route has this path but not this method: Flask answers an HTML 405. */
  | { kind: 'method'; template: string; allowed: string[] }
  /** No route; also the answer for a non-UUID id (§1.1): an HTML 404. */
  | { kind: 'none' };

/** A compiled routing table. */
export class Router {
  #routes: { def: RouteDef; segments: string[] }[];

  constructor(routes: readonly RouteDef[]) {
    this.#routes = routes.map((def) => ({ def, segments: split(def.template) }));
  }

  /** Matches a decoded path relative to `/api/v1`; ids come back lower-cased (§1.2). */
  match(method: string, relPath: string): RouteMatch {
    const segments = split(relPath);
    const candidates: { def: RouteDef; ids: string[] }[] = [];
    for (const { def, segments: tpl } of this.#routes) {
      const ids = matchSegments(tpl, segments);
      if (ids) candidates.push({ def, ids });
    }
    if (candidates.length === 0) return { kind: 'none' };
    // Static segments win over `:id` ones, as in Werkzeug (`/jobs/schedule` vs `/jobs/<id>`).
    candidates.sort((a, b) => a.ids.length - b.ids.length);
    // Werkzeug answers HEAD with the GET view (the body is dropped by the HTTP layer).
    const wanted = method === 'HEAD' ? 'GET' : method;
    const found = candidates.find((c) => c.def.method === wanted);
    if (found) return { kind: 'found', route: found.def, ids: found.ids };
    const template = candidates[0]!.def.template;
    const allowed = candidates.filter((c) => c.def.template === template).map((c) => c.def.method);
    return { kind: 'method', template, allowed };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
}

function matchSegments(tpl: string[], segments: string[]): string[] | null {
  if (tpl.length !== segments.length) return null;
  const ids: string[] = [];
  for (let i = 0; i < tpl.length; i++) {
    const t = tpl[i]!;
    const s = segments[i]!;
    if (t === ':id') {
      if (!UUID.test(s)) return null;
      ids.push(s.toLowerCase());
    } else if (t !== s) return null;
  }
  return ids;
}

/** True for a UUID string in any case. */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

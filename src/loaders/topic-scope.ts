/**
 * Which of the topics a product embeds the caller may see. `GET /products` embeds every topic
 * of each product, ignoring visibility (REST-REFERENCE §4.1), but the products it lists are
 * already scoped: a privileged caller gets every product, anyone else only the products linked
 * to one of their teams, and that link is the first half of topic visibility (§4.2). The second
 * half depends on the caller alone: a topic without `export_control` also needs a team with
 * pre-release access. So once the caller's identity is known, the embed answers exactly:
 * privileged or pre-release callers see every live embedded topic, the others only the
 * export-controlled ones.
 *
 * The identity costs a `GET /identity`; its verdict is kept for a minute per credentials (a
 * SHA-256 of everything DCI authenticates with, team header included), so a dashboard's
 * repeated operations do not pay for it every time.
 */
import { createHash } from 'node:crypto';
import { credentialMaterial, type DciAuth } from '../dci/credentials.js';
import type { DciIdentity, DciTopic } from '../dci/types.js';
import { identityTeams } from './identity.js';

/** All live embedded topics, or only those with `export_control`. */
export type TopicScope = 'all' | 'export-controlled';

const PRIVILEGED = new Set(['admin', 'red hat', 'epm']);

/**
 * The caller's topic scope from `GET /identity`. With `X-Dci-Team-Id` only that team counts,
 * for roles and pre-release access alike (§2.4).
 */
export function topicScopeOf(identity: DciIdentity, teamId?: string | null): TopicScope {
  const team = teamId?.toLowerCase();
  const teams = identityTeams(identity).filter((t) => !team || t.id.toLowerCase() === team);
  return teams.some((t) => PRIVILEGED.has(t.name.toLowerCase()) || t.has_pre_release_access)
    ? 'all'
    : 'export-controlled';
}

/** The embedded topics of a product the caller sees. */
export function visibleEmbeddedTopics(topics: readonly DciTopic[], scope: TopicScope): DciTopic[] {
  return topics.filter(
    (t) => t.state !== 'archived' && (scope === 'all' || t.export_control === true),
  );
}

/** Known topic scopes per credentials, for a short time. */
export class TopicScopeCache {
  private readonly entries = new Map<string, { scope: TopicScope; expires: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The scope remembered for these credentials, if still fresh. */
  get(key: string): TopicScope | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.scope;
    this.entries.delete(key);
    return undefined;
  }

  /** Remembers a scope read with these credentials; the oldest entry goes when full. */
  set(key: string, scope: TopicScope): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { scope, expires: this.now() + this.ttlMs });
  }
}

/** A key naming one set of DCI credentials (and team header); never reversible to them. */
export function credentialsKey(auth: DciAuth, teamId?: string | null): string {
  return createHash('sha256')
    .update(JSON.stringify([...credentialMaterial(auth), teamId?.toLowerCase() ?? '']))
    .digest('hex');
}

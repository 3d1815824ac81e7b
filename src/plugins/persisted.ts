/**
 * Persisted documents, in one of two modes, both through `@graphql-yoga/plugin-persisted-operations`
 * and both decided in `onParams`, before any parsing, context or DCI request:
 *
 * - **trusted documents** (`--trusted-documents FILE`): only the documents of a manifest
 *   (`{"sha256:<hex>": "<document>"}`, what `npm run codegen` writes to
 *   client/__generated__/persisted-documents.json) run, named by their hash in
 *   `extensions.persistedQuery.sha256Hash` (or `documentId`). A document sent as text is
 *   TRUSTED_DOCUMENT_REQUIRED, an unknown hash TRUSTED_DOCUMENT_NOT_FOUND.
 * - **automatic persisted queries** (the default): any document runs; a hash alone runs a
 *   document the gateway already knows (the bundled client's manifest, or one registered
 *   earlier), else PERSISTED_QUERY_NOT_FOUND and the client resends it with its text and hash,
 *   which registers it (the hash must be the text's SHA-256: PERSISTED_QUERY_HASH_MISMATCH).
 *   Registered documents are content-addressed, so they are shared by every caller without
 *   leaking anything (knowing the hash means knowing the document); at most
 *   {@link APQ_CAPACITY} are kept, least recently used first out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

/** How many registered APQ documents are kept. */
export const APQ_CAPACITY = 1000;

/** Options of {@link persistedDocumentsPlugins}. */
export interface PersistedDocumentsOptions {
  /** The trusted documents (hash -> document): when set, nothing else runs. */
  trusted?: ReadonlyMap<string, string> | null;
  /** Automatic persisted queries when not trusted (default true). */
  apq?: boolean;
  /** Documents APQ knows from the start (default: the bundled client's manifest). */
  known?: ReadonlyMap<string, string> | null;
}

/** Hex SHA-256 of a document's text. */
export function documentSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A manifest's key without its `sha256:` prefix; null for another algorithm. */
function normalizeKey(key: string): string | null {
  const hex = key.startsWith('sha256:') ? key.slice('sha256:'.length) : key;
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/**
 * Parses a persisted-documents manifest: a JSON object of `sha256:<hex>` (or `<hex>`) keys to
 * document texts, each key the SHA-256 of its text. Throws an Error saying what is wrong.
 */
export function parseManifest(json: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('must be a JSON object of hash -> document');
  }
  const map = new Map<string, string>();
  for (const [key, text] of Object.entries(parsed)) {
    const hex = normalizeKey(key);
    if (!hex || typeof text !== 'string') {
      throw new Error(
        `has an entry that is not "sha256:<hex>": "<document>" (${key.slice(0, 80)})`,
      );
    }
    if (documentSha256(text) !== hex) {
      throw new Error(`has a hash that is not its document's SHA-256 (${key.slice(0, 80)})`);
    }
    map.set(hex, text);
  }
  if (map.size === 0) throw new Error('holds no documents');
  return map;
}

/** Reads a manifest file (see {@link parseManifest}). */
export function loadManifest(path: string | URL): Map<string, string> {
  return parseManifest(readFileSync(path, 'utf8'));
}

const BUNDLED_MANIFEST = new URL(
  '../../client/__generated__/persisted-documents.json',
  import.meta.url,
);

let bundled: Map<string, string> | null | undefined;

/** The manifest of the bundled client's operations, or null when it is not shipped. */
export function bundledManifest(): Map<string, string> | null {
  if (bundled === undefined) {
    try {
      bundled = loadManifest(BUNDLED_MANIFEST);
    } catch {
      bundled = null;
    }
  }
  return bundled;
}

/** The hash a request names: `extensions.persistedQuery.sha256Hash` or `documentId`. */
function requestedHash(params: GraphQLParams): string | null {
  const ext = params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } };
  const fromExt = ext?.persistedQuery?.sha256Hash;
  const documentId = (params as { documentId?: unknown }).documentId;
  const raw =
    typeof fromExt === 'string' ? fromExt : typeof documentId === 'string' ? documentId : null;
  return raw === null ? null : (normalizeKey(raw) ?? raw);
}

const extract = (params: GraphQLParams) => requestedHash(params);

const error = (message: string, code: string) => ({ message, extensions: { code } });

/** A least-recently-used map of bounded size. */
class Lru {
  private readonly map = new Map<string, string>();
  constructor(private readonly capacity: number) {}
  get(key: string): string | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: string): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** The plugins of the configured mode (none when APQ is off and nothing is trusted). */
export function persistedDocumentsPlugins(options: PersistedDocumentsOptions = {}): Plugin[] {
  const trusted = options.trusted ?? null;
  if (trusted) {
    return [
      usePersistedOperations({
        allowArbitraryOperations: false,
        extractPersistedOperationId: extract,
        getPersistedOperation: (hash) => trusted.get(hash) ?? null,
        customErrors: {
          persistedQueryOnly: error(
            'This gateway runs trusted documents only: send the hash of a document from its manifest (extensions.persistedQuery.sha256Hash), not a query text.',
            'TRUSTED_DOCUMENT_REQUIRED',
          ),
          notFound: error(
            'No trusted document has this hash: the operation is not in the manifest this gateway was started with.',
            'TRUSTED_DOCUMENT_NOT_FOUND',
          ),
          keyNotFound: error(
            'This gateway runs trusted documents only: send a document hash in extensions.persistedQuery.sha256Hash.',
            'TRUSTED_DOCUMENT_REQUIRED',
          ),
        },
      }),
    ];
  }
  if (options.apq === false) return [];
  const known = options.known === undefined ? bundledManifest() : options.known;
  const registered = new Lru(APQ_CAPACITY);
  const register: Plugin = {
    onParams({ params }) {
      const hash = requestedHash(params);
      if (hash === null || typeof params.query !== 'string') return;
      if (documentSha256(params.query) !== hash) {
        throw createGraphQLError(
          'The persisted query hash is not the SHA-256 of the query sent with it.',
          { extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } },
        );
      }
      if (!known?.has(hash)) registered.set(hash, params.query);
    },
  };
  return [
    register,
    usePersistedOperations({
      allowArbitraryOperations: true,
      extractPersistedOperationId: extract,
      getPersistedOperation: (hash) => known?.get(hash) ?? registered.get(hash) ?? null,
      customErrors: {
        notFound: error(
          'PersistedQueryNotFound: send the query text with its hash once to register it.',
          'PERSISTED_QUERY_NOT_FOUND',
        ),
        keyNotFound: error(
          'Must provide a query string or a persisted query hash (extensions.persistedQuery.sha256Hash).',
          'BAD_REQUEST',
        ),
      },
    }),
  ];
}

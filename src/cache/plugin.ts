/**
 * The per-identity response cache: `@envelop/response-cache` configured for DCI. The plugin
 * rewrites queries to collect the entities (`Job:<id>`...) a response holds, picks its TTL
 * from the types it holds, stores only error-free query results and invalidates the entities a
 * mutation returns. This room adds what is specific to the gateway:
 *
 * - the session: the request's {@link cacheIdentity} (an HMAC of its whole credentials and
 *   team scope), so identities never share an entry; anonymous requests are not cached;
 * - invalidation by what a mutation touched, not only by what it returns: the job it wrote
 *   (from its arguments), the components it attached or detached, and every list of jobs
 *   (a new, deleted or re-statused job changes lists that did not hold it);
 * - in-flight deduplication: concurrent identical queries of one identity run once and all
 *   get the answer;
 * - HTTP caching: `ETag` (a hash of the answer), `304` on a matching `If-None-Match`,
 *   `Cache-Control: private, max-age=<seconds left>`.
 */
import { createHash } from 'node:crypto';
import { useResponseCache } from '@envelop/response-cache';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestCredentials } from '../auth.js';
import type { DciAuth } from '../dci/credentials.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { selectOperation } from '../plugins/upstream-estimate.js';
import { cacheIdentity } from './identity.js';
import type { CachedEntry, ResponseStore } from './store.js';
import { type CacheTtls, ttlPerTypeMs } from './ttl.js';

/** The response cache of a gateway (GatewayOptions.cache). */
export interface ResponseCacheOptions {
  /** Where responses live (memory or Redis). */
  store: ResponseStore;
  /** HMAC key of cache identities; the same on every replica sharing a Redis store. */
  identityKey: Buffer;
  /** TTLs in seconds by type, with `default`. */
  ttls: CacheTtls;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Told when a store write or an invalidation fails (the request itself still succeeds). */
  onError?: (error: unknown) => void;
}

/** The request headers a cached answer depends on. */
const VARY = 'Authorization, X-Dci-Client-Id, X-Dci-Api-Secret, X-Dci-Team-Id';

interface Flight {
  promise: Promise<Shared | null>;
  resolve(shared: Shared | null): void;
}

/** What a finished execution hands the identical requests that waited for it. */
interface Shared {
  result: ExecutionResult;
  entry: CachedEntry | null;
}

/** What the cache knows about one request. */
interface RequestState {
  identity: string | null;
  key?: string;
  epoch?: string;
  /** The flight this request leads (it executes; identical requests wait for it). */
  flight?: Flight;
  /** The entry this request's answer is (a hit, a shared answer, or what it stored). */
  entry?: CachedEntry | null;
  /** `List:<Type>` tags of the lists the operation selects. */
  listTags: string[];
  /** Store writes and invalidations the response waits for. */
  pending: Promise<unknown>[];
  /** Headers to add to the response. */
  headers?: Record<string, string>;
}

interface CacheContext {
  request: Request;
}

/** `"<base64url sha-256>"` of a serialized answer. */
export function etagOf(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url')}"`;
}

// Types are read by shape, not with graphql's isListType() & co: those are instanceof checks,
// and under the test runner the schema comes from another copy of graphql (see
// plugins/upstream-estimate.ts).
type TypeRef = { ofType?: TypeRef; name?: string; toString(): string };
type Fielded = { getFields?: () => Record<string, { type: TypeRef }> };

function namedTypeName(type: TypeRef): string {
  let t = type;
  while (t.ofType) t = t.ofType;
  return t.name ?? '';
}

/** The scalar type names of a schema (types without fields, values or members). */
function scalarNames(schema: GraphQLSchema): ReadonlySet<string> {
  const names = new Set<string>();
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    const t = type as { getFields?: unknown; getValues?: unknown; getTypes?: unknown };
    if (!t.getFields && !t.getValues && !t.getTypes) names.add(name);
  }
  return names;
}

/** The `List:<Type>` tags of the list fields (lists and connections) a document selects. */
function listTagsOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const tags = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, typeName: string): void => {
    const fields = (schema.getType(typeName) as Fielded | undefined)?.getFields?.() ?? {};
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const field = fields[sel.name.value];
        if (!field) continue;
        const named = namedTypeName(field.type);
        const printed = String(field.type).replace(/!$/, '');
        if (printed.startsWith('[')) tags.add(`List:${named}`);
        else if (named.endsWith('Connection')) tags.add(`List:${named.slice(0, -10)}`);
        if (sel.selectionSet) walk(sel.selectionSet, named);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition?.name.value ?? typeName);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment.selectionSet, fragment.typeCondition.name.value);
        }
      }
    }
  };
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION || d.operation !== 'query') continue;
    const root = schema.getQueryType()?.name;
    if (root) walk(d.selectionSet, root);
  }
  return [...tags];
}

/** Tags for what a mutation touches, read from its root fields' arguments. */
function mutationTags(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): string[] {
  // Every mutation of this schema writes a job: any list of jobs may change.
  const tags = new Set<string>(['List:Job']);
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    for (const arg of selection.arguments ?? []) {
      const value = valueFromASTUntyped(arg.value, variables ?? undefined) as unknown;
      const name = arg.name.value;
      if ((name === 'id' || name === 'jobId') && typeof value === 'string')
        tags.add(`Job:${value}`);
      if (name === 'componentId' && typeof value === 'string') tags.add(`Component:${value}`);
      if (name === 'input' && value && typeof value === 'object') {
        const ids = (value as { componentIds?: unknown }).componentIds;
        if (Array.isArray(ids)) for (const id of ids) tags.add(`Component:${String(id)}`);
      }
    }
  }
  return [...tags];
}

/**
 * Tags indexing a stored answer: each entity's type, and the entity itself. Scalars are left
 * out: the plugin tags empty lists by their item type, and `tags: []` must not tie an answer
 * to every other answer holding an empty list of strings.
 */
function entityTags(
  entities: Iterable<{ typename: string; id?: string | number }>,
  scalars: ReadonlySet<string>,
): string[] {
  const tags = new Set<string>();
  for (const { typename, id } of entities) {
    if (scalars.has(typename)) continue;
    tags.add(typename);
    if (id != null) tags.add(`${typename}:${id}`);
  }
  return [...tags];
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Whether `If-None-Match` names `etag` (or is `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** The response cache plugins, in order; `serviceAuth` resolves credential-less requests. */
export function responseCachePlugins(
  options: ResponseCacheOptions,
  gateway: { serviceAuth?: DciAuth | null; metrics: GatewayMetrics },
): Plugin[] {
  const { store } = options;
  const { metrics } = gateway;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => {});
  const byContext = new WeakMap<object, RequestState>();
  const byRequest = new WeakMap<Request, RequestState>();
  const flights = new Map<string, Flight>();
  const listTags = new WeakMap<DocumentNode, string[]>();
  // Names of the schema's scalar types, read at the first execution.
  let scalars: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

  const stateOf = (context: CacheContext): RequestState => {
    let state = byContext.get(context);
    if (!state) {
      let identity: string | null = null;
      try {
        identity = cacheIdentity(
          requestCredentials(context.request, { serviceAuth: gateway.serviceAuth ?? null }),
          options.identityKey,
        );
      } catch {
        identity = null; // malformed credentials: the context refused them already
      }
      state = { identity, listTags: [], pending: [] };
      byContext.set(context, state);
      byRequest.set(context.request, state);
    }
    return state;
  };

  const finishFlight = (state: RequestState, shared: Shared | null) => {
    if (!state.flight || !state.key) return;
    if (flights.get(state.key) === state.flight) flights.delete(state.key);
    state.flight.resolve(shared);
    state.flight = undefined;
  };

  /** The plugin's view of the store for one request (the plugin asks per context). */
  const viewOf = (context: CacheContext) => {
    const state = stateOf(context);
    return {
      async get(key: string): Promise<ExecutionResult | null> {
        state.key = key;
        let lookup: Awaited<ReturnType<ResponseStore['get']>>;
        try {
          lookup = await store.get(key);
        } catch (error) {
          // The store is unreachable (Redis down): answer uncached rather than fail. The
          // epoch matches nothing, so the answer is not stored either.
          onError(error);
          lookup = { entry: null, epoch: 'unavailable' };
        }
        const { entry, epoch } = lookup;
        state.epoch = epoch;
        if (entry) {
          metrics.observeCacheHit('store');
          state.entry = entry;
          return entry.result;
        }
        const flight = flights.get(key);
        if (flight) {
          const shared = await flight.promise;
          if (shared) {
            metrics.observeCacheHit('in_flight');
            state.entry = shared.entry;
            return shared.result;
          }
          metrics.observeCacheMiss();
          return null;
        }
        metrics.observeCacheMiss();
        let resolve!: (shared: Shared | null) => void;
        const promise = new Promise<Shared | null>((r) => {
          resolve = r;
        });
        state.flight = { promise, resolve };
        flights.set(key, state.flight);
        return null;
      },
      set(
        key: string,
        result: ExecutionResult,
        entities: Iterable<{ typename: string; id?: string | number }>,
        ttl: number,
      ): void {
        const json = JSON.stringify(result);
        const entry: CachedEntry = { result, etag: etagOf(json), expiresAt: now() + ttl };
        state.entry = entry;
        finishFlight(state, { result, entry });
        const tags = [...entityTags(entities, scalars), ...state.listTags];
        state.pending.push(
          store.set(key, entry, json, tags, state.epoch ?? '').catch((error: unknown) => {
            onError(error);
          }),
        );
      },
      invalidate(entities: Iterable<{ typename: string; id?: string | number }>): void {
        // An entity with an id evicts what holds it; a bare type (an empty list, a null in the
        // mutation's answer) evicts everything holding that type.
        const tags = [...entities]
          .filter(({ typename }) => !scalars.has(typename))
          .map(({ typename, id }) => (id != null ? `${typename}:${id}` : typename));
        state.pending.push(
          store.invalidate(tags).then(
            (n) => metrics.observeCacheEviction('invalidation', n),
            (error: unknown) => onError(error),
          ),
        );
      },
    };
  };

  const ttls = ttlPerTypeMs(options.ttls);
  const envelopCache = useResponseCache<CacheContext>({
    session: (context) => stateOf(context).identity,
    enabled: (context) => stateOf(context).identity !== null,
    // The plugin memoizes the factory per context: one view per request.
    cache: (context) => viewOf(context as CacheContext),
    ttl: (options.ttls['default'] ?? 60) * 1000,
    ttlPerSchemaCoordinate: ttls,
    // Error-bearing results are never cached: a DCI hiccup must not be replayed.
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });

  const gatewaySide: Plugin = {
    onExecute({ args }) {
      const context = args.contextValue as CacheContext;
      if (!context?.request) return;
      const state = stateOf(context);
      if (state.identity === null) return;
      if (scalars.size === 5) scalars = scalarNames(args.schema);
      const operation = selectOperation(args.document, args.operationName);
      if (operation?.operation === 'mutation') {
        const tags = mutationTags(operation, args.variableValues);
        return {
          onExecuteDone() {
            // Whatever the outcome (a failed replace may have written half), evict.
            state.pending.push(
              store.invalidate(tags).then(
                (n) => metrics.observeCacheEviction('invalidation', n),
                (error: unknown) => onError(error),
              ),
            );
          },
        };
      }
      let tags = listTags.get(args.document);
      if (!tags) {
        tags = listTagsOf(args.schema, args.document);
        listTags.set(args.document, tags);
      }
      state.listTags = tags;
      return {
        onExecuteDone({ result }) {
          // The leader did not store its answer (errors, TTL 0): identical requests waiting
          // for it still get it, unless it streams (then they run their own).
          if (state.flight) {
            finishFlight(state, isAsyncIterable(result) ? null : { result, entry: null });
          }
        },
      };
    },
    async onResultProcess({ request, result, setResultProcessor }) {
      const state = byRequest.get(request);
      if (!state) return;
      // A request that failed before its flight finished must not leave waiters hanging.
      finishFlight(state, null);
      await Promise.all(state.pending);
      const entry = state.entry;
      if (!entry || Array.isArray(result) || isAsyncIterable(result) || result.errors?.length) {
        return;
      }
      const maxAge = Math.max(0, Math.floor((entry.expiresAt - now()) / 1000));
      const headers = {
        etag: entry.etag,
        'cache-control': `private, max-age=${maxAge}`,
        vary: VARY,
      };
      if (matches(request.headers.get('if-none-match'), entry.etag)) {
        setResultProcessor(
          (_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers }),
          'application/json',
        );
        return;
      }
      state.headers = headers;
    },
    onResponse({ request, response }) {
      const headers = byRequest.get(request)?.headers;
      if (!headers) return;
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    },
  };

  return [envelopCache as Plugin, gatewaySide];
}

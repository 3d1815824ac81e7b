/**
 * Test helpers for the production suite: an emulator plus a gateway built the way main.ts
 * builds it (withOperations), queried in-process through `yoga.fetch`.
 */
import { afterAll, beforeAll } from 'vitest';
import type { DciAuth } from '../../src/dci/credentials.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { createMetrics, type GatewayMetrics } from '../../src/observability/metrics.js';
import { type OperationsOptions, withOperations } from '../../src/plugins/index.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server.js';

/** A gateway under test, with its captured log lines and metrics. */
export interface TestGateway {
  gateway: Gateway;
  metrics: GatewayMetrics;
  logger: Logger;
  /** Every log line written so far (raw JSON text). */
  lines: string[];
  /** POSTs a GraphQL operation as JSON; returns status, headers and the parsed body. */
  query(
    query: string,
    opts?: {
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
      operationName?: string;
    },
  ): Promise<GraphQLResponse>;
}

/** A parsed GraphQL HTTP response. */
export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  };
}

/** Builds a gateway over `dciUrl` with the production plugins; logs are captured. */
export function buildGateway(
  base: Partial<GatewayOptions> & { dciUrl: string },
  operations: OperationsOptions = {},
): TestGateway {
  const lines: string[] = [];
  const metrics = operations.metrics ?? createMetrics();
  const logger =
    operations.logger ?? createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const gateway = createGateway(withOperations(base, { ...operations, metrics, logger }));
  return {
    gateway,
    metrics,
    logger,
    lines,
    async query(query, opts = {}) {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: JSON.stringify({
          query,
          variables: opts.variables,
          ...(opts.operationName ? { operationName: opts.operationName } : {}),
        }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) };
    },
  };
}

/** The headers a remoteci sends to have the gateway sign for it. */
export function hmacHeaders(auth: DciAuth): Record<string, string> {
  if (auth.kind !== 'hmac') throw new Error('not an HMAC identity');
  return { 'x-dci-client-id': auth.accessKey, 'x-dci-api-secret': auth.secret };
}

/** The Authorization header of a Basic identity. */
export function basicHeaders(auth: DciAuth): Record<string, string> {
  if (auth.kind !== 'basic') throw new Error('not a Basic identity');
  const encoded = Buffer.from(`${auth.login}:${auth.password}`).toString('base64');
  return { authorization: `Basic ${encoded}` };
}

/** Starts a tiny emulator (close it in afterAll). */
export function tinyEmulator(): Promise<Emulator> {
  return startEmulator({ size: 'tiny', host: '127.0.0.1', port: 0 });
}

/** What `useTinyGateway` builds; read its fields inside tests (they are set in beforeAll). */
export interface TinyGateway {
  emulator: Emulator;
  gw: TestGateway;
  /** Partner A's remote CI headers. */
  partner: Record<string, string>;
}

/**
 * A tiny emulator and a gateway over it (`buildGateway`'s `base` and `operations`), with
 * Partner A's remote CI headers: built in the beforeAll of the calling file or describe block,
 * the emulator closed in its afterAll.
 */
export function useTinyGateway(
  base: Partial<GatewayOptions> = {},
  operations: OperationsOptions = {},
): TinyGateway {
  const tiny = {} as TinyGateway;
  beforeAll(async () => {
    tiny.emulator = await tinyEmulator();
    tiny.partner = hmacHeaders(tiny.emulator.fixtures.identities.partnerRemoteci.auth);
    tiny.gw = buildGateway({ ...base, dciUrl: tiny.emulator.url }, operations);
  });
  afterAll(async () => {
    await tiny.emulator.close();
  });
  return tiny;
}

/** The example join GraphiQL opens on, small enough for every default limit. */
export const JOIN_QUERY = `query Join {
  topics(first: 3) { nodes { id name components(first: 3) { nodes { id name jobs(first: 3) { nodes { id name team { id name } } } } } } }
}`;

/**
 * `levels` fragments, each spreading the previous one twice: a few hundred bytes that expand
 * to 2^levels copies of `leaf`.
 */
export function fanOut(levels: number, leaf = 'version'): string {
  const lines = [`query FanOut { ...F${levels} }`, `fragment F0 on Query { ${leaf} }`];
  for (let i = 1; i <= levels; i++) {
    lines.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  }
  return lines.join('\n');
}

/**
 * Integration harness: one emulator (127.0.0.1, free port, tiny dataset) and gateways over it,
 * queried in-process through `yoga.fetch`, with the emulator's fixture credentials as headers.
 */
import { gatewayHeaders } from '../../bench/harness.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import type { PluginOptions } from '../../src/plugins/index.js';
import { createGateway, type Gateway } from '../../src/server.js';

/** The fixture identities tests act as. */
export type IdentityName =
  | 'admin'
  | 'redhat'
  | 'epm'
  | 'partnerRemoteci'
  | 'partnerUser'
  | 'otherRemoteci';

/** A GraphQL response. */
export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Request headers carrying DCI credentials the way a client sends them to the gateway. */
export const credentialHeaders = gatewayHeaders;

/** Each error of a result as [its path, its code]. */
export const errorCodes = (r: GraphQLResult) =>
  r.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']]);

/** The emulator's next GET answer of a route goes through `edit` (its JSON body, changed in place). */
export function rewriteNext(
  emulator: Emulator,
  route: string | RegExp,
  edit: (body: Record<string, unknown>) => void,
): void {
  emulator.faults.add({
    route,
    method: 'GET',
    kind: 'rewrite',
    times: 1,
    rewrite: (body) => {
      edit(body as Record<string, unknown>);
      return body;
    },
  });
}

/** A started emulator and a way to query gateways over it. */
export interface Harness {
  emulator: Emulator;
  gateway: Gateway;
  /** A gateway over the same emulator with other options (naive mode...). */
  gatewayWith(options: Partial<PluginOptions>): Gateway;
  /** Runs an operation as a fixture identity (or with raw headers). */
  query<T = Record<string, unknown>>(
    as: IdentityName | Record<string, string>,
    query: string,
    variables?: Record<string, unknown>,
    gateway?: Gateway,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

/** Starts an emulator and a batching gateway over it (no retries, so faults show at once). */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ size: 'tiny', ...options });
  const gatewayWith = (o: Partial<PluginOptions>) => {
    const options: PluginOptions = { dciUrl: emulator.url, retry: { retries: 0 }, ...o };
    return createGateway(options);
  };
  const gateway = gatewayWith({});
  return {
    emulator,
    gateway,
    gatewayWith,
    async query(as, query, variables, target = gateway) {
      const headers =
        typeof as === 'string' ? credentialHeaders(emulator.fixtures.identities[as].auth) : as;
      const response = await target.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult<never>;
    },
    close: () => emulator.close(),
  };
}

/**
 * Options of a naive (N+1) gateway. Its cost estimate is lifted: the production limits refuse
 * the N+1 plans this mode exists to measure.
 */
export const NAIVE: Partial<PluginOptions> = {
  batching: false,
  operations: { limits: { upstreamBudget: 100_000 } },
};

/** Rows of a store table that DCI shows (archived rows are hidden everywhere). */
export function visible<T extends { state?: string }>(rows: Map<string, T>): T[] {
  return [...rows.values()].filter((r) => r.state !== 'archived');
}

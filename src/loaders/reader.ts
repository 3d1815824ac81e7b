/**
 * What the loaders need from DCI: the read half of DciClient. Loaders take this narrow
 * interface so a request without credentials can get a reader that refuses every call.
 */
import type { DciClient } from '../dci/client.js';
import { gatewayError, unauthenticatedError } from '../errors.js';

/** The calls loaders make: lists, single GETs, and streamed file contents. */
export type DciReader = Pick<DciClient, 'list' | 'get' | 'stream'>;

/** A reader for requests without credentials: every call fails with UNAUTHENTICATED. */
export const anonymousReader: DciReader = {
  list: () => Promise.reject(missingCredentials()),
  get: () => Promise.reject(missingCredentials()),
  stream: () => Promise.reject(missingCredentials()),
};

function missingCredentials() {
  return unauthenticatedError(
    'DCI credentials required: send Authorization (Basic or Bearer) or X-Dci-Client-Id and X-Dci-Api-Secret.',
  );
}

/** How many DCI requests one GraphQL request may make, and how many it made so far. */
export class UpstreamBudget {
  /** Requests started so far. */
  used = 0;
  constructor(
    /** The most requests allowed (Infinity: no limit). */
    readonly limit: number,
  ) {}

  /** Counts one request; throws UPSTREAM_BUDGET_EXCEEDED once the limit is reached. */
  charge(): void {
    if (this.used >= this.limit) {
      throw gatewayError(
        `This operation needs more than ${this.limit} DCI requests: ask for fewer items or fields.`,
        { code: 'UPSTREAM_BUDGET_EXCEEDED' },
      );
    }
    this.used += 1;
  }
}

/** A reader that charges the budget before every call. */
export function budgetedReader(reader: DciReader, budget: UpstreamBudget): DciReader {
  return {
    list: (path, params, o) => {
      budget.charge();
      return reader.list(path, params, o);
    },
    get: (path, o) => {
      budget.charge();
      return reader.get(path, o);
    },
    stream: (path, o) => {
      budget.charge();
      return reader.stream(path, o);
    },
  };
}

/**
 * Request policies applied before execution, plus the last word on errors:
 *
 * - service credentials are read-only unless explicitly allowed: a mutation served with them
 *   (the caller sent no credentials of its own) is FORBIDDEN before any resolver runs;
 * - every error leaves with an `extensions.code`, and in production without "Did you mean"
 *   suggestions, wherever it came from (validation, variable coercion, execution).
 */
import type { ExecutionResult } from 'graphql';
import { createGraphQLError, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import { requestCredentials } from '../auth.js';
import type { DciAuth } from '../dci/credentials.js';
import { scrubUpstreamText } from '../errors.js';
import { selectOperation } from './upstream-estimate.js';

/** Options of {@link serviceMutationsPlugin}. */
export interface ServiceMutationsOptions {
  /** The service (or demo) credentials; null: the policy has nothing to guard. */
  serviceAuth: DciAuth | null | undefined;
  /** Whether mutations may run with them. */
  serviceMutations: boolean;
}

/** Refuses mutations served with service credentials unless they are allowed. */
export function serviceMutationsPlugin(options: ServiceMutationsOptions): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!options.serviceAuth || options.serviceMutations) return;
      const operation = selectOperation(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const request = (args.contextValue as { request?: Request }).request;
      if (!request) return;
      let service: boolean;
      try {
        service = requestCredentials(request, { serviceAuth: options.serviceAuth }).service;
      } catch {
        return; // malformed credentials: the context already refused them
      }
      if (service) {
        setResultAndStopExecution({
          data: null,
          errors: [
            createGraphQLError(
              'Mutations are not allowed with the gateway’s service credentials: send your own DCI credentials (Authorization, or X-Dci-Client-Id and X-Dci-Api-Secret).',
              { extensions: { code: 'FORBIDDEN' } },
            ),
          ],
        });
      }
    },
  };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The credentials a request's errors must never show: what the caller sent (the password of
 * Basic, a Bearer token, an API secret) and the service credentials.
 */
export function secretsOf(request: Request | undefined, serviceAuth?: DciAuth | null): string[] {
  const out: string[] = [];
  const add = (auth: DciAuth | null | undefined) => {
    if (auth?.kind === 'hmac') out.push(auth.secret);
    else if (auth?.kind === 'basic') out.push(auth.password);
    else if (auth?.kind === 'bearer') out.push(auth.token);
  };
  add(serviceAuth);
  const header = request?.headers.get('authorization');
  if (header) {
    const [scheme = '', token = ''] = header.trim().split(/\s+/, 2);
    out.push(token);
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      out.push(decoded.slice(decoded.indexOf(':') + 1));
    }
  }
  const secret = request?.headers.get('x-dci-api-secret');
  if (secret) out.push(secret.trim());
  return out.filter((s) => s.length > 0);
}

/**
 * Ensures a code on every error; strips suggestions when `production`; scrubs every message
 * as the logger does, with the request's own credentials as exact values to remove (upstream
 * text is already scrubbed where it becomes an error; this is the last line).
 */
export function errorCodesPlugin(
  production: boolean,
  options: { serviceAuth?: DciAuth | null } = {},
): Plugin {
  // `secrets` is called only when there is an error to scrub: most answers have none, and
  // reading the credentials again (a Basic header decoded) is work for every request.
  const fix = (result: ExecutionResult, secrets: () => readonly string[]): void => {
    const errors = result.errors;
    if (!errors || errors.length === 0) return;
    const executed = 'data' in result && result.data !== undefined;
    for (const error of errors) {
      const mutable = error as { message: string; extensions: Record<string, unknown> };
      if (production) mutable.message = mutable.message.replace(SUGGESTION, '').trim();
      mutable.message = scrubUpstreamText(mutable.message, secrets());
      if (!error.extensions?.['code']) {
        const code = /^Syntax Error/.test(error.message)
          ? 'GRAPHQL_PARSE_FAILED'
          : executed
            ? 'INTERNAL_SERVER_ERROR'
            : 'GRAPHQL_VALIDATION_FAILED';
        mutable.extensions = { ...(error.extensions ?? {}), code };
      }
    }
  };
  // A streamed answer (@defer/@stream parts, subscription events): the first part as a
  // result, each later part's `incremental` entries carry their own errors.
  const fixPart = (part: unknown, secrets: () => readonly string[]): void => {
    if (!part || typeof part !== 'object') return;
    fix(part as ExecutionResult, secrets);
    const incremental = (part as { incremental?: unknown }).incremental;
    if (Array.isArray(incremental)) {
      for (const entry of incremental) if (entry) fix(entry as ExecutionResult, secrets);
    }
  };
  return {
    onResultProcess({ result, request, setResult }) {
      let known: readonly string[] | undefined;
      const secrets = () => (known ??= secretsOf(request, options.serviceAuth));
      if (Array.isArray(result)) {
        for (const r of result) fix(r as ExecutionResult, secrets);
      } else if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
        // Mapped (not wrapped in a generator): a client going away returns the source at once,
        // even while it waits for its next event.
        setResult(
          mapAsyncIterator(result as AsyncIterable<unknown>, (part) => {
            fixPart(part, secrets);
            return part;
          }) as never,
        );
      } else if (result && typeof result === 'object') {
        fix(result as ExecutionResult, secrets);
      }
    },
  };
}

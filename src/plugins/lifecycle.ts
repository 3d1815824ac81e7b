/**
 * The request side of the gateway's lifecycle:
 *
 * - while the process drains (after SIGTERM), a new GraphQL request is refused at once with 503
 *   SHUTTING_DOWN and `Connection: close` (its client retries on another replica), while the
 *   requests already in flight finish; `/ready` says 503 too (src/plugins/endpoints.ts);
 * - once a request's answer is complete, its operation's deadline timer and listeners are
 *   released; a streamed answer (SSE, multipart) keeps only the abort on disconnect.
 */
import type { Plugin } from 'graphql-yoga';
import { endOperation } from '../context.js';
import type { GatewayLifecycle } from '../lifecycle.js';

/** Options of {@link lifecyclePlugin}. */
export interface LifecyclePluginOptions {
  lifecycle: GatewayLifecycle | undefined;
  graphqlEndpoint: string;
}

const STREAMED = /^(text\/event-stream|multipart\/mixed)/i;

/** Refuses GraphQL requests while draining; ends each request's operation with its answer. */
export function lifecyclePlugin(options: LifecyclePluginOptions): Plugin {
  return {
    onRequest({ url, fetchAPI, endResponse }) {
      if (!options.lifecycle?.draining || url.pathname !== options.graphqlEndpoint) return;
      // Answered one microtask later (as when an async hook ran before this one): answered
      // within Node's 'request' event, the `Connection: close` reset the client's connection
      // (test/production/process.test.ts, graceful shutdown).
      return Promise.resolve().then(() =>
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [
                {
                  message:
                    'The gateway is shutting down: send the request again (to another replica).',
                  extensions: { code: 'SHUTTING_DOWN' },
                },
              ],
            }),
            {
              status: 503,
              headers: {
                'content-type': 'application/json; charset=utf-8',
                'cache-control': 'no-store',
                'retry-after': '1',
                connection: 'close',
              },
            },
          ),
        ),
      );
    },
    onResponse({ request, response }) {
      const streamed = STREAMED.test(response.headers.get('content-type') ?? '');
      endOperation(request, { streamed });
    },
  };
}

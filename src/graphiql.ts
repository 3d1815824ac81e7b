/**
 * GraphiQL as the gateway serves it to browsers at the GraphQL endpoint: the locally bundled
 * renderer (`@graphql-yoga/render-graphiql`, no CDN, so it works offline and in CI), titled
 * `dci-graphql`, opening on an example that joins topics, their components and the jobs that
 * tested them, with a comment explaining which headers carry DCI credentials.
 */
import { renderGraphiQL as renderBundledGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { CredentialMode } from './config.js';

/** The operation GraphiQL opens on; page sizes keep it within the default budget. */
export const EXAMPLE_QUERY = `query TopicsComponentsJobs {
  topics(first: 3) {
    totalCount
    nodes {
      name
      components(first: 3) {
        nodes {
          name
          version
          jobs(first: 5) {
            nodes {
              name
              status
              createdAt
            }
          }
        }
      }
    }
  }
}
`;

const HEADERS_HELP = `# Your own DCI credentials go in the Headers tab
# below, as JSON. A DCI user:
#   {"Authorization": "Basic <base64 login:password>"}
#   {"Authorization": "Bearer <SSO access token>"}
# A remoteci or feeder (the gateway signs for you):
#   {"X-Dci-Client-Id": "remoteci/<uuid>",
#    "X-Dci-Api-Secret": "<its api secret>"}
# Users may add "X-Dci-Team-Id": "<team uuid>" to
# act for one of their teams.`;

const MODE_HELP: Record<CredentialMode, string> = {
  'per-request': `# This gateway acts with YOUR credentials only:
# without them, everything but introspection is
# UNAUTHENTICATED.`,
  service: `# Requests without credentials run as this
# gateway's service identity (read-only unless
# the operator allowed mutations).`,
  demo: `# DEMO MODE: the bundled DCI emulator with sample
# data; requests without credentials run as its
# demo remoteci (read-only).`,
};

/** The default query: how credentials travel for the mode, then {@link EXAMPLE_QUERY}. */
export function defaultQuery(mode: CredentialMode): string {
  return `# dci-graphql: joined DCI data in one query
# (topic -> components -> jobs).
#
${MODE_HELP[mode]}
#
${HEADERS_HELP}
#
# Run: Ctrl+Enter or the play button. Docs: the
# book icon on the left.

${EXAMPLE_QUERY}`;
}

/**
 * Yoga's GraphiQL options plus `query`, which its renderer reads as the editor's initial
 * content (it passes unknown props through to GraphiQL; `defaultQuery` alone is not shown).
 */
export type GatewayGraphiQLOptions = GraphiQLOptions & { query?: string };

/** GraphiQL settings for Yoga's `graphiql` option. */
export function graphiqlOptions(options: {
  mode: CredentialMode;
  endpoint?: string;
}): GatewayGraphiQLOptions {
  const query = defaultQuery(options.mode);
  return {
    title: 'dci-graphql',
    query,
    defaultQuery: query,
    // Credentials typed into the headers editor must not linger in the browser's storage.
    headers: '{}',
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}

/**
 * Wraps the bundled renderer's call so that `?query=<operation>` in the page's URL replaces the
 * default query: a link can open GraphiQL on a given operation. (The renderer's own URL
 * handling is overridden by the `query` option the default query needs.)
 */
const QUERY_FROM_URL = `function dciGraphqlRender(root, opts) {
  var shared = new URLSearchParams(window.location.search).get('query');
  return YogaGraphiQL.renderYogaGraphiQL(root, shared ? Object.assign({}, opts, { query: shared }) : opts);
}
`;

const RENDER_CALL = 'YogaGraphiQL.renderYogaGraphiQL(';

/** The bundled page with its render call going through {@link QUERY_FROM_URL}. */
function withSharedQueries(html: string): string {
  const call = html.lastIndexOf(RENDER_CALL);
  if (call === -1) return html;
  const rest = html.slice(call + RENDER_CALL.length);
  return `${html.slice(0, call)};\n${QUERY_FROM_URL}dciGraphqlRender(${rest}`;
}

const rendered = new Map<string, string>();

/**
 * Renders the GraphiQL page with the bundled assets (about 9 MB of HTML, so each distinct
 * option set is rendered once and kept). Pass it as Yoga's `renderGraphiQL`.
 */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const key = JSON.stringify(options);
  let html = rendered.get(key);
  if (html === undefined) {
    html = withSharedQueries(renderBundledGraphiQL(options));
    if (rendered.size > 16) rendered.clear();
    rendered.set(key, html);
  }
  return html;
}

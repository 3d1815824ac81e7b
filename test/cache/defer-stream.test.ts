/**
 * @defer and @stream over multipart/mixed (incremental delivery): the page's fast part first,
 * the slow part when it arrives, within the same limits and upstream budget as any query.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withOperations } from '../../src/plugins/index.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { credentialHeaders, type Harness, startHarness } from '../graphql/harness.js';

const PAGE = `{ topics(first: 3, orderBy: [{ field: NAME, direction: ASC }]) { nodes { id name
  ... @defer(label: "history") { components(first: 2) { nodes { name jobs(first: 2) { nodes { status } } } } }
} } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.log.clear();
  h.emulator.setLatency(0);
});

interface Part {
  data?: { topics: { nodes: Record<string, unknown>[] } };
  incremental?: {
    data?: Record<string, unknown>;
    path: (string | number)[];
    errors?: { extensions?: Record<string, unknown> }[];
  }[];
  errors?: { extensions?: Record<string, unknown> }[];
  hasNext?: boolean;
}

/** Reads multipart/mixed parts as they arrive, calling `onPart` with each (in order). */
async function readParts(response: Response, onPart: (part: Part) => void): Promise<Part[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const parts: Part[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    // Each part: headers, a blank line, a JSON body, then the next boundary.
    for (;;) {
      const start = buffer.indexOf('\r\n\r\n');
      if (start < 0) break;
      const end = buffer.indexOf('\r\n---', start);
      if (end < 0) break;
      const part = JSON.parse(buffer.slice(start + 4, end)) as Part;
      parts.push(part);
      onPart(part);
      buffer = buffer.slice(end + 5);
    }
    if (done) return parts;
  }
}

function send(g: Gateway, query: string): Promise<Response> {
  return Promise.resolve(
    g.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed',
        ...credentialHeaders(h.emulator.fixtures.identities.partnerRemoteci.auth),
      },
      body: JSON.stringify({ query }),
    }),
  );
}

describe('@defer', () => {
  it('sends the initial payload before the deferred fragment, which then completes', async () => {
    // Components (the deferred part) answer slowly; topics at once.
    h.emulator.setLatency({ '/topics/:id/components': 300, '*': 0 });
    const response = await send(h.gateway, PAGE);
    expect(response.headers.get('content-type')).toContain('multipart/mixed');
    const deferredDoneAtFirstPart: number[] = [];
    const parts = await readParts(response, () => {
      deferredDoneAtFirstPart.push(
        h.emulator.log.count((e) => e.route === '/topics/:id/components'),
      );
    });
    const [initial, ...rest] = parts;
    // The first payload: topics without their components, before any component list arrived.
    expect(initial!.hasNext).toBe(true);
    expect(initial!.data!.topics.nodes.length).toBe(3);
    for (const node of initial!.data!.topics.nodes) expect(node).not.toHaveProperty('components');
    expect(deferredDoneAtFirstPart[0]).toBe(0);
    // Then each topic's history, and the end.
    const patches = rest.flatMap((p) => p.incremental ?? []);
    expect(patches.length).toBe(3);
    for (const patch of patches) {
      expect(patch.path).toEqual(['topics', 'nodes', expect.any(Number)]);
      expect(patch.data).toHaveProperty('components.nodes');
    }
    expect(rest.at(-1)!.hasNext).toBe(false);
    expect(h.emulator.log.count((e) => e.route === '/topics/:id/components')).toBe(3);
  });

  it('counts deferred parts in the upstream estimate: refused before anything is sent', async () => {
    const g = createGateway(
      withOperations({ dciUrl: h.emulator.url }, { limits: { upstreamBudget: 3 } }),
    );
    const response = await send(g, PAGE);
    const body = await response.text();
    expect(body).toContain('UPSTREAM_BUDGET_EXCEEDED');
    expect(h.emulator.log.count()).toBe(0);
  });

  it('draws deferred parts from the same runtime budget as the initial payload', async () => {
    // The estimate lifted, a runtime cap of 3 requests: topics (1) + 2 component lists pass,
    // the third deferred part is refused with the budget's code, the rest intact.
    const g = h.gatewayWith({
      maxUpstreamRequests: 3,
      operations: { limits: { upstreamBudget: 100_000 } },
    });
    const query = PAGE.replace(' jobs(first: 2) { nodes { status } }', '');
    const parts = await readParts(await send(g, query), () => {});
    expect(parts[0]!.data!.topics.nodes.length).toBe(3);
    const patches = parts.flatMap((p) => p.incremental ?? []);
    const refused = patches.filter((p) =>
      p.errors?.some((e) => e.extensions?.['code'] === 'UPSTREAM_BUDGET_EXCEEDED'),
    );
    expect(refused.length).toBe(1);
    expect(patches.filter((p) => p.data && !p.errors).length).toBe(2);
    expect(h.emulator.log.count()).toBe(3);
  });

  it('applies the depth limit to deferred fragments', async () => {
    const g = createGateway(
      withOperations({ dciUrl: h.emulator.url }, { limits: { maxDepth: 4 } }),
    );
    const body = await (await send(g, PAGE)).text();
    expect(body).toContain('MAX_DEPTH_EXCEEDED');
    expect(h.emulator.log.count()).toBe(0);
  });
});

describe('@stream', () => {
  it('streams list items after the initial payload', async () => {
    const query = '{ topics(first: 4) { nodes @stream(initialCount: 1) { name } } }';
    const parts = await readParts(await send(h.gateway, query), () => {});
    expect(parts[0]!.data!.topics.nodes.length).toBe(1);
    const items = parts.flatMap((p) => p.incremental ?? []);
    expect(items.length).toBeGreaterThan(0);
    expect(parts.at(-1)!.hasNext).toBe(false);
  });
});

describe('@defer with the response cache', () => {
  it('caches the completed answer and serves it whole, without DCI', async () => {
    const { cacheOptions } = await import('./helpers.js');
    const g = h.gatewayWith({ cache: cacheOptions() });
    const parts = await readParts(await send(g, PAGE), () => {});
    expect(parts.length).toBeGreaterThan(1);
    h.emulator.log.clear();
    const again = await send(g, PAGE);
    const text = await again.text();
    expect(h.emulator.log.count()).toBe(0);
    expect(text).toContain('"components"');
  });
});

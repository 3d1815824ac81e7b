/**
 * GraphiQL in a real browser: Debian's Chromium driven by playwright-core, against the
 * emulator and a gateway listening on 127.0.0.1. The machine has no network, so the page
 * must load entirely from the gateway (the bundled renderer, no CDN). Skipped, saying so,
 * only where no Chromium executable exists.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { withOperations } from '../../src/plugins/index.js';
import { createGateway } from '../../src/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipWithout } from '../support/services.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

describe.skipIf(skipWithout('chromium'))('GraphiQL in Chromium', () => {
  let emulator: Emulator;
  let server: Server;
  let url: string;
  let context: BrowserContext;
  let profile: string;
  const failedRequests: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ size: 'tiny', host: '127.0.0.1', port: 0 });
    const gateway = createGateway(
      withOperations(
        { dciUrl: emulator.url, serviceAuth: emulator.fixtures.identities.partnerRemoteci.auth },
        { mode: 'demo' },
      ),
    );
    server = createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    profile = mkdtempSync(join(tmpdir(), 'dci-graphql-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await emulator?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads GraphiQL offline, runs the example query and shows the data', async () => {
    const page = await context.newPage();
    page.on('requestfailed', (r) => failedRequests.push(r.url()));
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('dci-graphql');

    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    // The editor opens on the example, with the credential headers explained.
    await page.waitForFunction(
      () =>
        (document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes(
          'TopicsComponentsJobs',
        ),
      null,
      { timeout: 30_000 },
    );
    const editor = (await page.textContent('.graphiql-query-editor')) ?? '';
    expect(editor).toContain('X-Dci-Client-Id');

    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('"topics"'),
      null,
      { timeout: 30_000 },
    );
    const result = (await page.textContent('.graphiql-response')) ?? '';
    expect(result).toContain('"data"');
    expect(result).toContain('"components"');
    expect(result).toContain('"jobs"');
    expect(result).not.toContain('"errors"');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });
    // Nothing was fetched from outside the gateway (no CDN).
    expect(failedRequests.filter((u) => !u.startsWith('http://127.0.0.1'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('opens on the operation of a shared ?query= link', async () => {
    const page = await context.newPage();
    const shared = 'query Shared { version }';
    const response = await page.goto(`${url}?query=${encodeURIComponent(shared)}`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.waitForFunction(
      () =>
        (document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes('Shared'),
      undefined,
      { timeout: 30_000 },
    );
    const editor = (await page.textContent('.graphiql-query-editor')) ?? '';
    expect(editor.replace(/\s/g, ' ')).toContain('query Shared { version }');
    expect(editor).not.toContain('TopicsComponentsJobs');
    await page.close();
  }, 90_000);
});

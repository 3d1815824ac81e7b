/**
 * The reference dashboard in Debian's Chromium (playwright-core), built with esbuild as
 * `npm run build` does and served by a gateway over the emulator, in demo mode (the Partner A
 * remote CI serves anonymous requests). The machine has no network: everything must come from
 * the gateway. Screenshots go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../scripts/build-dashboard.js';
import { DciClient } from '../../src/dci/client.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { comparableNaive } from '../../src/filters/datetime.js';
import type { LiveHub } from '../../src/live/hub.js';
import { withOperations } from '../../src/plugins/index.js';
import { createGateway, liveHubFor } from '../../src/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, skipWithout } from '../support/services.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

describe.skipIf(skipWithout('chromium'))('the dashboard in Chromium', () => {
  let emulator: Emulator;
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let profile: string;
  let built: string;
  let hub: LiveHub;
  const offsite: string[] = [];

  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'dci-dashboard-'));
    await buildDashboard(built);
    emulator = await startEmulator({ size: 'demo', host: '127.0.0.1', port: 0 });
    const options = withOperations(
      {
        dciUrl: emulator.url,
        serviceAuth: emulator.fixtures.identities.partnerRemoteci.auth,
        dashboard: { dir: built },
      },
      { mode: 'demo' },
    );
    // Pollers that look at DCI every 100 ms, so changes made in the emulator show quickly.
    hub = liveHubFor(options, { pollIntervalMs: 100 });
    const gateway = createGateway({ ...options, live: hub });
    server = createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'dci-graphql-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: CHROMIUM_ARGS,
    });
    context.on('request', (r) => {
      if (!r.url().startsWith(origin)) offsite.push(r.url());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await hub?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await emulator?.close();
    for (const dir of [profile, built]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * What the matrix must show, from the emulator's tables: the topic's 8 latest components
   * and, among each one's 50 newest jobs the identity sees (one team's, or all), the newest per
   * remote CI.
   */
  function expectedCells(topicId: string, teamId: string | null) {
    const { store } = emulator;
    const newest =
      <T extends { id: string }>(key: (x: T) => string) =>
      (a: T, b: T) =>
        key(a) !== key(b) ? (key(a) < key(b) ? 1 : -1) : a.id < b.id ? -1 : 1;
    const components = [...store.components.values()]
      .filter((c) => c.topic_id === topicId && c.state !== 'archived')
      .filter((c) => teamId === null || c.team_id === null || c.team_id === teamId)
      .sort(newest((c) => comparableNaive(c.released_at)))
      .slice(0, 8);
    const cells = new Map<string, { job: string; status: string }>();
    for (const component of components) {
      const jobs = store.jobComponents
        .filter((l) => l.component_id === component.id)
        .map((l) => store.jobs.get(l.job_id)!)
        .filter((j) => j && j.state !== 'archived' && (teamId === null || j.team_id === teamId))
        .sort(newest((j) => comparableNaive(j.created_at)))
        .slice(0, 50);
      for (const job of jobs) {
        const key = `${component.id}/${job.remoteci_id}`;
        if (!cells.has(key)) {
          cells.set(key, { job: job.id, status: job.status.toUpperCase().replace('-', '_') });
        }
      }
    }
    return cells;
  }

  /** The topic of the partner team with the most jobs. */
  function busiestTopic(): string {
    const teamId = emulator.fixtures.identities.partnerRemoteci.teamId;
    const counts = new Map<string, number>();
    for (const job of emulator.store.jobs.values()) {
      if (job.team_id === teamId && job.state !== 'archived') {
        counts.set(job.topic_id, (counts.get(job.topic_id) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  }

  async function cellsOf(page: Page): Promise<Map<string, { job: string; status: string }>> {
    const cells = await page.$$eval('table.matrix tbody tr', (rows) =>
      rows.flatMap((row) => {
        const heads = [...row.closest('table')!.querySelectorAll('thead th')];
        return [...row.querySelectorAll('td')].flatMap((td, i) => {
          const link = td.querySelector('a.status');
          if (!link) return [];
          return [
            {
              component: row.getAttribute('data-component')!,
              remoteci: heads[i + 1]!.getAttribute('data-remoteci')!,
              job: td.getAttribute('data-job')!,
              status: link.getAttribute('data-status')!,
            },
          ];
        });
      }),
    );
    return new Map(
      cells.map((c) => [`${c.component}/${c.remoteci}`, { job: c.job, status: c.status }]),
    );
  }

  it('renders the matrix of a topic from the emulator’s data', async () => {
    const page = await context.newPage();
    const topicId = busiestTopic();
    const response = await page.goto(`${origin}/dashboard/#/topic/${topicId}`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('table.matrix a.status', { timeout: 30_000 });
    const expected = expectedCells(topicId, emulator.fixtures.identities.partnerRemoteci.teamId);
    expect(expected.size).toBeGreaterThan(2);
    expect(await cellsOf(page)).toEqual(expected);
    // The topic picker lists the visible topics and shows the current one.
    expect(await page.$eval('#topic', (s) => (s as HTMLSelectElement).value)).toBe(topicId);
    expect(await page.textContent('#identity')).toBe('demo identity');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-matrix.png'), fullPage: true });
    expect(offsite).toEqual([]);
    await page.close();
  }, 90_000);

  it('opens a job page from a cell: jobstates, files, test results, components', async () => {
    const page = await context.newPage();
    const topicId = busiestTopic();
    await page.goto(`${origin}/dashboard/#/topic/${topicId}`);
    await page.waitForSelector('table.matrix a.status', { timeout: 30_000 });
    // The cell of the job with the most jobstates.
    const jobIds = await page.$$eval('td[data-job]', (tds) =>
      tds.map((td) => td.getAttribute('data-job')!),
    );
    const jobstates = (id: string) =>
      [...emulator.store.jobstates.values()].filter((s) => s.job_id === id).length;
    const jobId = [...jobIds].sort((a, b) => jobstates(b) - jobstates(a))[0]!;
    await page.click(`td[data-job="${jobId}"] a.status`);
    await page.waitForSelector('#jobstates li', { timeout: 30_000 });
    const job = emulator.store.jobs.get(jobId)!;
    expect(await page.textContent('h1')).toContain(job.name);
    expect(await page.$$eval('#jobstates li', (li) => li.length)).toBe(jobstates(jobId));
    const files = [...emulator.store.files.values()].filter(
      (f) => f.job_id === jobId && f.state !== 'archived',
    );
    expect(await page.$$eval('#files tr', (tr) => tr.length - 1)).toBe(Math.min(files.length, 50));
    const components = emulator.store.jobComponents.filter((l) => l.job_id === jobId).length;
    expect(await page.$$eval('#components tr', (tr) => tr.length - 1)).toBe(components);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-job.png'), fullPage: true });
    expect(offsite).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows a job created and moved on in the emulator without a reload (jobEvents)', async () => {
    const page = await context.newPage();
    const topicId = busiestTopic();
    await page.goto(`${origin}/dashboard/#/topic/${topicId}`);
    await page.waitForSelector('table.matrix a.status', { timeout: 30_000 });
    await page.waitForSelector('#live:not([hidden])', { timeout: 30_000 });
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    // A cell of the demo remote CI: its component gets a new job, made directly in DCI.
    const cells = expectedCells(topicId, emulator.fixtures.identities.partnerRemoteci.teamId);
    const remoteciId = emulator.fixtures.identities.partnerRemoteci.id;
    const [key] = [...cells].find(([k]) => k.endsWith(`/${remoteciId}`))!;
    const componentId = key.split('/')[0]!;
    const client = new DciClient({
      baseUrl: emulator.url,
      auth: emulator.fixtures.identities.partnerRemoteci.auth,
    });
    const created = await client.create<{ id: string }>('/jobs', {
      topic_id: topicId,
      components: [componentId],
      name: 'live-from-dci',
    });
    const jobId = created.item!.id;
    const cell = `tr[data-component="${componentId}"] td[data-job="${jobId}"] a.status`;
    await page.waitForSelector(`${cell}[data-status="NEW"]`, { timeout: 30_000 });
    await client.create('/jobstates', { job_id: jobId, status: 'running', comment: 'live' });
    await page.waitForSelector(`${cell}[data-status="RUNNING"]`, { timeout: 30_000 });
    // Same document: nothing reloaded the page.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live.png'), fullPage: true });

    // The job page follows the job subscription: a jobstate posted in DCI appears.
    await page.click(cell);
    await page.waitForSelector('#jobstates li', { timeout: 30_000 });
    expect(await page.$$eval('#jobstates li', (li) => li.length)).toBe(1);
    await page.waitForSelector('#live:not([hidden])', { timeout: 30_000 });
    await client.create('/jobstates', { job_id: jobId, status: 'success', comment: 'done' });
    await page.waitForSelector('h1 .status[data-status="SUCCESS"]', { timeout: 30_000 });
    expect(await page.$$eval('#jobstates li', (li) => li.length)).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    );
    await page.close();
  }, 90_000);

  it('sends the credentials typed in its form, kept in session storage only', async () => {
    const page = await context.newPage();
    const topicId = busiestTopic();
    await page.goto(`${origin}/dashboard/#/topic/${topicId}`);
    await page.waitForSelector('table.matrix a.status', { timeout: 30_000 });
    expect(await page.isVisible('#credentials')).toBe(false);
    // Red Hat's read-only user sees every team's jobs: more remote CIs than the demo identity.
    await page.click('#credentials-toggle');
    const basic = `Basic ${Buffer.from('redhat-reader:redhat-reader').toString('base64')}`;
    await page.fill('input[name=authorization]', basic);
    await page.click('#credentials button[type=submit]');
    await page.waitForFunction(
      () => document.querySelector('#identity')?.textContent === 'your credentials',
    );
    const expected = expectedCells(topicId, null);
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.matrix a.status').length === n,
      expected.size,
      { timeout: 30_000 },
    );
    expect(await cellsOf(page)).toEqual(expected);
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('dci-dashboard-credentials'),
      local: localStorage.length,
    }));
    expect(JSON.parse(stored.session!)).toEqual({ authorization: basic });
    expect(stored.local).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-matrix-redhat.png'), fullPage: true });
    await page.click('#credentials-toggle');
    await page.click('#credentials-clear');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  }, 90_000);

  it('is served with a same-origin-only policy, and off with the flag', async () => {
    const res = await fetch(`${origin}/dashboard/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('data-endpoint="/graphql"');
    expect(html).toContain('data-mode="demo"');
    const off = createGateway({ dciUrl: emulator.url, dashboard: { enabled: false, dir: built } });
    expect((await off.fetch('http://gateway/dashboard/')).status).toBe(404);
    const unbuilt = createGateway({
      dciUrl: emulator.url,
      dashboard: { dir: join(built, 'nope') },
    });
    const missing = await unbuilt.fetch('http://gateway/dashboard/');
    expect(await missing.text()).toContain('npm run build');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { longestChain } from '../../src/emulator/request-log.js';
import { authOf, call, send, startTiny } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTiny();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.clear();
  emu.setLatency(0);
  emu.log.clear();
});

const jobs = () => call(emu, { path: '/jobs', auth: authOf(emu, 'partnerRemoteci') });

describe('request log', () => {
  it('records seq, method, path, route template, query, identity, status and timing', async () => {
    const id = emu.fixtures.identities.partnerRemoteci;
    await call(emu, {
      path: `/jobs/${id.id}/jobstates`,
      params: { limit: '5', offset: '0' },
      auth: authOf(emu, 'partnerRemoteci'),
    });
    const [e] = emu.log.entries();
    expect(e).toMatchObject({
      method: 'GET',
      path: `/api/v1/jobs/${id.id}/jobstates`,
      route: '/jobs/:id/jobstates',
      query: { limit: '5', offset: '0' },
      identity: `remoteci/${id.id}`,
    });
    expect(e!.end).toBeGreaterThanOrEqual(e!.start);
    expect(emu.log.count((x) => x.route === '/jobs/:id/jobstates')).toBe(1);
    emu.log.clear();
    expect(emu.log.count()).toBe(0);
  });
});

describe('emulator CPU per request', () => {
  it('records the CPU time of authentication, handler and serialisation, none for no route', async () => {
    // Injected latency is waiting, not work: it must not show as CPU time.
    emu.setLatency(200);
    await jobs();
    await call(emu, { path: '/no-such-route', auth: authOf(emu, 'partnerRemoteci') });
    const [listed, unknown] = emu.log.entries();
    expect(listed!.cpuMs).toBeGreaterThan(0);
    expect(listed!.cpuMs).toBeLessThan(listed!.end - listed!.start - 150);
    expect(unknown!.route).toBe('(unknown)');
    expect(unknown!.cpuMs).toBe(0);
  });
  it('records none when started with measureCpu: false', async () => {
    const quiet = await startTiny({ measureCpu: false });
    try {
      const res = await call(quiet, { path: '/jobs', auth: authOf(quiet, 'admin') });
      expect(res.status).toBe(200);
      const [listed] = quiet.log.entries();
      expect(listed!.route).toBe('/jobs');
      expect(listed!.cpuMs).toBe(0);
    } finally {
      await quiet.close();
    }
  });
});

describe('waves()', () => {
  it('counts concurrent requests as one wave and sequential ones as many', async () => {
    // A wide delay keeps the four concurrent requests overlapping even on a loaded machine.
    emu.setLatency(150);
    await Promise.all([jobs(), jobs(), jobs(), jobs()]);
    expect(emu.log.count()).toBe(4);
    expect(emu.log.waves()).toBe(1);
    emu.log.clear();
    await jobs();
    await jobs();
    await jobs();
    expect(emu.log.waves()).toBe(3);
    emu.log.clear();
    await Promise.all([jobs(), jobs()]);
    await jobs();
    expect(emu.log.count()).toBe(3);
    expect(emu.log.waves()).toBe(2);
    expect(emu.log.waves((e) => e.route === '/nothing')).toBe(0);
  });
  it('longestChain on synthetic intervals', () => {
    expect(longestChain([])).toBe(0);
    const chain = [
      { start: 0, end: 10 },
      { start: 1, end: 5 },
      { start: 5, end: 8 },
      { start: 10, end: 12 },
    ];
    expect(longestChain(chain)).toBe(3);
  });
});

describe('latency injection', () => {
  it('a fixed delay and a per-route delay are applied before answering', async () => {
    emu.setLatency({ '/jobs': 300 });
    let t = performance.now();
    await jobs();
    expect(performance.now() - t).toBeGreaterThanOrEqual(295);
    t = performance.now();
    await call(emu, { path: '/' });
    expect(performance.now() - t).toBeLessThan(295);
    emu.setLatency(60);
    t = performance.now();
    await call(emu, { path: '/' });
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
  });
});

describe('fault injection', () => {
  it('5xx with a count, then back to normal', async () => {
    emu.faults.add({ route: '/jobs', kind: '5xx', status: 502, times: 2 });
    expect((await jobs()).status).toBe(502);
    expect((await jobs()).status).toBe(502);
    expect((await jobs()).status).toBe(200);
  });
  it('429 with Retry-After', async () => {
    emu.faults.add({ route: '/jobs', method: 'GET', kind: '429', retryAfter: 3, times: 1 });
    const res = await jobs();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
  });
  it('an HTML body', async () => {
    emu.faults.add({ route: /jobs/, kind: 'html', times: 1 });
    const res = await jobs();
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.json).toBeUndefined();
  });
  it('truncated JSON', async () => {
    emu.faults.add({ route: '/jobs', kind: 'truncated', times: 1 });
    const res = await jobs();
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text)).toThrow();
  });
  it('connection reset', async () => {
    emu.faults.add({ route: '/jobs', kind: 'reset', times: 1 });
    await expect(jobs()).rejects.toThrow();
    expect(emu.log.entries().at(-1)?.status).toBe(0);
    expect((await jobs()).status).toBe(200);
  });
  it('slow body: half, a pause, then the rest', async () => {
    emu.faults.add({ route: '/jobs', kind: 'slow', delayMs: 150, times: 1 });
    const t = performance.now();
    const res = await jobs();
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    expect(res.json.jobs).toBeInstanceOf(Array);
  });
  it('seeded probability is deterministic', async () => {
    const run = async () => {
      emu.faults.clear();
      const statuses: number[] = [];
      const id = emu.faults.add({ route: '/', kind: '5xx', probability: 0.5 });
      for (let i = 0; i < 12; i++) statuses.push((await call(emu, { path: '/' })).status);
      emu.faults.remove(id);
      return statuses;
    };
    const { FaultInjector } = await import('../../src/emulator/faults.js');
    const a = new FaultInjector(7);
    const b = new FaultInjector(7);
    a.add({ kind: '5xx', probability: 0.5 });
    b.add({ kind: '5xx', probability: 0.5 });
    const draws = (f: InstanceType<typeof FaultInjector>) =>
      Array.from({ length: 20 }, () => (f.pick('GET', '/jobs', '/api/v1/jobs') ? 1 : 0));
    const da = draws(a);
    expect(da).toEqual(draws(b));
    expect(da).toContain(1);
    expect(da).toContain(0);
    const statuses = await run();
    expect(statuses.some((s) => s === 503)).toBe(true);
    expect(statuses.some((s) => s === 200)).toBe(true);
  });
});

describe('request line limit (gunicorn, §3.4)', () => {
  it('a request line over 4094 bytes -> 400 text/plain before auth', async () => {
    const origin = new URL(emu.url);
    const ids = Array.from({ length: 200 }, (_, i) => `eq(id,${String(i).padStart(12, '0')})`);
    const target = `/api/v1/jobs?query=${encodeURIComponent(`or(${ids.join(',')})`)}`;
    const res = await send(origin, 'GET', target, { Host: origin.host });
    const n = `GET ${target} HTTP/1.1`.length;
    expect(n).toBeGreaterThan(4094);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(`Bad Request\nRequest Line is too large (${n} > 4094)`);
  });
  it('a line just under the limit reaches the application', async () => {
    const origin = new URL(emu.url);
    const base = '/api/v1/jobs?where=name:';
    const pad = 4094 - `GET ${base} HTTP/1.1`.length;
    const res = await send(origin, 'GET', base + 'x'.repeat(pad), { Host: origin.host });
    expect(res.status).toBe(401);
  });
});

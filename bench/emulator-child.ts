/**
 * Child-process entry of the benchmark's emulator (forked by emulator-handle.ts). Running the
 * emulator in its own process keeps its CPU time and event loop out of the gateway's figures;
 * the parent drives it over the IPC channel: read the request log, clear it, change latency.
 *
 * Protocol: on start it sends `{ type: 'ready', url, identities }`; every request
 * `{ id, op, ms? }` gets one `{ id, ok, result | error }`.
 */
import { startEmulator } from '../src/emulator/index.js';
import {
  type ChildReply,
  type ChildRequest,
  type ChildStartOptions,
  countRows,
  logStats,
} from './emulator-handle.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ChildStartOptions;
const emulator = await startEmulator({
  size: options.size,
  latencyMs: options.latencyMs,
  host: '127.0.0.1',
  port: 0,
  // This process reports its whole CPU time (op `cpu`); the log's per-request figure is unread.
  measureCpu: false,
});

const send = (message: unknown) => process.send?.(message);

process.on('message', (raw: unknown) => {
  const request = raw as ChildRequest;
  // One macrotask turn first, so a response the parent has already read is also in the log.
  setImmediate(() => {
    void answer(request).then(send);
  });
});

async function answer(request: ChildRequest): Promise<ChildReply> {
  try {
    switch (request.op) {
      case 'stats':
        return {
          id: request.id,
          ok: true,
          result: logStats(emulator.log),
        };
      case 'count':
        return { id: request.id, ok: true, result: emulator.log.count() };
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        return { id: request.id, ok: true, result: (user + system) / 1000 };
      }
      case 'clear':
        emulator.log.clear();
        return { id: request.id, ok: true, result: null };
      case 'latency':
        emulator.setLatency(request.ms ?? 0);
        return { id: request.id, ok: true, result: null };
      case 'close':
        await emulator.close();
        setImmediate(() => process.exit(0));
        return { id: request.id, ok: true, result: null };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: String(error) };
  }
}

// The parent going away (crash, Ctrl-C) must not leave an orphan listening.
process.on('disconnect', () => {
  void emulator.close().finally(() => process.exit(0));
});

const identities = Object.fromEntries(
  Object.entries(emulator.fixtures.identities).map(([name, identity]) => [name, identity.auth]),
);
send({ type: 'ready', url: emulator.url, identities, datasetCounts: countRows(emulator.store) });

/**
 * Child-process entry of the throughput phase (forked by throughput.ts): runs autocannon
 * against the gateway's HTTP server, in its own process so the load generator neither shares
 * the gateway's event loop nor counts in its CPU time, and sends the summary back over IPC.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadSummary } from './throughput.js';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.durationS,
  timeout: 30,
  method: 'POST',
  headers: options.headers,
  body: options.body,
  // A 200 carrying GraphQL errors did not do the scenario's work: count it as a mismatch.
  verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
});

const summary: LoadSummary = {
  requestsPerSecond: result.requests.average,
  responses: result['2xx'] + result.non2xx,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMaxMs: result.latency.max,
  durationS: result.duration,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  mismatches: result.mismatches,
};
process.send?.(summary, () => process.exit(0));

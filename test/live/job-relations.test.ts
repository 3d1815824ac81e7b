/**
 * A `job` subscription's events are resolved with fresh loaders: the relations an event shows
 * (jobstates) are read again, not the ones of the previous event. Envelop hands resolvers a
 * copy of the context, so renewing must renew that copy.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../graphql/harness.js';
import { jobsOf, type LiveGateway, liveGateway, postJobState, subscribeAs } from './helpers.js';

let h: Harness;
let g: LiveGateway;
beforeAll(async () => {
  h = await startHarness();
  g = liveGateway(h.emulator);
});
afterAll(async () => {
  await g.live.close();
  await h.close();
});

it('shows the jobstate that changed the job in the event it caused', async () => {
  const job = jobsOf(h.emulator, 'partnerRemoteci')[0]!;
  type Data = { job: { status: string; jobstates: { status: string }[] } };
  const sub = await subscribeAs<Data>(
    g,
    h.emulator,
    'partnerRemoteci',
    'subscription($id: ID!) { job(id: $id) { status jobstates { status } } }',
    { id: job.id },
  );
  try {
    const first = (await sub.next())!.data!.job;
    await postJobState(h.emulator, 'partnerRemoteci', job.id, 'killed');
    const second = (await sub.next())!.data!.job;
    expect(second.status).toBe('KILLED');
    expect(second.jobstates.map((s) => s.status)).toEqual([
      ...first.jobstates.map((s) => s.status),
      'KILLED',
    ]);
  } finally {
    await sub.close();
  }
});

/**
 * The live hub of one gateway replica: it owns the job pollers and the subscribers, and is the
 * only thing that outlives a request on the subscription side.
 *
 * - A poller exists per (identity, filter) with at least one subscriber on this replica; it is
 *   started by the first and stopped by the last. Its events are published on the bus under
 *   the pair's topic, heard once per replica and fanned out to that replica's subscribers.
 * - With Redis, replicas share the bus and the leases: only the lease holder polls DCI.
 * - Mutations made through the gateway are announced on the bus ("touched"): the polling
 *   replica of every pair looks again at once, with the pair's own credentials.
 * - Subscribers are bounded per identity and per replica (SUBSCRIPTION_LIMIT_EXCEEDED).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Repeater } from 'graphql-yoga';
import { DciClient, type DciClientOptions } from '../dci/client.js';
import type { DciAuth } from '../dci/credentials.js';
import type { DciJob } from '../dci/types.js';
import { gatewayError, unauthenticatedError } from '../errors.js';
import type { Condition } from '../filters/condition.js';
import { toDsl } from '../filters/dsl.js';
import type { DciReader } from '../loaders/reader.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { type LiveBus, memoryBus } from './bus.js';
import {
  type JobEventMessage,
  type JobTouchedMessage,
  jobEventsTopic,
  TOUCHED_TOPIC,
} from './events.js';
import { identityHash, newIdentityKey } from './identity.js';
import { type LeaseStore, localLeases } from './lease.js';
import { JobPoller } from './poller.js';

/** Default time between two polls of DCI. */
export const DEFAULT_POLL_INTERVAL_MS = 5000;
/** Default most subscriptions one identity may hold on one replica. */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_IDENTITY = 100;
/** Default most subscriptions one replica serves. */
export const DEFAULT_MAX_SUBSCRIPTIONS = 10_000;

/** What the hub needs to build pollers' DCI clients, and its own settings. */
export interface LiveHubOptions
  extends Pick<DciClientOptions, 'dispatcher' | 'now' | 'retry' | 'timeouts' | 'onUpstream'> {
  /** DCI origin. */
  dciUrl: string;
  /** Time between polls (default 5 s). */
  pollIntervalMs?: number;
  /** Most subscriptions per identity on this replica (default 100). */
  maxSubscriptionsPerIdentity?: number;
  /** Most subscriptions on this replica (default 10000). */
  maxSubscriptions?: number;
  /** Message transport (default: in-process). */
  bus?: LiveBus;
  /** Poller leases (default: this process always polls). */
  leases?: LeaseStore;
  /** Key of identity hashes; replicas sharing a Redis must share it (default: random). */
  identityKey?: Buffer;
  /** Metrics to report pollers, subscribers and events to. */
  metrics?: GatewayMetrics;
  /**
   * Told of every job event this replica hears, from whichever replica polled: the response
   * cache evicts what it holds of the job (see {@link liveHubFor}).
   */
  onJobChanged?: (jobId: string) => void;
  /** Reports failed polls and bus errors (never with credentials). */
  onError?: (message: string, error: unknown) => void;
}

/** Who subscribes: the resolved credentials of the request (see src/context.ts). */
export interface Subscriber {
  auth: DciAuth | null;
  teamId?: string | undefined;
}

interface Slot {
  key: string;
  identity: string;
  poller: JobPoller;
  sinks: Map<(event: JobEventMessage) => void, () => void>;
  /** Subscribers holding the slot (joined, stream not ended yet). */
  members: number;
  unlisten: Promise<() => void>;
}

/** Subscriptions of one replica. */
export class LiveHub {
  /** The time between polls. */
  readonly pollIntervalMs: number;
  private readonly slots = new Map<string, Slot>();
  private readonly perIdentity = new Map<string, number>();
  private total = 0;
  private readonly bus: LiveBus;
  private readonly leases: LeaseStore;
  private readonly key: Buffer;
  private readonly holder = randomUUID();
  private touchedListener: Promise<() => void> | null = null;
  private closed = false;

  constructor(private readonly o: LiveHubOptions) {
    this.pollIntervalMs = o.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.bus = o.bus ?? memoryBus();
    this.leases = o.leases ?? localLeases;
    this.key = o.identityKey ?? newIdentityKey();
  }

  /** Subscribers on this replica. */
  get subscribers(): number {
    return this.total;
  }

  /** Pollers on this replica (leading or following). */
  get pollers(): number {
    return this.slots.size;
  }

  /**
   * Job events of the jobs matching `condition` that `who` can see, from now on. Resolves once
   * the poller has its baseline and the events' topic is heard, so no later change is missed.
   */
  async jobEvents(
    who: Subscriber,
    condition: Condition | null,
  ): Promise<AsyncIterable<JobEventMessage>> {
    const slot = await this.join(who, condition);
    return this.stream(slot, (event, push) => void push(event));
  }

  /**
   * The job now, then again after each change; the last value of a deleted job has state
   * `archived`, then the stream ends. NOT_FOUND when `who` cannot see the job.
   */
  async job(who: Subscriber, id: string): Promise<AsyncIterable<DciJob>> {
    const condition: Condition = { kind: 'cmp', op: 'eq', column: 'id', value: id, type: 'id' };
    const slot = await this.join(who, condition);
    let initial: DciJob | null;
    try {
      initial = await slot.poller.current(id);
    } catch (error) {
      this.release(slot);
      throw error;
    }
    if (!initial) {
      this.release(slot);
      throw gatewayError(`Job ${id} does not exist or you cannot see it.`, { code: 'NOT_FOUND' });
    }
    return this.stream<DciJob>(
      slot,
      (event, push, stop) => {
        void push(event.job);
        if (event.kind === 'DELETED') stop();
      },
      initial,
    );
  }

  /** Announces a change made through this gateway to every replica's pollers. */
  touched(message: JobTouchedMessage): void {
    if (this.closed) return;
    this.bus.publish(TOUCHED_TOPIC, message);
  }

  /** Ends every subscription and stops every poller (SIGTERM). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const slot of [...this.slots.values()]) {
      for (const stop of [...slot.sinks.values()]) stop();
    }
    await Promise.all([...this.slots.values()].map((slot) => this.drop(slot)));
    const unlisten = await this.touchedListener?.catch(() => null);
    unlisten?.();
  }

  private async join(who: Subscriber, condition: Condition | null): Promise<Slot> {
    if (this.closed) {
      throw gatewayError('The gateway is shutting down; subscribe again.', {
        code: 'SERVICE_UNAVAILABLE',
      });
    }
    if (!who.auth) {
      throw unauthenticatedError(
        'DCI credentials required: send Authorization (Basic or Bearer) or X-Dci-Client-Id and X-Dci-Api-Secret.',
      );
    }
    const identity = identityHash(who.auth, who.teamId, this.key);
    const perIdentity = this.perIdentity.get(identity) ?? 0;
    const maxPerIdentity =
      this.o.maxSubscriptionsPerIdentity ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_IDENTITY;
    if (perIdentity >= maxPerIdentity) {
      throw gatewayError(
        `At most ${maxPerIdentity} subscriptions per identity: close one before opening another.`,
        { code: 'SUBSCRIPTION_LIMIT_EXCEEDED', limit: maxPerIdentity, scope: 'identity' },
      );
    }
    const max = this.o.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
    if (this.total >= max) {
      throw gatewayError(`This gateway serves at most ${max} subscriptions: try again later.`, {
        code: 'SUBSCRIPTION_LIMIT_EXCEEDED',
        limit: max,
        scope: 'gateway',
      });
    }
    this.perIdentity.set(identity, perIdentity + 1);
    this.total += 1;
    this.o.metrics?.liveSubscribers.inc();
    this.listenTouched();
    const filterHash = createHash('sha256')
      .update(condition ? toDsl(condition) : '')
      .digest('hex')
      .slice(0, 24);
    const key = `${identity}:${filterHash}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = this.open(key, identity, who.auth, who.teamId, condition);
    }
    // Counted before waiting, and until its stream ends: the slot lives while anyone holds it.
    slot.members += 1;
    try {
      await Promise.all([slot.unlisten, slot.poller.ready, this.touchedListener]);
    } catch (error) {
      this.release(slot);
      throw error;
    }
    return slot;
  }

  private open(
    key: string,
    identity: string,
    auth: DciAuth,
    teamId: string | undefined,
    condition: Condition | null,
  ): Slot {
    const o = this.o;
    const reader: DciReader = new DciClient({
      baseUrl: o.dciUrl,
      auth,
      ...(teamId ? { teamId } : {}),
      ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      ...(o.now ? { now: o.now } : {}),
      ...(o.retry ? { retry: o.retry } : {}),
      ...(o.timeouts ? { timeouts: o.timeouts } : {}),
      ...(o.onUpstream ? { onUpstream: o.onUpstream } : {}),
    });
    const topic = jobEventsTopic(key);
    const poller = new JobPoller({
      key: `dci-graphql:live:poller:${key}`,
      reader,
      condition,
      singleId:
        condition?.kind === 'cmp' && condition.op === 'eq' && condition.column === 'id'
          ? condition.value
          : null,
      intervalMs: this.pollIntervalMs,
      leases: this.leases,
      holder: this.holder,
      publish: (event) => {
        this.o.metrics?.liveEvents.inc({ kind: event.kind });
        this.bus.publish(topic, event);
      },
      onError: (error) => {
        this.o.metrics?.livePollErrors.inc();
        this.o.onError?.('job poll failed', error);
      },
      onLeading: (leading) => {
        this.o.metrics?.livePollers.inc({ role: leading ? 'leading' : 'following' });
        this.o.metrics?.livePollers.dec({ role: leading ? 'following' : 'leading' });
      },
      onRequest: () => this.o.metrics?.livePollRequests.inc(),
    });
    const slot: Slot = {
      key,
      identity,
      poller,
      sinks: new Map(),
      members: 0,
      unlisten: this.bus.listen(topic, (payload) => {
        const event = payload as JobEventMessage;
        poller.observe(event);
        this.o.onJobChanged?.(event.job.id);
        for (const sink of [...slot.sinks.keys()]) sink(event);
      }),
    };
    slot.unlisten.catch((error: unknown) => this.o.onError?.('live bus failed', error));
    this.slots.set(key, slot);
    this.o.metrics?.livePollers.inc({ role: 'following' });
    poller.start();
    return slot;
  }

  /** A subscriber's stream over a slot; `initial` is yielded first when given. */
  private stream<T>(
    slot: Slot,
    onEvent: (
      event: JobEventMessage,
      push: (value: T) => Promise<unknown>,
      stop: () => void,
    ) => void,
    ...initial: T[]
  ): AsyncIterable<T> {
    let sink: ((event: JobEventMessage) => void) | null = null;
    let released = false;
    // Runs once, whether the stream ends by itself, by the client leaving, or before it started
    // (a Repeater returned before its first `next` never runs its executor).
    const done = () => {
      if (released) return;
      released = true;
      if (sink) slot.sinks.delete(sink);
      this.release(slot);
    };
    const repeater = new Repeater<T>(async (push, stop) => {
      for (const value of initial) await push(value);
      sink = (event: JobEventMessage) => onEvent(event, push, stop);
      if (!released) slot.sinks.set(sink, () => stop());
      await stop;
      done();
    });
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () => repeater.next(),
      return: (value?: unknown) => {
        done();
        return repeater.return(value as T);
      },
      throw: (error?: unknown) => {
        done();
        return repeater.throw(error);
      },
    } as AsyncIterableIterator<T>;
  }

  /** One subscriber of `slot` left: count it out; the last one stops the poller. */
  private release(slot: Slot): void {
    const n = (this.perIdentity.get(slot.identity) ?? 1) - 1;
    if (n <= 0) this.perIdentity.delete(slot.identity);
    else this.perIdentity.set(slot.identity, n);
    this.total -= 1;
    this.o.metrics?.liveSubscribers.dec();
    slot.members -= 1;
    if (slot.members <= 0 && this.slots.get(slot.key) === slot) void this.drop(slot);
  }

  private async drop(slot: Slot): Promise<void> {
    if (this.slots.get(slot.key) !== slot) return;
    this.slots.delete(slot.key);
    const unlisten = await slot.unlisten.catch(() => null);
    unlisten?.();
    await slot.poller.stop();
    // Stopping made the poller a follower, if it led.
    this.o.metrics?.livePollers.dec({ role: 'following' });
  }

  private listenTouched(): void {
    this.touchedListener ??= this.bus.listen(TOUCHED_TOPIC, (payload) => {
      const message = payload as JobTouchedMessage;
      for (const slot of this.slots.values()) slot.poller.touched(message);
    });
  }
}

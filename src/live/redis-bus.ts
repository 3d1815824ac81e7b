/**
 * The live bus over Redis pub/sub, through `@graphql-yoga/redis-event-target`: every replica
 * sharing the Redis hears every message. Imported only when `--redis-url` is set.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import { busOver, type LiveBus, type Target } from './bus.js';

/**
 * A bus over Redis pub/sub: `publisher` publishes, `subscriber` (a connection in subscriber
 * mode, used for nothing else) listens.
 */
export function redisBus(publisher: Redis, subscriber: Redis): LiveBus {
  const target = createRedisEventTarget<CustomEvent>({
    publishClient: publisher,
    subscribeClient: subscriber,
  }) as unknown as Target;
  // The event target subscribes without waiting; a second SUBSCRIBE to the same channel is
  // harmless and its reply comes after the first one's, so awaiting it awaits both.
  return busOver(target, (topic) => subscriber.subscribe(topic));
}

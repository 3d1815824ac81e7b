/**
 * Where live messages travel: an in-process event target, or Redis pub/sub through
 * `@graphql-yoga/redis-event-target` so that every replica sharing the Redis hears them.
 */

/** Publishes and delivers messages by topic. */
export interface LiveBus {
  /** Sends `payload` (JSON) to every listener of `topic`, on every replica. */
  publish(topic: string, payload: unknown): void;
  /** Listens to `topic`; resolves once messages published from now on will be heard. */
  listen(topic: string, onMessage: (payload: unknown) => void): Promise<() => void>;
}

/** A DOM-style event target, the shape both transports share. */
export type Listener = (event: Event) => void;
/** What {@link busOver} needs of an event target. */
export interface Target {
  addEventListener(type: string, listener: Listener): void;
  removeEventListener(type: string, listener: Listener): void;
  dispatchEvent(event: Event): boolean;
}

/** A bus over an event target; `subscribed` resolves once a topic is heard. */
export function busOver(target: Target, subscribed: (topic: string) => Promise<unknown>): LiveBus {
  return {
    publish(topic, payload) {
      target.dispatchEvent(new CustomEvent(topic, { detail: payload }));
    },
    async listen(topic, onMessage) {
      const listener: Listener = (event) => onMessage((event as CustomEvent).detail);
      target.addEventListener(topic, listener);
      await subscribed(topic);
      return () => target.removeEventListener(topic, listener);
    },
  };
}

/** A bus inside one process. */
export function memoryBus(): LiveBus {
  return busOver(new EventTarget(), async () => {});
}

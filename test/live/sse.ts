/**
 * A minimal graphql-sse ("distinct connections") client for tests: one subscription per HTTP
 * request with `Accept: text/event-stream`, its `next` events read one by one.
 */
import type { GraphQLResult } from '../graphql/harness.js';

/** Something that answers fetch requests: a gateway (`yoga.fetch`) or `globalThis.fetch`. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/** An open subscription. */
export interface SseSubscription<T> {
  /** The HTTP status of the stream's response. */
  status: number;
  /** The response's content type. */
  contentType: string;
  /** The next payload (`event: next`), or null once the stream completed or closed. */
  next(): Promise<GraphQLResult<T> | null>;
  /** Closes the stream (the client leaves). */
  close(): Promise<void>;
  /** Whether the gateway ended the stream with `event: complete` (not a cut connection). */
  completed(): boolean;
}

/** Opens a subscription; resolves once the gateway answered with its headers. */
export async function subscribe<T = Record<string, unknown>>(
  fetcher: Fetcher,
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<SseSubscription<T>> {
  const abort = new AbortController();
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream')) {
    const body = (await response.json()) as GraphQLResult<T>;
    let given = false;
    return {
      status: response.status,
      contentType,
      next: async () => {
        if (given) return null;
        given = true;
        return body;
      },
      close: async () => {},
      completed: () => given,
    };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  let completed = false;
  const next = async (): Promise<GraphQLResult<T> | null> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (event === 'complete') {
          done = true;
          completed = true;
          return null;
        }
        if (event === 'next' && data.length > 0) return JSON.parse(data.join('\n'));
        continue;
      }
      if (done) return null;
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) {
        done = true;
        return null;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  // Read the stream's opening ping: an in-process response starts streaming (and can then be
  // cancelled) only once it is read.
  const opening = await reader.read();
  if (opening.done) done = true;
  else buffer += decoder.decode(opening.value, { stream: true });
  return {
    status: response.status,
    contentType,
    next,
    completed: () => completed,
    async close() {
      done = true;
      await reader.cancel().catch(() => {});
      abort.abort();
    },
  };
}

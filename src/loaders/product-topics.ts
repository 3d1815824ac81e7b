/**
 * A product's topics. `GET /products` (and the product by-id list) embed every topic of each
 * product; once the caller's topic scope is known (topic-scope.ts) that embed is the exact
 * answer, so the topics cost no request of their own: `products { topics }` is one request,
 * as a hand-written REST client would do it. The embed is used for first pages ordered by
 * timestamps with no filter; any other page is DCI's to compute
 * (`/topics?query=or(eq(product_id,...))`, batched across products).
 */
import type { DciProduct, DciTopic } from '../dci/types.js';
import { sortByKeys, sortKeys } from '../filters/order.js';
import { pageWindow } from '../filters/pagination.js';
import type { Loaders } from './index.js';
import { LISTS } from './lists.js';
import type { Page } from './page.js';
import type { ListArgs } from './pages.js';
import { rowProblem } from './rows.js';
import { toShape } from './shapes.js';
import { visibleEmbeddedTopics } from './topic-scope.js';

const EXACT_ORDERS = new Set(['created_at', 'updated_at', 'id']);

/** Whether a page of a product's topics can be cut from the embed (else DCI computes it). */
export function embedAnswers(args: ListArgs): boolean {
  const filter = args.filter;
  return (
    args.after == null &&
    args.before == null &&
    args.last == null &&
    (filter == null || Object.keys(filter).length === 0) &&
    (args.orderBy ?? []).every((o) => EXACT_ORDERS.has(o.field))
  );
}

/** One page of a product's topics, from its embed when exact, else from `/topics`. */
export async function productTopicsPage(
  loaders: Loaders,
  product: DciProduct,
  args: ListArgs,
): Promise<Page<DciTopic>> {
  const embedded = product.topics;
  // An embed holding a malformed topic is not used: DCI's /topics answers instead, where the
  // row shows at its own path (rows.ts).
  if (
    !loaders.batching ||
    !embedded ||
    !embedAnswers(args) ||
    embedded.some((t) => rowProblem('topic', t) !== null)
  ) {
    return loaders.topicsByProduct.load(product.id, args);
  }
  const window = pageWindow(args, loaders.maxFirst);
  const scope = await loaders.topicScope().catch(() => null);
  if (!scope) return loaders.topicsByProduct.load(product.id, args);
  const topics = sortByKeys(
    visibleEmbeddedTopics(embedded, scope),
    sortKeys(args.orderBy, LISTS.topics.defaultSort),
  );
  const items = topics.slice(window.offset, window.offset + window.take);
  for (const t of items) {
    const value = toShape<DciTopic>('topic', t);
    if (value) loaders.topic.prime(value.id, value);
  }
  return { items, count: topics.length, offset: window.offset };
}

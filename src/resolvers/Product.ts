/** Product fields and the product root fields. */
import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciProduct } from '../dci/types.js';
import type { Loaders } from '../loaders/index.js';
import { embedAnswers, productTopicsPage } from '../loaders/product-topics.js';
import { connection, timestamps } from './common.js';
import { type SelectedField, selectedFields } from './look-ahead.js';

const typeNamed = (info: GraphQLResolveInfo, name: string) =>
  info.schema.getType(name) as GraphQLObjectType;

/**
 * Starts the caller's topic scope with the products' own read when their topics are asked and
 * the embed can answer them (a `GET /identity` in the same wave, unless remembered).
 */
function prefetchTopicScope(products: readonly SelectedField[], loaders: Loaders) {
  if (!loaders.batching) return;
  const topics = products.find((f) => f.name === 'topics');
  if (topics?.args && embedAnswers(topics.args)) loaders.topicScope().catch(() => {});
}

/** Resolvers of Product, ProductConnection and Query.product(s). */
export const productResolvers: Resolvers = {
  Query: {
    product: (_, { id }, { loaders }, info) => {
      prefetchTopicScope(selectedFields(info), loaders);
      return loaders.product.load(id);
    },
    products: (_, args, { loaders }, info) => {
      const page = selectedFields(info);
      const edgeNodes = page
        .filter((f) => f.name === 'edges')
        .flatMap((f) => selectedFields(info, f.nodes, typeNamed(info, 'ProductEdge')))
        .filter((f) => f.name === 'node');
      const nodes = [...page.filter((f) => f.name === 'nodes'), ...edgeNodes].flatMap(
        (f) => f.nodes,
      );
      if (nodes.length) {
        prefetchTopicScope(selectedFields(info, nodes, typeNamed(info, 'Product')), loaders);
      }
      return loaders.productPages.page(args);
    },
  },
  Product: {
    ...timestamps,
    // The embedded topics, filtered by the caller's topic scope (they ignore visibility and
    // include archived topics, §4.1), or DCI's scoped `/topics` when the embed cannot answer.
    topics: (p, args, { loaders }) => productTopicsPage(loaders, p, args),
  },
  ProductConnection: connection<DciProduct>(),
};

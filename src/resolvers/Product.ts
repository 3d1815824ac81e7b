/** Product fields and the product root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciProduct } from '../dci/types.js';
import { connection, timestamps } from './common.js';

/** Resolvers of Product, ProductConnection and Query.product(s). */
export const productResolvers: Resolvers = {
  Query: {
    product: (_, { id }, { loaders }) => loaders.product.load(id),
    products: (_, args, { loaders }) => loaders.productPages.page(args),
  },
  Product: {
    ...timestamps,
    // Scoped topics (`/topics?query=or(eq(product_id,...))`), never the `topics` a product
    // embeds: that list holds archived topics and topics the caller may not see (§4.1).
    topics: (p, args, { loaders }) => loaders.topicsByProduct.load(p.id, args),
  },
  ProductConnection: connection<DciProduct>(),
};

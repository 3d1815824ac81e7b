/** Topic fields and the topic root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciTopic } from '../dci/types.js';
import { eq } from '../filters/dsl.js';
import { connection, timestamps } from './common.js';

/** Resolvers of Topic, TopicConnection and Query.topic(s). */
export const topicResolvers: Resolvers = {
  Query: {
    topic: (_, { id }, { loaders }) => loaders.topic.load(id),
    topics: (_, args, { loaders }) => loaders.topicPages.page(args),
  },
  Topic: {
    ...timestamps,
    componentTypes: (p) => p.component_types ?? [],
    componentTypesOptional: (p) => p.component_types_optional ?? [],
    exportControl: (p) => p.export_control,
    product: (p, _, { loaders }) => (p.product_id ? loaders.product.load(p.product_id) : null),
    // Through the loader, not the embedded `next_topic`: DCI embeds it even when the caller
    // may not see it.
    nextTopic: (p, _, { loaders }) =>
      p.next_topic_id ? loaders.topic.load(p.next_topic_id) : null,
    // One request per topic (a topic can hold thousands of components), all concurrent.
    components: (p, args, { loaders }) =>
      loaders.componentPages.page(args, { path: `/topics/${p.id}/components` }),
    jobs: (p, args, { loaders }) => loaders.jobPages.page(args, { scope: eq('topic_id', p.id) }),
  },
  TopicConnection: connection<DciTopic>(),
};

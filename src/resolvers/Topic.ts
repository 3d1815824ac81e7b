/** Topic fields and the topic root fields. */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { DciTopic } from '../dci/types.js';
import { eq } from '../filters/dsl.js';
import { loadById } from '../loaders/by-id.js';
import type { Loaders } from '../loaders/index.js';
import type { ListArgs } from '../loaders/pages.js';
import { connection, timestamps } from './common.js';
import { type Prefetch, prefetchChildren } from './look-ahead.js';

// One request per topic (a topic can hold thousands of components), all concurrent.
const topicComponents = (id: string, args: ListArgs, loaders: Loaders) =>
  loaders.componentPages.page(args, { path: `/topics/${id.toLowerCase()}/components` });
const topicJobs = (id: string, args: ListArgs, loaders: Loaders) =>
  loaders.jobPages.page(args, { scope: eq('topic_id', id.toLowerCase()) });

/** What `topic(id:)` starts from the id alone, with the topic's own read. */
const TOPIC_PREFETCH: Record<string, Prefetch> = {
  components: (id, args, loaders) => topicComponents(id, args, loaders),
  jobs: (id, args, loaders) => topicJobs(id, args, loaders),
};

/** Resolvers of Topic, TopicConnection and Query.topic(s). */
export const topicResolvers: Resolvers = {
  Query: {
    topic: (_, { id }, { loaders }, info) => {
      prefetchChildren(info, id, loaders, TOPIC_PREFETCH);
      return loaders.topic.load(id);
    },
    topics: (_, args, { loaders }) => loaders.topicPages.page(args),
  },
  Topic: {
    ...timestamps,
    componentTypes: (p) => p.component_types ?? [],
    componentTypesOptional: (p) => p.component_types_optional ?? [],
    exportControl: (p) => p.export_control,
    product: (p, _, { loaders }) => (p.product_id ? loadById(loaders.product, p.product_id) : null),
    // Through the loader, not the embedded `next_topic`: DCI embeds it even when the caller
    // may not see it.
    nextTopic: (p, _, { loaders }) =>
      p.next_topic_id ? loadById(loaders.topic, p.next_topic_id) : null,
    components: (p, args, { loaders }) => topicComponents(p.id, args, loaders),
    jobs: (p, args, { loaders }) => topicJobs(p.id, args, loaders),
  },
  TopicConnection: connection<DciTopic>(),
};

/**
 * The prefix of the tag createJob gives every job it creates: `dci-graphql:create:<uuid>`,
 * unique per call, so that a job whose creation answer was lost can be found again (`where`
 * matches tags exactly, REST-REFERENCE §3.3). The GraphQL `Job.tags` field leaves it out.
 */
export const CREATE_MARKER_PREFIX = 'dci-graphql:create:';

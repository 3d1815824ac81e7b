/**
 * The framework's floor: graphql-yoga with the gateway's own schema answering a scenario's
 * operation from the gateway's answer held in memory: no upstream, no loaders, no plugin of
 * ours, graphql-js's default resolvers. Its CPU per query is what Yoga's request pipeline and
 * graphql-js's execution cost for that answer's shape alone, the part of the gateway's CPU that
 * no code of the gateway can remove while it is a Yoga server (the README's chosen stack).
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { loadTypeDefs } from '../src/server.js';
import type { Scenario, ScenarioParams } from './scenarios.js';

/** A Yoga server that answers one scenario's operation with `answer`, its `data`. */
export function createFloor(answer: unknown): { fetch: typeof fetch } {
  if (answer === null || typeof answer !== 'object') {
    throw new Error('the floor needs the scenario answer (an object of root fields)');
  }
  // Each root field of the operation reads its part of the answer; below them, graphql-js's
  // default resolver reads the properties (the operations have no aliases).
  const Query = Object.fromEntries(
    Object.entries(answer).map(([field, value]) => [field, () => value]),
  );
  const yoga = createYoga({
    schema: createSchema({ typeDefs: loadTypeDefs(), resolvers: { Query } }),
    graphiql: false,
    landingPage: false,
    logging: false,
  });
  return { fetch: yoga.fetch as typeof fetch };
}

/** Runs the scenario's operation against a floor server and returns `data` (errors throw). */
export async function runFloor(
  floor: { fetch: typeof fetch },
  scenario: Scenario,
  params: ScenarioParams,
): Promise<unknown> {
  const response = await floor.fetch('http://floor.bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(params) }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) {
    const messages = body.errors.map((e) => e.message).slice(0, 3);
    throw new Error(`${scenario.id} floor: GraphQL errors: ${messages.join(' | ')}`);
  }
  return body.data;
}

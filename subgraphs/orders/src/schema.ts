import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { OrdersContext } from './context.js';
import { Order } from './resolvers/Order.js';
import { OrderLine } from './resolvers/OrderLine.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import { Saga, SagaStepResolvers } from './resolvers/Saga.js';
import { User } from './resolvers/User.js';

/** The subgraph SDL, read from `schema.graphql` (the source of truth). */
export const typeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export const resolvers = {
  Query,
  Mutation,
  Order,
  Saga,
  SagaStep: SagaStepResolvers,
  OrderLine,
  User,
} satisfies GraphQLResolverMap<OrdersContext>;

/** The executable subgraph schema; schema tooling composes the supergraph from it. */
export function createSchema(): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

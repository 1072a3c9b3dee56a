import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { PaymentsContext } from './context.js';
import { Order } from './resolvers/Order.js';
import { Payment } from './resolvers/Payment.js';

/** The subgraph SDL, read from `schema.graphql` (the source of truth). */
export const typeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export const resolvers = { Order, Payment } satisfies GraphQLResolverMap<PaymentsContext>;

/** The executable subgraph schema; schema tooling composes the supergraph from it. */
export function createSchema(): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.js';
import { Mutation } from './resolvers/Mutation.js';
import { Product } from './resolvers/Product.js';
import { Query } from './resolvers/Query.js';
import { Review } from './resolvers/Review.js';
import { User } from './resolvers/User.js';

/** The subgraph SDL, read from `schema.graphql` (the source of truth). */
export const typeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export const resolvers: Resolvers = { Query, Mutation, Review, Product, User };

/** The executable subgraph schema; schema tooling composes the supergraph from it. */
export function createSchema(): GraphQLSchema {
  // The generated types are stricter than Apollo's map (typed context, `__resolveReference`
  // parameters), so they meet only at this one cast.
  return buildSubgraphSchema({
    typeDefs,
    resolvers: resolvers as unknown as GraphQLResolverMap<unknown>,
  });
}

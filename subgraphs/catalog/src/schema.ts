import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { CatalogContext } from './context.js';
import { Category } from './resolvers/Category.js';
import { Listing } from './resolvers/Listing.js';
import { Mutation } from './resolvers/Mutation.js';
import { Product } from './resolvers/Product.js';
import { Query } from './resolvers/Query.js';

/** The subgraph SDL, read from `schema.graphql` (the source of truth). */
export const typeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export const resolvers = {
  Query,
  Mutation,
  Listing,
  Product,
  Category,
} satisfies GraphQLResolverMap<CatalogContext>;

/** The executable subgraph schema; schema tooling composes the supergraph from it. */
export function createSchema(): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

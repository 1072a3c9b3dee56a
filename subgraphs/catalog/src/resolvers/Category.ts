import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { CatalogContext } from '../context.js';
import type { CategoryDocument } from '../repositories/categories.js';

export const Category = {
  __resolveReference: (reference: { id: string }, context: CatalogContext) =>
    context.loaders.categoryById.load(reference.id),
  id: (category: CategoryDocument) => category._id,
} satisfies GraphQLResolverMap<CatalogContext>[string];

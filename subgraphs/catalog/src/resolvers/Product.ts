import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { CatalogContext } from '../context.js';
import type { ProductDocument } from '../repositories/products.js';

export const Product = {
  // Entity references from other subgraphs batch through the request's loader: one query for
  // all the products of a query-plan fetch. Unknown ids resolve to null.
  __resolveReference: (reference: { id: string }, context: CatalogContext) =>
    context.loaders.productById.load(reference.id),
  id: (product: ProductDocument) => product._id,
  category: async (product: ProductDocument, _args: unknown, context: CatalogContext) => {
    const category = await context.loaders.categoryById.load(product.categoryId);
    // The schema promises a category; a dangling reference is a data bug worth an error.
    if (!category) throw new Error(`Product ${product._id} refers to a missing category.`);
    return category;
  },
  // Seeded products carry no SKU; theirs derives from the stable id (`prod_0042` → `SKU-PROD-0042`).
  internalSku: (product: ProductDocument) =>
    product.internalSku ?? `SKU-${product._id.toUpperCase().replace('_', '-')}`,
} satisfies GraphQLResolverMap<CatalogContext>[string];

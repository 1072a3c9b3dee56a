import type { ProductResolvers } from '../generated/resolvers-types.js';

export const Product: ProductResolvers = {
  // Entity references from other subgraphs batch through the request's loader: one query for
  // all the products of a query-plan fetch. Unknown ids resolve to null.
  __resolveReference: (reference, context) => context.loaders.productById.load(reference.id),
  id: (product) => product._id,
  category: async (product, _args, context) => {
    const category = await context.loaders.categoryById.load(product.categoryId);
    // The schema promises a category; a dangling reference is a data bug worth an error.
    if (!category) throw new Error(`Product ${product._id} refers to a missing category.`);
    return category;
  },
  // Seeded products carry no SKU; theirs derives from the stable id (`prod_0042` → `SKU-PROD-0042`).
  internalSku: (product) =>
    product.internalSku ?? `SKU-${product._id.toUpperCase().replace('_', '-')}`,
};

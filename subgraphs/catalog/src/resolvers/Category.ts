import { toConnection, validateFirst } from '@tessera/subgraph-kit';
import type { CategoryResolvers } from '../generated/resolvers-types.js';
import { decodeProductCursor, productCursorKey } from '../product-cursor.js';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, context) => context.loaders.categoryById.load(reference.id),
  id: (category) => category._id,
  // Through a loader: `categories { products(first: 5) }` is one aggregate, not one per category.
  products: async (category, args, context) => {
    const first = validateFirst(args.first);
    const afterId = args.after == null ? undefined : decodeProductCursor(args.after);
    const docs = await context.loaders.productsOfCategory.load({
      categoryId: category._id,
      limit: first + 1,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const doc of docs) context.loaders.productById.prime(doc._id, doc);
    return toConnection(docs, first, productCursorKey, { hasPreviousPage: afterId !== undefined });
  },
};

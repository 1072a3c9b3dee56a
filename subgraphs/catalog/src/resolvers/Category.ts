import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { toConnection, validateFirst } from '@tessera/subgraph-kit';
import type { CatalogContext } from '../context.js';
import { decodeProductCursor, productCursorKey } from '../product-cursor.js';
import type { CategoryDocument } from '../repositories/categories.js';

export const Category = {
  __resolveReference: (reference: { id: string }, context: CatalogContext) =>
    context.loaders.categoryById.load(reference.id),
  id: (category: CategoryDocument) => category._id,
  // Through a loader: `categories { products(first: 5) }` is one aggregate, not one per category.
  products: async (
    category: CategoryDocument,
    args: { readonly first?: number | null; readonly after?: string | null },
    context: CatalogContext,
  ) => {
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
} satisfies GraphQLResolverMap<CatalogContext>[string];

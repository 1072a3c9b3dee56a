import { parseInput, toConnection, validateFirst } from '@tessera/subgraph-kit';
import { NotFoundError } from '@tessera/errors';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { decodeProductCursor, productCursorKey } from '../product-cursor.js';
import { productsFilter } from '../product-input.js';
import { createCategoriesRepository } from '../repositories/categories.js';
import { createProductsRepository } from '../repositories/products.js';

export const Query: QueryResolvers = {
  products: async (_parent, args, context) => {
    const first = validateFirst(args.first);
    const afterId = args.after == null ? undefined : decodeProductCursor(args.after);
    const { search, categoryId } = parseInput(productsFilter, {
      search: args.search,
      categoryId: args.categoryId,
    });
    const docs = await createProductsRepository(context.db).findPage({
      limit: first + 1,
      ...(afterId === undefined ? {} : { afterId }),
      ...(categoryId == null ? {} : { categoryId }),
      // An empty search matches everything: the same as no search.
      ...(search == null || search === '' ? {} : { search }),
    });
    // Later entity fetches in this request (e.g. a plan that comes back for `product`) hit the cache.
    for (const doc of docs) context.loaders.productById.prime(doc._id, doc);
    return toConnection(docs, first, productCursorKey, { hasPreviousPage: afterId !== undefined });
  },

  product: async (_parent, args, context) => {
    const product = await context.loaders.productById.load(args.id);
    if (!product) throw new NotFoundError('No product exists with this id.');
    return product;
  },

  categories: async (_parent, _args, context) => {
    const categories = await createCategoriesRepository(context.db).findAll();
    for (const category of categories) context.loaders.categoryById.prime(category._id, category);
    return categories;
  },
};

import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import { createCategoriesRepository, type CategoryDocument } from './repositories/categories.js';
import { createProductsRepository, type ProductDocument } from './repositories/products.js';

/** One category's page of products, as `Category.products` asks for it. */
export interface CategoryPageKey {
  readonly categoryId: string;
  /** `first + 1`, so the connection can tell whether a next page exists. */
  readonly limit: number;
  readonly afterId?: string;
}

/** The DataLoader set of one request: never shared between callers. */
export interface CatalogLoaders {
  /** Products by id, one query per batch; `null` for an unknown id. */
  readonly productById: DataLoader<string, ProductDocument | null>;
  /** Categories by id, one query per batch; `null` for an unknown id. */
  readonly categoryById: DataLoader<string, CategoryDocument | null>;
  /** Pages of several categories' products, one aggregate per batch. */
  readonly productsOfCategory: DataLoader<CategoryPageKey, ProductDocument[], string>;
}

export function createLoaders({ db }: { readonly db: Db }): CatalogLoaders {
  const products = createProductsRepository(db);
  const categories = createCategoriesRepository(db);
  return {
    productById: new DataLoader(async (ids) =>
      inKeyOrder(ids, await products.findByIds(ids), (product) => product._id),
    ),
    categoryById: new DataLoader(async (ids) =>
      inKeyOrder(ids, await categories.findByIds(ids), (category) => category._id),
    ),
    productsOfCategory: new DataLoader(
      (keys: readonly CategoryPageKey[]) => products.findPages(keys),
      // Object keys compare by value: two identical pages in one request share one facet.
      { cacheKeyFn: (key) => JSON.stringify([key.categoryId, key.limit, key.afterId ?? null]) },
    ),
  };
}

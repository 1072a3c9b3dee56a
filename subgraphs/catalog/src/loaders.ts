import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { createCategoriesRepository, type CategoryDocument } from './repositories/categories.js';
import { createProductsRepository, type ProductDocument } from './repositories/products.js';

/** The DataLoader set of one request: never shared between callers. */
export interface CatalogLoaders {
  /** Products by id, one query per batch; `null` for an unknown id. */
  readonly productById: DataLoader<string, ProductDocument | null>;
  /** Categories by id, one query per batch; `null` for an unknown id. */
  readonly categoryById: DataLoader<string, CategoryDocument | null>;
}

export function createLoaders({ db }: { readonly db: Db }): CatalogLoaders {
  const products = createProductsRepository(db);
  const categories = createCategoriesRepository(db);
  return {
    productById: new DataLoader((ids) => inKeyOrder(ids, products.findByIds(ids))),
    categoryById: new DataLoader((ids) => inKeyOrder(ids, categories.findByIds(ids))),
  };
}

/** DataLoader's contract: one result per key, in key order, `null` where nothing matched. */
async function inKeyOrder<T extends { readonly _id: string }>(
  ids: readonly string[],
  found: Promise<T[]>,
): Promise<(T | null)[]> {
  const byId = new Map((await found).map((doc) => [doc._id, doc]));
  return ids.map((id) => byId.get(id) ?? null);
}

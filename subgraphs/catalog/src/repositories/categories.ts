import type { Collection, Db } from 'mongodb';

/** A category as stored in `tessera_catalog.categories`. */
export interface CategoryDocument {
  /** A stable string id, e.g. `cat_01`. */
  readonly _id: string;
  readonly name: string;
}

export const CATEGORIES_COLLECTION = 'categories';

export interface CategoriesRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<CategoryDocument[]>;
}

export function categoriesCollection(db: Db): Collection<CategoryDocument> {
  return db.collection<CategoryDocument>(CATEGORIES_COLLECTION);
}

export function createCategoriesRepository(db: Db): CategoriesRepository {
  const categories = categoriesCollection(db);
  return {
    findByIds: (ids) => categories.find({ _id: { $in: [...ids] } }).toArray(),
  };
}

import type { Collection, Db } from 'mongodb';

/** A category as stored in `tessera_catalog.categories`. */
export interface CategoryDocument {
  /** A stable string id, e.g. `cat_01`. */
  readonly _id: string;
  readonly name: string;
}

export const CATEGORIES_COLLECTION = 'categories';

/** A shop has tens of categories, not thousands: `findAll` returns them without paging. */
export const MAX_CATEGORIES = 1000;

export interface CategoriesRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<CategoryDocument[]>;
  /** Every category in `_id` order (at most {@link MAX_CATEGORIES}). */
  findAll(): Promise<CategoryDocument[]>;
}

export function categoriesCollection(db: Db): Collection<CategoryDocument> {
  return db.collection<CategoryDocument>(CATEGORIES_COLLECTION);
}

export function createCategoriesRepository(db: Db): CategoriesRepository {
  const categories = categoriesCollection(db);
  return {
    findByIds: (ids) => categories.find({ _id: { $in: [...ids] } }).toArray(),
    findAll: () => categories.find({}).sort({ _id: 1 }).limit(MAX_CATEGORIES).toArray(),
  };
}

import type { Collection, Db, Filter, IndexDescription } from 'mongodb';

/** An amount in integer minor units and an ISO 4217 currency code. */
export interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

/** A product as stored in `tessera_catalog.products`. */
export interface ProductDocument {
  /** A stable string id, e.g. `prod_0001`. */
  readonly _id: string;
  readonly name: string;
  readonly description: string;
  readonly price: MoneyValue;
  readonly categoryId: string;
  /** Grams. */
  readonly weight: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const PRODUCTS_COLLECTION = 'products';

// Pages sort on `_id` (always indexed); the compound index serves the category filter in the
// same order.
export const productsIndexes: IndexDescription[] = [
  { key: { categoryId: 1, _id: 1 }, name: 'products_category_id' },
];

export interface ProductPageQuery {
  /** Documents to fetch; pass `first + 1` to learn whether a next page exists. */
  readonly limit: number;
  /** Only products whose `_id` sorts after this one. */
  readonly afterId?: string;
  readonly categoryId?: string;
}

export interface ProductsRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<ProductDocument[]>;
  /** A page in `_id` order. */
  findPage(query: ProductPageQuery): Promise<ProductDocument[]>;
}

export function productsCollection(db: Db): Collection<ProductDocument> {
  return db.collection<ProductDocument>(PRODUCTS_COLLECTION);
}

export function createProductsRepository(db: Db): ProductsRepository {
  const products = productsCollection(db);
  return {
    findByIds: (ids) => products.find({ _id: { $in: [...ids] } }).toArray(),
    findPage: ({ limit, afterId, categoryId }) => {
      const filter: Filter<ProductDocument> = {
        ...(categoryId === undefined ? {} : { categoryId }),
        ...(afterId === undefined ? {} : { _id: { $gt: afterId } }),
      };
      return products.find(filter).sort({ _id: 1 }).limit(limit).toArray();
    },
  };
}

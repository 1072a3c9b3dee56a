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
  /** The warehouse SKU; seeded products have none and derive it from the id. */
  readonly internalSku?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields an admin may change. */
export type ProductChanges = Partial<
  Pick<ProductDocument, 'name' | 'description' | 'price' | 'categoryId' | 'weight'>
>;

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
  /** Keeps products whose name contains it, case-insensitively (a literal, not a pattern). */
  readonly search?: string;
}

export interface ProductsRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<ProductDocument[]>;
  /** A page in `_id` order. */
  findPage(query: ProductPageQuery): Promise<ProductDocument[]>;
  /**
   * Several pages at once, one aggregate for all of them (a `$facet` per query): what a
   * loader of `Category.products` needs. Results are in the order of `queries`.
   */
  findPages(queries: readonly ProductPageQuery[]): Promise<ProductDocument[][]>;
  insert(product: ProductDocument): Promise<void>;
  /** Applies `changes` and returns the updated product; null when there is none with `id`. */
  update(id: string, changes: ProductChanges, now: Date): Promise<ProductDocument | null>;
}

/** Escapes every regex metacharacter, so user text matches literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function productsCollection(db: Db): Collection<ProductDocument> {
  return db.collection<ProductDocument>(PRODUCTS_COLLECTION);
}

export function createProductsRepository(db: Db): ProductsRepository {
  const products = productsCollection(db);
  return {
    findByIds: (ids) => products.find({ _id: { $in: [...ids] } }).toArray(),
    findPage: (query) =>
      products.find(pageFilter(query)).sort({ _id: 1 }).limit(query.limit).toArray(),
    findPages: async (queries) => {
      if (queries.length === 0) return [];
      const facets = Object.fromEntries(
        queries.map((query, index) => [
          `p${index}`,
          [
            { $match: pageFilter(query) },
            { $sort: { _id: 1 } },
            { $limit: Math.max(query.limit, 1) },
          ],
        ]),
      );
      // A leading match on the categories keeps the facets off the rest of the collection.
      const categoryIds = queries.map((query) => query.categoryId);
      const narrow = categoryIds.every((id) => id !== undefined)
        ? [{ $match: { categoryId: { $in: [...new Set(categoryIds)] } } }]
        : [];
      const [result] = await products
        .aggregate<Record<string, ProductDocument[]>>([...narrow, { $facet: facets }])
        .toArray();
      return queries.map((query, index) =>
        query.limit === 0 ? [] : (result?.[`p${index}`] ?? []),
      );
    },
    insert: async (product) => {
      await products.insertOne(product);
    },
    update: (id, changes, now) =>
      products.findOneAndUpdate(
        { _id: id },
        { $set: { ...changes, updatedAt: now } },
        { returnDocument: 'after' },
      ),
  };
}

function pageFilter({ afterId, categoryId, search }: ProductPageQuery): Filter<ProductDocument> {
  // The embedded server has no `$text`; an unanchored regex over an escaped, length-capped
  // string is a bounded scan of the (category-filtered) page in `_id` order.
  return {
    ...(categoryId === undefined ? {} : { categoryId }),
    ...(search === undefined ? {} : { name: { $regex: escapeRegExp(search), $options: 'i' } }),
    ...(afterId === undefined ? {} : { _id: { $gt: afterId } }),
  };
}

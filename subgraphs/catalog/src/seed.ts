import { MongoServerError, type Db } from 'mongodb';
import { categoriesCollection } from './repositories/categories.js';
import { productsCollection } from './repositories/products.js';
import { seedCategories, seedProducts } from './seed-data.js';

export {
  seedCategoryId,
  seedProductId,
  SEED_CATEGORY_COUNT,
  SEED_PRODUCT_COUNT,
  SEED_CURRENCY,
} from './seed-data.js';

export interface CatalogSeedCounts {
  /** Seeded categories present after the run. */
  readonly categories: number;
  /** Seeded products present after the run. */
  readonly products: number;
}

/**
 * Upserts the seed categories and products by their stable ids. The documents are
 * deterministic, so running it again changes nothing; it never deletes other products.
 */
export async function seed(db: Db): Promise<CatalogSeedCounts> {
  try {
    return await seedOnce(db);
  } catch (error) {
    // Two concurrent upserts of a new id can collide (the service seeding its empty database
    // while `npm run seed` runs); a second pass finds the documents and only updates them.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db);
  }
}

async function seedOnce(db: Db): Promise<CatalogSeedCounts> {
  const categories = seedCategories();
  const products = seedProducts();
  await categoriesCollection(db).bulkWrite(
    categories.map(({ _id, ...fields }) => ({
      updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
    })),
    { ordered: false },
  );
  await productsCollection(db).bulkWrite(
    products.map(({ _id, ...fields }) => ({
      updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
    })),
    { ordered: false },
  );
  const [categoryCount, productCount] = await Promise.all([
    categoriesCollection(db).countDocuments({ _id: { $in: categories.map((c) => c._id) } }),
    productsCollection(db).countDocuments({ _id: { $in: products.map((p) => p._id) } }),
  ]);
  return { categories: categoryCount, products: productCount };
}

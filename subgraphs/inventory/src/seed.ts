import { MongoServerError, type Db } from 'mongodb';
import { stockCollection } from './repositories/stock.js';
import { seedStock } from './seed-data.js';

export { seedStock } from './seed-data.js';

export interface InventorySeedCounts {
  /** Seeded products with a stock document after the run. */
  readonly stock: number;
  /** Of those, how many this run created. */
  readonly created: number;
}

/**
 * Creates the seed stock of every seeded product that has none. Existing stock is left alone:
 * resetting it would break the books of orders holding reservations (available + reserved +
 * committed must stay what it was). Running it again changes nothing.
 */
export async function seed(db: Db): Promise<InventorySeedCounts> {
  try {
    return await seedOnce(db);
  } catch (error) {
    // Two concurrent upserts of a new id can collide (the service seeding its empty database
    // while `npm run seed` runs); a second pass finds the documents and leaves them.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db);
  }
}

async function seedOnce(db: Db): Promise<InventorySeedCounts> {
  const stock = seedStock();
  const collection = stockCollection(db);
  const result = await collection.bulkWrite(
    stock.map(({ _id, ...fields }) => ({
      updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
    })),
    { ordered: false },
  );
  const present = await collection.countDocuments({ _id: { $in: stock.map((s) => s._id) } });
  return { stock: present, created: result.upsertedCount };
}

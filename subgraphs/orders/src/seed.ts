import { MongoServerError, type Db } from 'mongodb';
import { ordersCollection } from './repositories/orders.js';
import { seedOrders } from './seed-data.js';

export {
  seedOrders,
  seedOrderId,
  SEED_ORDER_COUNT,
  SEED_CURRENCY,
  SEED_DEMO_USER_ID,
  SEED_ADMIN_USER_ID,
} from './seed-data.js';

export interface OrdersSeedCounts {
  /** Seeded orders present after the run. */
  readonly orders: number;
}

/**
 * Upserts the seed orders by their stable ids. The documents are deterministic, so running it
 * again changes nothing; it never deletes other orders.
 */
export async function seed(db: Db): Promise<OrdersSeedCounts> {
  try {
    return await seedOnce(db);
  } catch (error) {
    // Two concurrent upserts of a new id can collide (the service seeding its empty database
    // while `npm run seed` runs); a second pass finds the documents and only updates them.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db);
  }
}

async function seedOnce(db: Db): Promise<OrdersSeedCounts> {
  const orders = seedOrders();
  const collection = ordersCollection(db);
  await collection.bulkWrite(
    orders.map(({ _id, ...fields }) => ({
      updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
    })),
    { ordered: false },
  );
  return { orders: await collection.countDocuments({ _id: { $in: orders.map((o) => o._id) } }) };
}

import { MongoServerError, type Db } from 'mongodb';
import { paymentsCollection } from './repositories/payments.js';
import { seedPayments } from './seed-data.js';

export { seedPayments, seedPaymentId, SEED_PAYMENT_COUNT, SEED_CURRENCY } from './seed-data.js';

export interface PaymentsSeedCounts {
  /** Seeded payments present after the run. */
  readonly payments: number;
}

/**
 * Upserts the seed payments by their stable ids. The documents are deterministic, so running it
 * again changes nothing; it never deletes other payments.
 */
export async function seed(db: Db): Promise<PaymentsSeedCounts> {
  try {
    return await seedOnce(db);
  } catch (error) {
    // Two concurrent upserts of a new id can collide (the service seeding its empty database
    // while `npm run seed` runs); a second pass finds the documents and only updates them.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db);
  }
}

async function seedOnce(db: Db): Promise<PaymentsSeedCounts> {
  const payments = seedPayments();
  const collection = paymentsCollection(db);
  await collection.bulkWrite(
    payments.map(({ _id, ...fields }) => ({
      updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
    })),
    { ordered: false },
  );
  return {
    payments: await collection.countDocuments({ _id: { $in: payments.map((p) => p._id) } }),
  };
}

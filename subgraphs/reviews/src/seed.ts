import { MongoServerError, type Db } from 'mongodb';
import { reviewsCollection } from './repositories/reviews.js';
import { seedReviews } from './seed-data.js';

export { seedReviews, SEED_REVIEW_COUNT } from './seed-data.js';

export interface ReviewsSeedCounts {
  /** Seeded (user, product) pairs that have a review after the run. */
  readonly reviews: number;
  /** Of those, how many this run created. */
  readonly created: number;
}

/**
 * Creates the seed reviews that are missing. A pair is matched by (product, author), the unique
 * key: where a seeded user already reviewed a seeded product (a seed run, or the user through
 * `addReview`), that review stays as it is. Running it again changes nothing.
 */
export async function seed(db: Db): Promise<ReviewsSeedCounts> {
  try {
    return await seedOnce(db);
  } catch (error) {
    // Two concurrent upserts of a new pair can collide (the service seeding its empty database
    // while `npm run seed` runs); a second pass finds the documents and leaves them.
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    return seedOnce(db);
  }
}

async function seedOnce(db: Db): Promise<ReviewsSeedCounts> {
  const reviews = seedReviews();
  const collection = reviewsCollection(db);
  const result = await collection.bulkWrite(
    reviews.map((review) => ({
      updateOne: {
        filter: { productId: review.productId, authorId: review.authorId },
        update: { $setOnInsert: review },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  const present = await collection.countDocuments({
    $or: reviews.map(({ productId, authorId }) => ({ productId, authorId })),
  });
  return { reviews: present, created: result.upsertedCount };
}

import { ObjectId } from 'mongodb';
import { SEED_USERS } from '@tessera/accounts/seed';
import { SEED_PRODUCT_COUNT, seedProductId } from '@tessera/catalog/seed';
import type { ReviewDocument } from './repositories/reviews.js';

export const SEED_REVIEW_COUNT = 1000;
/** Every this-many-th product (the 25th, 50th, …) gets no review, to show `averageRating: null`. */
const UNREVIEWED_EVERY = 25;
const SEED_EPOCH = Date.UTC(2026, 0, 2);
/** Minutes between the seeded reviews' timestamps, so no two share one. */
const MINUTES_APART = 37;

const BODIES: Readonly<Record<number, readonly string[]>> = {
  1: [
    'Broke within a week. Would not buy again.',
    'Nothing like the pictures, and support never answered.',
  ],
  2: ['Does the job, barely. The finish feels cheap.', 'Arrived late and smaller than I expected.'],
  3: ['Fine for the price. Nothing special.', 'Works as described, with a few rough edges.'],
  4: [
    'Solid and well made. One small gripe, but I would recommend it.',
    'Good value; it has held up to daily use so far.',
  ],
  5: [
    'Excellent. Exactly what I was looking for.',
    'Beautifully made and a joy to use every day. Five stars.',
  ],
};

/**
 * The 1,000 seeded reviews, by the 10 seeded users over catalog's seeded products, at most one
 * per user and product. Everything derives from the product and user indexes, so every run
 * writes identical documents (ids included).
 */
export function seedReviews(): ReviewDocument[] {
  const pairs: { product: number; user: number }[] = [];
  for (let product = 0; product < SEED_PRODUCT_COUNT; product += 1) {
    if (product % UNREVIEWED_EVERY === UNREVIEWED_EVERY - 1) continue;
    for (let user = 0; user < SEED_USERS.length; user += 1) pairs.push({ product, user });
  }
  // A fixed pseudo-random subset: products end up with different numbers of reviews.
  const chosen = pairs
    .map((pair) => ({ pair, rank: mix(pair.product * SEED_USERS.length + pair.user) }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, SEED_REVIEW_COUNT)
    .map(({ pair }) => pair)
    .sort((a, b) => a.product - b.product || a.user - b.user);
  return chosen.map(({ product, user }) => seedReview(product, user));
}

function seedReview(product: number, user: number): ReviewDocument {
  const serial = product * SEED_USERS.length + user;
  const author = SEED_USERS[user];
  if (!author) throw new Error(`No seed user at index ${user}.`);
  // Each product has a typical rating (1.5 to 5); reviewers land within a point of it.
  const typical = 1.5 + ((product * 7) % 8) / 2;
  const spread = (mix(serial + 7919) % 3) - 1;
  const rating = Math.min(5, Math.max(1, Math.round(typical) + spread));
  const bodies = BODIES[rating] ?? [];
  const createdAt = new Date(SEED_EPOCH + serial * MINUTES_APART * 60_000);
  return {
    _id: seedReviewId(createdAt, serial),
    productId: seedProductId(product),
    authorId: author.id,
    rating,
    body: bodies[serial % bodies.length] ?? 'No comment.',
    createdAt,
  };
}

/** An ObjectId with the review's time in its first 4 bytes, as a driver-made one would have. */
function seedReviewId(createdAt: Date, serial: number): ObjectId {
  const seconds = Math.floor(createdAt.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return ObjectId.createFromHexString(`${seconds}5eed${serial.toString(16).padStart(12, '0')}`);
}

/** A 32-bit integer hash (lowbias32): a fixed, well-spread rank for each number. */
function mix(n: number): number {
  let x = n >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

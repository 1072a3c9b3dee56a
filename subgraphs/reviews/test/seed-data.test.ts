import { describe, expect, it } from 'vitest';
import { SEED_USERS } from '@tessera/accounts/seed';
import { SEED_PRODUCT_COUNT, seedProductId } from '@tessera/catalog/seed';
import { seedReviews } from '../src/seed-data.js';

describe('reviews seed data', () => {
  it('has 1,000 reviews with unique ids, at most one per user and product', () => {
    const reviews = seedReviews();
    expect(reviews).toHaveLength(1000);
    expect(new Set(reviews.map((r) => r._id.toHexString())).size).toBe(1000);
    expect(new Set(reviews.map((r) => `${r.productId}/${r.authorId}`)).size).toBe(1000);
  });

  it("refers only to accounts' and catalog's seeded ids, and every seeded user writes some", () => {
    const users = new Set(SEED_USERS.map((u) => u.id));
    const products = new Set(
      Array.from({ length: SEED_PRODUCT_COUNT }, (_, i) => seedProductId(i)),
    );
    const reviews = seedReviews();
    expect(reviews.every((r) => users.has(r.authorId) && products.has(r.productId))).toBe(true);
    expect(new Set(reviews.map((r) => r.authorId))).toEqual(users);
  });

  it('leaves some products without reviews and gives others different counts', () => {
    const counts = new Map<string, number>();
    for (const r of seedReviews()) counts.set(r.productId, (counts.get(r.productId) ?? 0) + 1);
    expect(counts.size).toBeLessThan(SEED_PRODUCT_COUNT);
    expect(counts.has('prod_0025')).toBe(false);
    expect(new Set(counts.values()).size).toBeGreaterThan(3);
  });

  it('has whole ratings from 1 to 5, all of them used, and non-empty bodies', () => {
    const reviews = seedReviews();
    for (const r of reviews) {
      expect(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5).toBe(true);
      expect(r.body.length).toBeGreaterThan(0);
      expect(r.body.length).toBeLessThanOrEqual(2000);
    }
    expect(new Set(reviews.map((r) => r.rating))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('is deterministic, ids included, so reseeding writes identical documents', () => {
    expect(seedReviews()).toEqual(seedReviews());
    expect(seedReviews()[0]?._id.toHexString()).toBe(seedReviews()[0]?._id.toHexString());
  });
});

import { describe, expect, it } from 'vitest';
import { seedCategories, seedProducts } from '../src/seed-data.js';

describe('catalog seed data', () => {
  it('has 200 products with unique stable ids and names in 10 categories', () => {
    const products = seedProducts();
    expect(products).toHaveLength(200);
    expect(new Set(products.map((p) => p._id)).size).toBe(200);
    expect(new Set(products.map((p) => p.name)).size).toBe(200);
    expect(products[0]?._id).toBe('prod_0001');
    expect(products[199]?._id).toBe('prod_0200');
    const categories = seedCategories();
    expect(categories).toHaveLength(10);
    const categoryIds = new Set(categories.map((c) => c._id));
    for (const id of categoryIds) {
      expect(products.filter((p) => p.categoryId === id)).toHaveLength(20);
    }
    expect(products.every((p) => categoryIds.has(p.categoryId))).toBe(true);
  });

  it('is deterministic, so reseeding rewrites identical documents', () => {
    expect(seedProducts()).toEqual(seedProducts());
  });

  it('prices in positive integer minor units with an ISO currency, weights in whole grams', () => {
    for (const product of seedProducts()) {
      expect(Number.isInteger(product.price.amount)).toBe(true);
      expect(product.price.amount).toBeGreaterThan(0);
      expect(product.price.currency).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(product.weight)).toBe(true);
      expect(product.weight).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { SEED_PRODUCT_COUNT, seedProductId } from '@tessera/catalog/seed';
import { seedStock } from '../src/seed-data.js';

describe('inventory seed data', () => {
  it("has one stock document per catalog seed product, in catalog's id format", () => {
    const stock = seedStock();
    expect(stock).toHaveLength(SEED_PRODUCT_COUNT);
    expect(stock.map((s) => s._id)).toEqual(
      Array.from({ length: SEED_PRODUCT_COUNT }, (_, i) => seedProductId(i)),
    );
    expect(stock[0]?._id).toBe('prod_0001');
    expect(stock.at(-1)?._id).toBe('prod_0200');
  });

  it('has whole, non-negative quantities, some sold out, nothing reserved or committed', () => {
    const stock = seedStock();
    for (const s of stock) {
      expect(Number.isInteger(s.available)).toBe(true);
      expect(s.available).toBeGreaterThanOrEqual(0);
      expect(s).toMatchObject({ reserved: 0, committed: 0 });
    }
    const soldOut = stock.filter((s) => s.available === 0).length;
    expect(soldOut).toBeGreaterThan(0);
    expect(soldOut).toBeLessThan(stock.length / 5);
  });

  it('is deterministic, so reseeding writes identical documents', () => {
    expect(seedStock()).toEqual(seedStock());
  });
});

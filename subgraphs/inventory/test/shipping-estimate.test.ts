import { describe, expect, it } from 'vitest';
import { SHIPPING_TARIFF, shippingEstimate } from '../src/shipping-estimate.js';

describe('shippingEstimate', () => {
  it.each([
    [1, 499],
    [500, 499],
    [501, 649],
    [1200, 799],
    [16_000, 499 + 31 * 150],
  ])('prices %i g at %i cents', (grams, cents) => {
    expect(shippingEstimate(grams)).toEqual({ amount: cents, currency: SHIPPING_TARIFF.currency });
  });

  it.each([0, -5, Number.NaN])('prices a nonsensical weight (%s) as one step', (grams) => {
    expect(shippingEstimate(grams).amount).toBe(SHIPPING_TARIFF.baseCents);
  });

  it('always returns whole minor units', () => {
    for (const grams of [1, 333, 999, 4321]) {
      expect(Number.isInteger(shippingEstimate(grams).amount)).toBe(true);
    }
  });
});

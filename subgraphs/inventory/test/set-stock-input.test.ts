import { describe, expect, it } from 'vitest';
import { MAX_STOCK_QUANTITY, parseSetStockInput } from '../src/set-stock-input.js';

function fieldOf(args: unknown): unknown {
  try {
    parseSetStockInput(args);
  } catch (error) {
    return (error as { code?: string; field?: string }).code === 'BAD_USER_INPUT'
      ? (error as { field?: string }).field
      : error;
  }
  return 'accepted';
}

describe('setStock input', () => {
  it('accepts zero and positive quantities and trims the product id', () => {
    expect(parseSetStockInput({ productId: ' prod_0001 ', quantity: 0 })).toEqual({
      productId: 'prod_0001',
      quantity: 0,
    });
    expect(parseSetStockInput({ productId: 'p', quantity: MAX_STOCK_QUANTITY }).quantity).toBe(
      MAX_STOCK_QUANTITY,
    );
  });

  it.each([
    ['a negative quantity', { productId: 'p', quantity: -1 }, 'quantity'],
    ['a fractional quantity', { productId: 'p', quantity: 1.5 }, 'quantity'],
    ['a huge quantity', { productId: 'p', quantity: MAX_STOCK_QUANTITY + 1 }, 'quantity'],
    ['an empty product id', { productId: '  ', quantity: 1 }, 'productId'],
    ['an overlong product id', { productId: 'x'.repeat(65), quantity: 1 }, 'productId'],
  ])('rejects %s with BAD_USER_INPUT naming the field', (_label, args, field) => {
    expect(fieldOf(args)).toBe(field);
  });
});

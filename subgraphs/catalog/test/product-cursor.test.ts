import { encodeCursor } from '@tessera/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { decodeProductCursor, encodeProductCursor } from '../src/product-cursor.js';
import { seedProducts } from '../src/seed-data.js';

describe('products cursor', () => {
  it('round-trips the product id it points after', () => {
    const product = seedProducts()[41];
    if (!product) throw new Error('no seed product');
    expect(decodeProductCursor(encodeProductCursor(product))).toBe('prod_0042');
  });

  it('is opaque: it does not show the id in clear', () => {
    const product = seedProducts()[0];
    if (!product) throw new Error('no seed product');
    expect(encodeProductCursor(product)).not.toContain('prod_0001');
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty', ''],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a cursor of another shape', encodeCursor({ name: 'x' })],
    ['a cursor whose id is not a string', encodeCursor({ id: 42 })],
    ['an operator injection', Buffer.from('{"id":{"$gt":""}}').toString('base64url')],
  ])('rejects %s with BAD_USER_INPUT naming after', (_label, cursor) => {
    expect(() => decodeProductCursor(cursor)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        extensions: expect.objectContaining({ field: 'after' }),
      }),
    );
  });
});

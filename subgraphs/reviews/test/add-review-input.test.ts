import { describe, expect, it } from 'vitest';
import { parseAddReviewInput } from '../src/add-review-input.js';

describe('addReview input', () => {
  it('trims the body and product id', () => {
    expect(parseAddReviewInput({ productId: ' prod_0001 ', rating: 5, body: ' Great ' })).toEqual({
      productId: 'prod_0001',
      rating: 5,
      body: 'Great',
    });
  });

  it.each([
    [{ rating: 0 }, 'rating'],
    [{ rating: 2.5 }, 'rating'],
    [{ body: '\n\t ' }, 'body'],
    [{ body: 'é'.repeat(2001) }, 'body'],
    [{ productId: 'p'.repeat(65) }, 'productId'],
  ])('rejects %o with BAD_USER_INPUT naming %s', (override, field) => {
    expect(() =>
      parseAddReviewInput({ productId: 'prod_0001', rating: 3, body: 'Fine', ...override }),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});

import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@tessera/subgraph-kit';
import { decodeReviewCursor, reviewCursorKey } from '../src/review-cursor.js';
import type { ReviewDocument } from '../src/repositories/reviews.js';

const review: ReviewDocument = {
  _id: ObjectId.createFromHexString('65a1b2c3d4e5f60718293a4b'),
  productId: 'prod_0001',
  authorId: 'usr_0001',
  rating: 4,
  body: 'Good.',
  createdAt: new Date('2026-02-03T04:05:06.789Z'),
};

describe('reviews cursor', () => {
  it('round-trips the creation time and id it points after, with their BSON types', () => {
    const position = decodeReviewCursor(encodeCursor(reviewCursorKey(review)));
    expect(position.createdAt).toEqual(review.createdAt);
    expect(position.id.equals(review._id)).toBe(true);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['a cursor without an id', encodeCursor({ createdAt: new Date() })],
    ['an id that is a string', encodeCursor({ createdAt: new Date(), id: 'abc' })],
    ['a createdAt that is a string', encodeCursor({ createdAt: '2026', id: new ObjectId() })],
    ['an operator injection', Buffer.from('{"id":{"$gt":""}}').toString('base64url')],
  ])('rejects %s with BAD_USER_INPUT naming after', (_label, cursor) => {
    expect(() => decodeReviewCursor(cursor)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        extensions: expect.objectContaining({ field: 'after' }),
      }),
    );
  });
});

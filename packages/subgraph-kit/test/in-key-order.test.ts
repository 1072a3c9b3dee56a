import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { groupInKeyOrder, inKeyOrder } from '../src/index.js';

describe('inKeyOrder', () => {
  it('returns one result per key, in key order, with null for a missing key', () => {
    const docs = [{ _id: 'b' }, { _id: 'a' }];
    expect(inKeyOrder(['a', 'x', 'b', 'a'], docs, (d) => d._id)).toEqual([
      { _id: 'a' },
      null,
      { _id: 'b' },
      { _id: 'a' },
    ]);
  });

  it('matches ObjectIds with their hex strings', () => {
    const id = new ObjectId();
    const doc = { _id: id };
    expect(inKeyOrder([id.toHexString()], [doc], (d) => d._id)).toEqual([doc]);
  });
});

describe('groupInKeyOrder', () => {
  it('groups documents per key, keeping their order, with [] for a key without any', () => {
    const reviews = [
      { productId: 'p2', n: 1 },
      { productId: 'p1', n: 2 },
      { productId: 'p2', n: 3 },
    ];
    expect(groupInKeyOrder(['p1', 'p3', 'p2'], reviews, (r) => r.productId)).toEqual([
      [{ productId: 'p1', n: 2 }],
      [],
      [
        { productId: 'p2', n: 1 },
        { productId: 'p2', n: 3 },
      ],
    ]);
  });
});

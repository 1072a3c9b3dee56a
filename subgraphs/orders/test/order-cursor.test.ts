import { encodeCursor } from '@tessera/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { decodeOrderCursor, orderCursorKey } from '../src/order-cursor.js';
import { seedOrders } from '../src/seed-data.js';

function seedOrder(index: number) {
  const order = seedOrders()[index];
  if (!order) throw new Error(`no seed order ${index}`);
  return order;
}

describe('orders cursor', () => {
  it('round-trips the creation time and id it points after, the time as a Date', () => {
    const order = seedOrder(3);
    const position = decodeOrderCursor(encodeCursor(orderCursorKey(order)));
    expect(position).toEqual({ createdAt: order.createdAt, id: 'ord_0004' });
    expect(position.createdAt).toBeInstanceOf(Date);
  });

  it('is opaque: it does not show the id in clear', () => {
    expect(encodeCursor(orderCursorKey(seedOrder(0)))).not.toContain('ord_0001');
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty', ''],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a products cursor', encodeCursor({ id: 'prod_0001' })],
    ['a cursor whose time is a string', encodeCursor({ createdAt: '2026-02-01', id: 'ord_0001' })],
    ['a cursor whose id is not a string', encodeCursor({ createdAt: new Date(0), id: 1 })],
    [
      'an invalid date',
      Buffer.from('{"createdAt":{"$date":"nope"},"id":"x"}').toString('base64url'),
    ],
    [
      'an operator injection',
      Buffer.from('{"createdAt":{"$gt":0},"id":"x"}').toString('base64url'),
    ],
  ])('rejects %s with BAD_USER_INPUT naming after', (_label, cursor) => {
    expect(() => decodeOrderCursor(cursor)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        extensions: expect.objectContaining({ field: 'after' }),
      }),
    );
  });
});

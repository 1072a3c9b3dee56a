import { decodeCursor } from '@tessera/subgraph-kit';
import { BadUserInputError } from '@tessera/errors';
import type { OrderDocument, OrderPosition } from './repositories/orders.js';

/** The sort key of every orders connection (newest first), as cursor content. */
export function orderCursorKey(order: OrderDocument): Record<string, unknown> {
  return { createdAt: order.createdAt, id: order._id };
}

/**
 * The position an orders cursor points after.
 * @throws BadUserInputError naming `field` for anything an orders connection did not hand out
 */
export function decodeOrderCursor(cursor: string, field = 'after'): OrderPosition {
  const { createdAt, id } = decodeCursor(cursor, field);
  if (
    !(createdAt instanceof Date) ||
    Number.isNaN(createdAt.getTime()) ||
    typeof id !== 'string' ||
    id.length === 0
  ) {
    throw new BadUserInputError(
      `"${field}" is not a valid cursor. Use a cursor returned by this connection.`,
      field,
    );
  }
  return { createdAt, id };
}

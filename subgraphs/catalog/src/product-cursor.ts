import { decodeCursor, encodeCursor } from '@tessera/subgraph-kit';
import { BadUserInputError } from '@tessera/errors';
import type { ProductDocument } from './repositories/products.js';

/** The sort key of the products connection, as cursor content. */
export function productCursorKey(product: ProductDocument): Record<string, unknown> {
  return { id: product._id };
}

export function encodeProductCursor(product: ProductDocument): string {
  return encodeCursor(productCursorKey(product));
}

/**
 * The product id a products cursor points after.
 * @throws BadUserInputError naming `field` for anything this connection did not hand out
 */
export function decodeProductCursor(cursor: string, field = 'after'): string {
  const { id } = decodeCursor(cursor, field);
  if (typeof id !== 'string' || id.length === 0) {
    throw new BadUserInputError(
      `"${field}" is not a valid cursor. Use a cursor returned by this connection.`,
      field,
    );
  }
  return id;
}

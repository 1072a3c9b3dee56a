import { ObjectId } from 'mongodb';
import { decodeCursor } from '@tessera/subgraph-kit';
import { BadUserInputError } from '@tessera/errors';
import type { ReviewDocument, ReviewPosition } from './repositories/reviews.js';

/** The sort key of the review connections (`createdAt` desc, `_id` desc), as cursor content. */
export function reviewCursorKey(review: ReviewDocument): Record<string, unknown> {
  return { createdAt: review.createdAt, id: review._id };
}

/**
 * The position a reviews cursor points after.
 * @throws BadUserInputError naming `field` for anything these connections did not hand out
 */
export function decodeReviewCursor(cursor: string, field = 'after'): ReviewPosition {
  const { createdAt, id } = decodeCursor(cursor, field);
  // The kit's cursors keep BSON types, so a genuine cursor decodes to a Date and an ObjectId.
  if (
    !(createdAt instanceof Date) ||
    Number.isNaN(createdAt.getTime()) ||
    !(id instanceof ObjectId)
  ) {
    throw new BadUserInputError(
      `"${field}" is not a valid cursor. Use a cursor returned by this connection.`,
      field,
    );
  }
  return { createdAt, id };
}

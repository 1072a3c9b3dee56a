import { toConnection, validateFirst, type Connection } from '@tessera/subgraph-kit';
import { decodeReviewCursor, reviewCursorKey } from './review-cursor.js';
import type { ReviewPagesLoader } from './review-pages-loader.js';
import type { ReviewDocument } from './repositories/reviews.js';

/** The arguments of `Product.reviews` and `User.reviews`. */
export interface ReviewConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** The schema's default page size of the review connections. */
export const DEFAULT_REVIEWS_PAGE_SIZE = 10;

/**
 * One owner's page of reviews as a Relay connection. The arguments are checked here, per field,
 * so a bad `first` or `after` fails that field with BAD_USER_INPUT; the load itself batches with
 * every other owner asking for the same page.
 */
export async function reviewConnection(
  loader: ReviewPagesLoader,
  ownerId: string,
  args: ReviewConnectionArgs,
): Promise<Connection<ReviewDocument>> {
  const first = validateFirst(args.first, { default: DEFAULT_REVIEWS_PAGE_SIZE });
  const afterCursor = args.after;
  const docs = await loader.load({
    ownerId,
    limit: first + 1,
    ...(afterCursor == null ? {} : { after: decodeReviewCursor(afterCursor), afterCursor }),
  });
  return toConnection(docs, first, reviewCursorKey, { hasPreviousPage: afterCursor != null });
}

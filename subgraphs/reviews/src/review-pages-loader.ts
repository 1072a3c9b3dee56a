import DataLoader from 'dataloader';
import { inKeyOrder } from '@tessera/subgraph-kit';
import type {
  ReviewDocument,
  ReviewOwnerField,
  ReviewPosition,
  ReviewsRepository,
} from './repositories/reviews.js';

/** One owner's page request: the same arguments on many owners batch into one query. */
export interface ReviewPageKey {
  /** The product (or author) id. */
  readonly ownerId: string;
  /** Reviews to fetch: `first + 1`, so the extra one proves a next page. */
  readonly limit: number;
  /** The decoded `after` cursor, if any. */
  readonly after?: ReviewPosition;
  /** The `after` cursor as received: equal cursors share a batch (decoded values do not compare). */
  readonly afterCursor?: string;
}

/** Pages of reviews by owner, each newest first: `[]` for an owner with none. */
export type ReviewPagesLoader = DataLoader<ReviewPageKey, ReviewDocument[], string>;

function argumentsKey(key: ReviewPageKey): string {
  return `${key.limit}\u0000${key.afterCursor ?? ''}`;
}

/**
 * A loader of review pages by product or by author. A query-plan fetch of many products asks
 * every product for the same page (`first`, `after`), so a batch is one aggregation; keys with
 * other arguments (rare: aliases with another `first`) get one aggregation per distinct pair.
 */
export function createReviewPagesLoader(
  repository: ReviewsRepository,
  by: ReviewOwnerField,
): ReviewPagesLoader {
  return new DataLoader(
    async (keys) => {
      const batches = new Map<string, ReviewPageKey[]>();
      for (const key of keys) {
        const batch = batches.get(argumentsKey(key));
        if (batch) batch.push(key);
        else batches.set(argumentsKey(key), [key]);
      }
      const pages = new Map<string, ReviewDocument[]>();
      await Promise.all(
        [...batches.values()].map(async (batch) => {
          const [sample] = batch as [ReviewPageKey];
          const ownerIds = [...new Set(batch.map((key) => key.ownerId))];
          const found = await repository.findPages({
            by,
            ownerIds,
            limit: sample.limit,
            ...(sample.after ? { after: sample.after } : {}),
          });
          const byOwner = inKeyOrder(ownerIds, found, (page) => page._id);
          ownerIds.forEach((ownerId, i) =>
            pages.set(cacheKey({ ...sample, ownerId }), byOwner[i]?.reviews ?? []),
          );
        }),
      );
      return keys.map((key) => pages.get(cacheKey(key)) ?? []);
    },
    { cacheKeyFn: cacheKey },
  );
}

function cacheKey(key: ReviewPageKey): string {
  return `${argumentsKey(key)}\u0000${key.ownerId}`;
}

import DataLoader from 'dataloader';
import type { Db, ObjectId } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import { createReviewPagesLoader, type ReviewPagesLoader } from './review-pages-loader.js';
import {
  createReviewsRepository,
  type ReviewAuthorship,
  type ReviewDocument,
} from './repositories/reviews.js';

/** The DataLoader set of one request: never shared between callers. */
export interface ReviewsLoaders {
  /** Reviews by id, one query per batch; `null` for an unknown id. */
  readonly reviewById: DataLoader<ObjectId, ReviewDocument | null, string>;
  /** Reviews by (product, author), one query per batch; `null` where that author has not reviewed that product. */
  readonly reviewByAuthorship: DataLoader<ReviewAuthorship, ReviewDocument | null, string>;
  /** `Product.reviews` pages: one aggregation per batch. */
  readonly reviewsByProduct: ReviewPagesLoader;
  /** `User.reviews` pages: one aggregation per batch. */
  readonly reviewsByAuthor: ReviewPagesLoader;
  /** The mean rating by product id, one aggregation per batch; `null` for a product without reviews. */
  readonly averageRatingByProduct: DataLoader<string, number | null>;
}

export function createLoaders({ db }: { readonly db: Db }): ReviewsLoaders {
  const reviews = createReviewsRepository(db);
  return {
    reviewById: new DataLoader(
      async (ids) => inKeyOrder(ids, await reviews.findByIds(ids), (review) => review._id),
      { cacheKeyFn: (id) => id.toHexString() },
    ),
    reviewByAuthorship: new DataLoader(
      async (authorships) =>
        inKeyOrder(
          authorships.map(authorshipKey),
          await reviews.findByAuthorships(authorships),
          authorshipKey,
        ),
      { cacheKeyFn: authorshipKey },
    ),
    reviewsByProduct: createReviewPagesLoader(reviews, 'productId'),
    reviewsByAuthor: createReviewPagesLoader(reviews, 'authorId'),
    averageRatingByProduct: new DataLoader(async (productIds) =>
      inKeyOrder(productIds, await reviews.averageRatings(productIds), (row) => row._id).map(
        (row) => row?.average ?? null,
      ),
    ),
  };
}

/** A pair as one string: JSON, so no id can run into the other. */
function authorshipKey({ productId, authorId }: ReviewAuthorship): string {
  return JSON.stringify([productId, authorId]);
}

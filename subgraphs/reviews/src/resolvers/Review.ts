import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ReviewsContext } from '../context.js';
import { parseReviewId } from '../review-id.js';
import type { ReviewDocument } from '../repositories/reviews.js';

export const Review = {
  // Entity references batch through the request's loader; an id that is not one of ours
  // resolves to null.
  __resolveReference: (reference: { id: string }, context: ReviewsContext) => {
    const id = parseReviewId(reference.id);
    return id ? context.loaders.reviewById.load(id) : null;
  },
  id: (review: ReviewDocument) => review._id.toHexString(),
  // References: the gateway batches them to accounts and catalog, which own the rest.
  author: (review: ReviewDocument) => ({ __typename: 'User', id: review.authorId }),
  product: (review: ReviewDocument) => ({ __typename: 'Product', id: review.productId }),
  createdAt: (review: ReviewDocument) => review.createdAt.toISOString(),
} satisfies GraphQLResolverMap<ReviewsContext>[string];

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ReviewsContext } from '../context.js';
import { parseReviewId } from '../review-id.js';
import type { ReviewDocument } from '../repositories/reviews.js';

/** A representation of either key: `id`, or `product { id } author { id }`. */
export type ReviewReference =
  | { readonly id: string }
  | { readonly product: { readonly id: string }; readonly author: { readonly id: string } };

export const Review = {
  // Entity references batch through the request's loaders, one per key; an id that is not one
  // of ours, or a pair with no review, resolves to null.
  __resolveReference: (reference: ReviewReference, context: ReviewsContext) => {
    if ('id' in reference) {
      const id = parseReviewId(reference.id);
      return id ? context.loaders.reviewById.load(id) : null;
    }
    return context.loaders.reviewByAuthorship.load({
      productId: reference.product.id,
      authorId: reference.author.id,
    });
  },
  id: (review: ReviewDocument) => review._id.toHexString(),
  // References: the gateway batches them to accounts and catalog, which own the rest.
  author: (review: ReviewDocument) => ({ __typename: 'User', id: review.authorId }),
  product: (review: ReviewDocument) => ({ __typename: 'Product', id: review.productId }),
  createdAt: (review: ReviewDocument) => review.createdAt.toISOString(),
} satisfies GraphQLResolverMap<ReviewsContext>[string];

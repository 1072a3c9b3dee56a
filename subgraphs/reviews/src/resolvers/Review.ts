import type { ReviewResolvers } from '../generated/resolvers-types.js';
import { parseReviewId } from '../review-id.js';

export const Review: ReviewResolvers = {
  // Entity references batch through the request's loaders, one per key (`id`, or
  // `product { id } author { id }`); an id that is not one of ours, or a pair with no review,
  // resolves to null.
  __resolveReference: (reference, context) => {
    if ('id' in reference) {
      const id = parseReviewId(reference.id);
      return id ? context.loaders.reviewById.load(id) : null;
    }
    // codegen types this key's fields nullable, as `Review.product` and `author` are, but a
    // representation of the key carries both (ours never resolve to null): the `!` holds.
    return context.loaders.reviewByAuthorship.load({
      productId: reference.product!.id,
      authorId: reference.author!.id,
    });
  },
  id: (review) => review._id.toHexString(),
  // References: the gateway batches them to accounts and catalog, which own the rest.
  author: (review) => ({ __typename: 'User', id: review.authorId }),
  product: (review) => ({ __typename: 'Product', id: review.productId }),
  createdAt: (review) => review.createdAt.toISOString(),
};

import { MongoServerError, ObjectId } from 'mongodb';
import { BadUserInputError, UnauthenticatedError } from '@tessera/errors';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { parseAddReviewInput } from '../add-review-input.js';
import { createReviewsRepository, type ReviewDocument } from '../repositories/reviews.js';

export const Mutation: MutationResolvers = {
  // The product id is not checked against catalog: a subgraph does not call another one. A
  // review of an unknown product is stored, and its `product` resolves to null at the gateway.
  addReview: async (_parent, args, context) => {
    if (!context.principal) throw new UnauthenticatedError('Log in to review a product.');
    const input = parseAddReviewInput(args);
    const review: ReviewDocument = {
      _id: new ObjectId(),
      productId: input.productId,
      authorId: context.principal.userId,
      rating: input.rating,
      body: input.body,
      createdAt: new Date(),
    };
    try {
      await createReviewsRepository(context.db).insert(review);
    } catch (error) {
      // The unique (productId, authorId) index, not a read-then-write, decides: two concurrent
      // submissions cannot both get in.
      if (error instanceof MongoServerError && error.code === 11000) {
        throw new BadUserInputError('You have already reviewed this product.', 'productId');
      }
      throw error;
    }
    context.loaders.reviewById.prime(review._id, review);
    return review;
  },
};

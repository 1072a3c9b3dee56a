import type { UserResolvers } from '../generated/resolvers-types.js';
import { reviewConnection } from '../review-connection.js';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // Reviews are public, like on any shop: anyone may list what a user wrote.
  reviews: (user, args, context) =>
    reviewConnection(context.loaders.reviewsByAuthor, user.id, args),
};

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ReviewsContext } from '../context.js';
import { reviewConnection, type ReviewConnectionArgs } from '../review-connection.js';

/** A user as this subgraph knows it: only the id accounts gave it. */
export interface UserReference {
  readonly id: string;
}

export const User = {
  __resolveReference: (reference: UserReference): UserReference => ({ id: reference.id }),
  // Reviews are public, like on any shop: anyone may list what a user wrote.
  reviews: (user: UserReference, args: ReviewConnectionArgs, context: ReviewsContext) =>
    reviewConnection(context.loaders.reviewsByAuthor, user.id, args),
} satisfies GraphQLResolverMap<ReviewsContext>[string];

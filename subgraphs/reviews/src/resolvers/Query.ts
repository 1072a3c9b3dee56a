import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { NotFoundError } from '@tessera/errors';
import type { ReviewsContext } from '../context.js';
import { parseReviewId } from '../review-id.js';

export const Query = {
  review: async (_parent: unknown, args: { readonly id: string }, context: ReviewsContext) => {
    const id = parseReviewId(args.id);
    const review = id ? await context.loaders.reviewById.load(id) : null;
    if (!review) throw new NotFoundError('No review exists with this id.');
    return review;
  },
} satisfies GraphQLResolverMap<ReviewsContext>[string];

import { NotFoundError } from '@tessera/errors';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { parseReviewId } from '../review-id.js';

export const Query: QueryResolvers = {
  review: async (_parent, args, context) => {
    const id = parseReviewId(args.id);
    const review = id ? await context.loaders.reviewById.load(id) : null;
    if (!review) throw new NotFoundError('No review exists with this id.');
    return review;
  },
};

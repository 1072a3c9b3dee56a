import { Roles } from '@tessera/auth';
import type { ListingResolvers } from '../generated/resolvers-types.js';

export const Listing: ListingResolvers = {
  // Accounts stores nothing per listing: the reference itself is the object.
  __resolveReference: (reference) => reference,
  // Roles come from the user store through the request's loader, so a page of 50 listings costs
  // one users query, and a role revoked after the token was issued counts at once.
  viewerCanEdit: async (_listing, _args, context) => {
    if (!context.principal) return false;
    const user = await context.loaders.userById.load(context.principal.userId);
    return user?.roles.includes(Roles.admin) ?? false;
  },
};

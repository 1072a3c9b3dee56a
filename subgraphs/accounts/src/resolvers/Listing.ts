import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { Roles } from '@tessera/auth';
import type { AccountsContext } from '../context.js';

/** A catalog listing as accounts sees it: an id only (an `@interfaceObject`). */
export interface ListingReference {
  readonly id: string;
}

export const Listing = {
  // Accounts stores nothing per listing: the reference itself is the object.
  __resolveReference: (reference: ListingReference) => reference,
  // Roles come from the user store through the request's loader, so a page of 50 listings costs
  // one users query, and a role revoked after the token was issued counts at once.
  viewerCanEdit: async (_listing: ListingReference, _args: unknown, context: AccountsContext) => {
    if (!context.principal) return false;
    const user = await context.loaders.userById.load(context.principal.userId);
    return user?.roles.includes(Roles.admin) ?? false;
  },
} satisfies GraphQLResolverMap<AccountsContext>[string];

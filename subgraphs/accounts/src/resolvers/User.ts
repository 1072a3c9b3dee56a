import type { UserResolvers } from '../generated/resolvers-types.js';

export const User: UserResolvers = {
  // Entity references from other subgraphs batch through the request's loader: one query for
  // all the users of a query-plan fetch.
  __resolveReference: (reference, context) => context.loaders.userById.load(reference.id),
  id: (user) => user._id,
  roles: (user) => [...user.roles],
};

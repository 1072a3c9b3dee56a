import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { AccountsContext } from '../context.js';
import type { UserRecord } from '../repositories/users.js';

export const User = {
  // Entity references from other subgraphs batch through the request's loader: one query for
  // all the users of a query-plan fetch.
  __resolveReference: (reference: { id: string }, context: AccountsContext) =>
    context.loaders.userById.load(reference.id),
  id: (user: UserRecord) => user._id,
  roles: (user: UserRecord) => user.roles,
} satisfies GraphQLResolverMap<AccountsContext>[string];

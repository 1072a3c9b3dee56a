import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { AccountsContext } from '../context.js';

export const Query = {
  // A token whose user has since been deleted reads as anonymous rather than failing.
  me: (_parent: unknown, _args: unknown, context: AccountsContext) =>
    context.principal ? context.loaders.userById.load(context.principal.userId) : null,
} satisfies GraphQLResolverMap<AccountsContext>[string];

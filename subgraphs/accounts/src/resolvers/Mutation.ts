import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { AccountsContext } from '../context.js';

export const Mutation = {
  login: (_parent: unknown, args: unknown, context: AccountsContext) =>
    context.loaders.services.login(args),
} satisfies GraphQLResolverMap<AccountsContext>[string];

import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  login: (_parent, args, context) => context.loaders.services.login(args),
};

import { hasRole, Roles } from '@tessera/auth';
import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { createStockRepository } from '../repositories/stock.js';
import { parseSetStockInput } from '../set-stock-input.js';

export const Mutation: MutationResolvers = {
  // Enforced here until the security work moves admin checks into schema directives.
  setStock: async (_parent, args, context) => {
    if (!context.principal) throw new UnauthenticatedError();
    if (!hasRole(context.principal, Roles.admin)) {
      throw new ForbiddenError('Only an admin can set stock.');
    }
    const { productId, quantity } = parseSetStockInput(args);
    const stock = await createStockRepository(context.db).setAvailable(
      productId,
      quantity,
      new Date(),
    );
    // The returned product's stock fields read what was just written, not an earlier load.
    context.loaders.stockByProductId.clear(productId).prime(productId, stock);
    return { id: productId };
  },
};

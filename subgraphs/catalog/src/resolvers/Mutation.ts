import { randomBytes } from 'node:crypto';
import { requireRole, Roles } from '@tessera/auth';
import { BadUserInputError, NotFoundError } from '@tessera/errors';
import { parseInput } from '@tessera/subgraph-kit';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import type { CatalogContext } from '../context.js';
import { createProductInput, updateProductInput } from '../product-input.js';
import { createProductsRepository, type ProductChanges } from '../repositories/products.js';

// Anonymous callers get UNAUTHENTICATED, signed-in non-admins FORBIDDEN with this message.
// (The security issue replaces this check with directive-based enforcement.)
const ADMIN_ONLY = 'Only an admin may change the catalog.';

// `x` sorts after the digits of the seeded `prod_0001`…, and the time prefix keeps new products
// in creation order at the end of the stable `_id` sort.
function newProductId(now: Date): string {
  return `prod_x${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
}

async function assertCategoryExists(
  context: CatalogContext,
  categoryId: string,
  field: string,
): Promise<void> {
  if (!(await context.loaders.categoryById.load(categoryId))) {
    throw new BadUserInputError(`${field}: no category exists with this id.`, field);
  }
}

export const Mutation: MutationResolvers = {
  createProduct: async (_parent, args, context) => {
    requireRole(context.principal, Roles.admin, ADMIN_ONLY);
    const input = parseInput(createProductInput, args.input);
    await assertCategoryExists(context, input.categoryId, 'input.categoryId');
    const now = new Date();
    const product = { _id: newProductId(now), ...input, createdAt: now, updatedAt: now };
    await createProductsRepository(context.db).insert(product);
    return product;
  },

  updateProduct: async (_parent, args, context) => {
    requireRole(context.principal, Roles.admin, ADMIN_ONLY);
    const input = parseInput(updateProductInput, args.input);
    if (input.categoryId != null) {
      await assertCategoryExists(context, input.categoryId, 'input.categoryId');
    }
    // Null and omitted both mean "leave it as it is".
    const changes: ProductChanges = {
      ...(input.name == null ? {} : { name: input.name }),
      ...(input.description == null ? {} : { description: input.description }),
      ...(input.price == null ? {} : { price: input.price }),
      ...(input.categoryId == null ? {} : { categoryId: input.categoryId }),
      ...(input.weight == null ? {} : { weight: input.weight }),
    };
    const product = await createProductsRepository(context.db).update(args.id, changes, new Date());
    if (!product) throw new NotFoundError('No product exists with this id.');
    return product;
  },
};

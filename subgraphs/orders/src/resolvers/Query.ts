import { toConnection, validateFirst } from '@tessera/subgraph-kit';
import { NotFoundError } from '@tessera/errors';
import { requireRole, requireUser, Roles } from '@tessera/auth';
import { assertCanReadOrder } from '../access.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { decodeOrderCursor, orderCursorKey } from '../order-cursor.js';
import type { OrdersContext } from '../context.js';
import { createOrdersRepository, type OrderPageQuery } from '../repositories/orders.js';

export const Query: QueryResolvers = {
  order: async (_parent, args, context) => {
    const caller = requireUser(context.principal);
    const order = await context.loaders.orderById.load(args.id);
    if (!order) throw new NotFoundError('No order exists with this id.');
    assertCanReadOrder(caller, order);
    return order;
  },

  orders: (_parent, args, context) =>
    adminPage(context, args, 'Only an admin may list all orders.', {
      ...(args.status == null ? {} : { status: args.status }),
    }),

  sagas: (_parent, args, context) =>
    adminPage(context, args, 'Only an admin may list sagas.', { sagaState: args.state }),
};

/** One page of every customer's orders, newest first, for admins: `orders` and `sagas`. */
async function adminPage(
  context: OrdersContext,
  args: { readonly first?: number | null; readonly after?: string | null },
  forbidden: string,
  filter: Pick<OrderPageQuery, 'status' | 'sagaState'>,
) {
  requireRole(context.principal, Roles.admin, forbidden);
  const first = validateFirst(args.first);
  const after = args.after == null ? undefined : decodeOrderCursor(args.after);
  const docs = await createOrdersRepository(context.db).findPage({
    limit: first + 1,
    ...filter,
    ...(after === undefined ? {} : { after }),
  });
  for (const doc of docs) context.loaders.orderById.prime(doc._id, doc);
  return toConnection(docs, first, orderCursorKey, { hasPreviousPage: after !== undefined });
}

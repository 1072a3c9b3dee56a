import { requireOwnerOrAdmin } from '@tessera/auth';
import { toConnection, validateFirst } from '@tessera/subgraph-kit';
import type { UserResolvers } from '../generated/resolvers-types.js';
import { decodeOrderCursor, orderCursorKey } from '../order-cursor.js';

/** The schema's default for `User.orders(first:)`, applied also when a client sends null. */
const USER_ORDERS_PAGE_SIZE = 10;

export const User: UserResolvers = {
  // orders stores no user data: the reference itself is the whole user as orders knows it.
  __resolveReference: (reference) => reference,
  orders: async (user, args, context) => {
    requireOwnerOrAdmin(
      context.principal,
      user.id,
      "Only the user themself or an admin may read a user's orders.",
    );
    const first = validateFirst(args.first, { default: USER_ORDERS_PAGE_SIZE });
    const after = args.after == null ? undefined : decodeOrderCursor(args.after);
    const docs = await context.loaders.customerOrdersPage.load({
      customerId: user.id,
      limit: first + 1,
      ...(after === undefined ? {} : { after }),
    });
    for (const doc of docs) context.loaders.orderById.prime(doc._id, doc);
    return toConnection(docs, first, orderCursorKey, { hasPreviousPage: after !== undefined });
  },
};

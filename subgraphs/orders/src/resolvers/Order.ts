import { requireUser } from '@tessera/auth';
import { assertCanReadOrder } from '../access.js';
import type { OrderResolvers } from '../generated/resolvers-types.js';

export const Order: OrderResolvers = {
  // References batch through the request's loader (one query per query-plan fetch) and obey the
  // same access rule as `Query.order`: whichever subgraph points at an order, only its customer
  // or an admin reads it. Unknown ids resolve to null.
  __resolveReference: async (reference, context) => {
    const caller = requireUser(context.principal);
    const order = await context.loaders.orderById.load(reference.id);
    if (order) assertCanReadOrder(caller, order);
    return order;
  },
  id: (order) => order._id,
  createdAt: (order) => order.createdAt.toISOString(),
  // A reference: accounts resolves the user's fields, and orders its `orders`.
  customer: (order) => ({ id: order.customerId }),
  cancellationReason: (order) => order.cancellationReason ?? null,
  saga: (order) => order.saga ?? null,
};

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { requireUser } from '@tessera/auth';
import { assertCanReadOrder } from '../access.js';
import type { OrdersContext } from '../context.js';
import type { OrderDocument } from '../repositories/orders.js';

export const Order = {
  // References batch through the request's loader (one query per query-plan fetch) and obey the
  // same access rule as `Query.order`: whichever subgraph points at an order, only its customer
  // or an admin reads it. Unknown ids resolve to null.
  __resolveReference: async (reference: { id: string }, context: OrdersContext) => {
    const caller = requireUser(context.principal);
    const order = await context.loaders.orderById.load(reference.id);
    if (order) assertCanReadOrder(caller, order);
    return order;
  },
  id: (order: OrderDocument) => order._id,
  createdAt: (order: OrderDocument) => order.createdAt.toISOString(),
  // A reference: accounts resolves the user's fields, and orders its `orders`.
  customer: (order: OrderDocument) => ({ id: order.customerId }),
  cancellationReason: (order: OrderDocument) => order.cancellationReason ?? null,
  saga: (order: OrderDocument) => order.saga ?? null,
} satisfies GraphQLResolverMap<OrdersContext>[string];

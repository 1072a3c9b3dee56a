import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { requireUser } from '@tessera/auth';
import { jobContextFromRequest } from '@tessera/events';
import { parseInput } from '@tessera/subgraph-kit';
import type { OrdersContext } from '../context.js';
import { placeOrderArgs } from '../place-order-input.js';
import { cancelOrder } from '../saga/cancel-order.js';
import { placeOrder } from '../saga/place-order.js';

export const Mutation = {
  placeOrder: async (
    _parent: unknown,
    args: { readonly input: unknown },
    context: OrdersContext,
  ) => {
    const caller = requireUser(context.principal);
    const { input } = parseInput(placeOrderArgs, { input: args.input });
    const { services } = context.loaders;
    const order = await placeOrder(
      {
        db: context.db,
        catalog: services.catalog,
        stepTimeoutMs: services.sagaStepTimeoutMs,
        now: services.now,
      },
      caller.userId,
      input,
      jobContextFromRequest(context),
    );
    services.outboxWritten();
    context.loaders.orderById.prime(order._id, order);
    return { order };
  },

  cancelOrder: async (_parent: unknown, args: { readonly id: string }, context: OrdersContext) => {
    const caller = requireUser(context.principal);
    const { services } = context.loaders;
    const order = await cancelOrder(
      { db: context.db, stepTimeoutMs: services.sagaStepTimeoutMs, now: services.now },
      caller,
      args.id,
      jobContextFromRequest(context),
    );
    services.outboxWritten();
    context.loaders.orderById.clear(order._id).prime(order._id, order);
    return { order };
  },
} satisfies GraphQLResolverMap<OrdersContext>[string];

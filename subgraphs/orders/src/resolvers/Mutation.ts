import { requireUser } from '@tessera/auth';
import { jobContextFromRequest } from '@tessera/events';
import { parseInput } from '@tessera/subgraph-kit';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { placeOrderArgs } from '../place-order-input.js';
import { cancelOrder } from '../saga/cancel-order.js';
import { placeOrder } from '../saga/place-order.js';

export const Mutation: MutationResolvers = {
  placeOrder: async (_parent, args, context) => {
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

  cancelOrder: async (_parent, args, context) => {
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
};

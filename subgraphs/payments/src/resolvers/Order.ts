import { UnauthenticatedError } from '@tessera/errors';
import { assertCanReadPayment } from '../access.js';
import type { OrderResolvers } from '../generated/resolvers-types.js';

export const Order: OrderResolvers = {
  // payments stores no order data: the reference is the whole order as payments knows it.
  __resolveReference: (reference) => reference,
  // One payments query for every order of a query-plan fetch.
  payment: async (order, _args, context) => {
    // Checked before loading, so an anonymous caller cannot tell paid orders from unpaid ones.
    if (context.principal === null) throw new UnauthenticatedError();
    const payment = await context.loaders.paymentByOrderId.load(order.id);
    if (payment) assertCanReadPayment(context.principal, payment);
    return payment;
  },
};

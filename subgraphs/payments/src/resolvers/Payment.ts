import { UnauthenticatedError } from '@tessera/errors';
import { assertCanReadPayment } from '../access.js';
import type { PaymentResolvers } from '../generated/resolvers-types.js';

export const Payment: PaymentResolvers = {
  // References batch through the request's loader and obey `Order.payment`'s access rule.
  // Unknown ids resolve to null.
  __resolveReference: async (reference, context) => {
    if (context.principal === null) throw new UnauthenticatedError();
    const payment = await context.loaders.paymentById.load(reference.id);
    if (payment) assertCanReadPayment(context.principal, payment);
    return payment;
  },
  id: (payment) => payment._id,
  createdAt: (payment) => payment.createdAt.toISOString(),
};

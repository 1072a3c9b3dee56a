import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { UnauthenticatedError } from '@tessera/errors';
import { assertCanReadPayment } from '../access.js';
import type { PaymentsContext } from '../context.js';
import type { PaymentDocument } from '../repositories/payments.js';

export const Payment = {
  // References batch through the request's loader and obey `Order.payment`'s access rule.
  // Unknown ids resolve to null.
  __resolveReference: async (reference: { id: string }, context: PaymentsContext) => {
    if (context.principal === null) throw new UnauthenticatedError();
    const payment = await context.loaders.paymentById.load(reference.id);
    if (payment) assertCanReadPayment(context.principal, payment);
    return payment;
  },
  id: (payment: PaymentDocument) => payment._id,
  createdAt: (payment: PaymentDocument) => payment.createdAt.toISOString(),
} satisfies GraphQLResolverMap<PaymentsContext>[string];

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { UnauthenticatedError } from '@tessera/errors';
import { assertCanReadPayment } from '../access.js';
import type { PaymentsContext } from '../context.js';

interface OrderReference {
  readonly id: string;
}

export const Order = {
  // payments stores no order data: the reference is the whole order as payments knows it.
  __resolveReference: (reference: OrderReference) => reference,
  // One payments query for every order of a query-plan fetch.
  payment: async (order: OrderReference, _args: unknown, context: PaymentsContext) => {
    // Checked before loading, so an anonymous caller cannot tell paid orders from unpaid ones.
    if (context.principal === null) throw new UnauthenticatedError();
    const payment = await context.loaders.paymentByOrderId.load(order.id);
    if (payment) assertCanReadPayment(context.principal, payment);
    return payment;
  },
} satisfies GraphQLResolverMap<PaymentsContext>[string];

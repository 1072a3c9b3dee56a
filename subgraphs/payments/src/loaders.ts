import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import { createPaymentsRepository, type PaymentDocument } from './repositories/payments.js';

/** The DataLoader set of one request: never shared between callers. */
export interface PaymentsLoaders {
  /** Payments by id, one query per batch; `null` for an unknown id. */
  readonly paymentById: DataLoader<string, PaymentDocument | null>;
  /** The payment of each order id, one query per batch; `null` for an order without one. */
  readonly paymentByOrderId: DataLoader<string, PaymentDocument | null>;
}

export function createLoaders({ db }: { readonly db: Db }): PaymentsLoaders {
  const payments = createPaymentsRepository(db);
  return {
    paymentById: new DataLoader(async (ids) =>
      inKeyOrder(ids, await payments.findByIds(ids), (payment) => payment._id),
    ),
    paymentByOrderId: new DataLoader(async (orderIds) =>
      inKeyOrder(orderIds, await payments.findByOrderIds(orderIds), (payment) => payment.orderId),
    ),
  };
}

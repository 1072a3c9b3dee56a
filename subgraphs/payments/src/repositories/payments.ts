import { randomBytes } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';

/** An amount in integer minor units and an ISO 4217 currency code. */
export interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

export const PAYMENT_STATUSES = ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'DECLINED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A payment as stored in `tessera_payments.payments`. */
export interface PaymentDocument {
  /** A stable string id, e.g. `pay_0001`. */
  readonly _id: string;
  /** The orders id of the order it pays for; at most one payment per order. */
  readonly orderId: string;
  /**
   * The order's customer, copied from the order when the payment is made. Denormalised so that
   * payments decides who may read a payment from data it owns. The alternatives are worse: an
   * owner taken from the `Order` representation (`@requires`) is whatever the caller of
   * `_entities` sends, which anyone who can reach this subgraph can forge; asking orders on
   * every read would make payments fail whenever orders does. An order never changes customer,
   * so the copy cannot go stale. Empty on a tombstone (no customer can read it).
   */
  readonly customerId: string;
  readonly status: PaymentStatus;
  /** The order total when the payment was made. */
  readonly amount: MoneyValue;
  /** For display, e.g. `card •••• 4242`; never a full card number. */
  readonly method: string;
  /** Why the provider refused a `DECLINED` payment, e.g. `card_declined`. */
  readonly declineReason?: string;
  /** The provider's id of the charge, for payments the order saga made (not seeded ones). */
  readonly providerChargeId?: string;
  /**
   * A `VOIDED` payment recorded because the saga's void reached payments before any authorize
   * did (the order was cancelled first). It holds the order's place under the unique `orderId`
   * index so a late authorize is refused; it has no customer, amount or method of its own
   * (see {@link voidedTombstone}) and GraphQL does not show it: the order has no payment.
   */
  readonly tombstone?: true;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const PAYMENTS_COLLECTION = 'payments';

export const paymentCollectionIndexes: IndexDescription[] = [
  // `Order.payment` looks payments up by order. Unique: one payment per order, so a redelivered
  // "authorize" command of the order saga finds the payment it made instead of charging twice.
  { key: { orderId: 1 }, name: 'payments_order_unique', unique: true },
];

export interface PaymentsRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<PaymentDocument[]>;
  /** One query for any number of order ids; the order of the result is unspecified. */
  findByOrderIds(orderIds: readonly string[]): Promise<PaymentDocument[]>;
}

export function paymentsCollection(db: Db): Collection<PaymentDocument> {
  return db.collection<PaymentDocument>(PAYMENTS_COLLECTION);
}

/** A new payment id, `pay_` and 24 hex digits. */
export function newPaymentId(): string {
  return `pay_${randomBytes(12).toString('hex')}`;
}

/** The {@link PaymentDocument.tombstone} of an order voided before it was ever authorized. */
export function voidedTombstone(orderId: string, now = new Date()): PaymentDocument {
  return {
    _id: newPaymentId(),
    orderId,
    customerId: '',
    status: 'VOIDED',
    amount: { amount: 0, currency: 'USD' },
    method: 'none',
    tombstone: true,
    createdAt: now,
    updatedAt: now,
  };
}

/** The repository's reads never return tombstones: to GraphQL, those orders have no payment. */
export function createPaymentsRepository(db: Db): PaymentsRepository {
  const payments = paymentsCollection(db);
  const visible = { tombstone: { $ne: true as const } };
  return {
    findByIds: (ids) => payments.find({ _id: { $in: [...ids] }, ...visible }).toArray(),
    findByOrderIds: (orderIds) =>
      payments.find({ orderId: { $in: [...orderIds] }, ...visible }).toArray(),
  };
}

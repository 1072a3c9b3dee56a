import type { PaymentDocument, PaymentStatus } from './repositories/payments.js';

/** Every seeded amount is in catalog's seed currency. */
export const SEED_CURRENCY = 'USD';

type PaymentSpec = readonly [
  orderId: string,
  customerId: string,
  /** The order total, in cents. */
  amount: number,
  status: PaymentStatus,
  method: string,
  createdAt: string,
];

/**
 * The payments of orders' seeded orders (`@tessera/orders/seed`), mirrored rather than imported
 * because payments is deployed without orders' code; a unit test holds them consistent with it.
 * Confirmed orders were captured; cancelled ones were declined by the provider or voided when
 * the customer cancelled; the demo user's pending order is authorized, waiting to be captured.
 * `ord_0012` has no payment: its saga has not reached the payment step.
 */
const PAYMENT_SPECS: readonly PaymentSpec[] = [
  ['ord_0001', 'usr_0001', 9395, 'CAPTURED', 'card •••• 4242', '2026-02-01T09:00:30Z'],
  ['ord_0002', 'usr_0001', 29399, 'CAPTURED', 'card •••• 4242', '2026-02-04T09:01:30Z'],
  ['ord_0003', 'usr_0001', 46499, 'DECLINED', 'card •••• 0002', '2026-02-08T09:02:30Z'],
  ['ord_0004', 'usr_0001', 54797, 'CAPTURED', 'card •••• 4242', '2026-02-13T09:03:30Z'],
  ['ord_0005', 'usr_0001', 10396, 'VOIDED', 'card •••• 4242', '2026-02-19T09:04:30Z'],
  ['ord_0006', 'usr_0001', 17897, 'CAPTURED', 'card •••• 4444', '2026-02-26T09:05:30Z'],
  ['ord_0007', 'usr_0001', 9899, 'AUTHORIZED', 'card •••• 4242', '2026-03-03T09:06:30Z'],
  ['ord_0008', 'usr_0002', 13799, 'CAPTURED', 'card •••• 0005', '2026-02-06T09:07:30Z'],
  ['ord_0009', 'usr_0003', 9397, 'CAPTURED', 'card •••• 4444', '2026-02-03T09:08:30Z'],
  ['ord_0010', 'usr_0003', 31599, 'DECLINED', 'card •••• 0002', '2026-02-10T09:09:30Z'],
  ['ord_0011', 'usr_0004', 1398, 'CAPTURED', 'card •••• 4242', '2026-02-15T09:10:30Z'],
];

export const SEED_PAYMENT_COUNT = PAYMENT_SPECS.length;

/** `pay_0001` … `pay_0011`. */
export function seedPaymentId(index: number): string {
  return `pay_${String(index + 1).padStart(4, '0')}`;
}

/** The seeded payments; deterministic, so reseeding rewrites identical documents. */
export function seedPayments(): PaymentDocument[] {
  return PAYMENT_SPECS.map(([orderId, customerId, amount, status, method, time], index) => {
    const createdAt = new Date(time);
    return {
      _id: seedPaymentId(index),
      orderId,
      customerId,
      status,
      amount: { amount, currency: SEED_CURRENCY },
      method,
      ...(status === 'DECLINED' ? { declineReason: 'card_declined' } : {}),
      createdAt,
      updatedAt: createdAt,
    };
  });
}

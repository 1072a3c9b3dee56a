import { seedOrders } from '@tessera/orders/seed';
import { describe, expect, it } from 'vitest';
import { seedPayments } from '../src/seed-data.js';

describe('payments seed data', () => {
  const payments = seedPayments();
  const orders = new Map(seedOrders().map((o) => [o._id, o]));

  it('has unique stable ids and at most one payment per order', () => {
    expect(new Set(payments.map((p) => p._id)).size).toBe(payments.length);
    expect(new Set(payments.map((p) => p.orderId)).size).toBe(payments.length);
    expect(payments[0]?._id).toBe('pay_0001');
  });

  it("pays for orders' seeded orders: same customer, the order total, made after the order", () => {
    for (const payment of payments) {
      const order = orders.get(payment.orderId);
      expect(order, payment.orderId).toBeDefined();
      expect(payment.customerId).toBe(order?.customerId);
      expect(payment.amount).toEqual(order?.total);
      expect(payment.createdAt.getTime()).toBeGreaterThan(order?.createdAt.getTime() ?? Infinity);
    }
  });

  it("agrees with each order's status: captured only when confirmed, nothing taken when cancelled", () => {
    const expected = {
      CONFIRMED: ['CAPTURED'],
      PENDING: ['AUTHORIZED'],
      CANCELLED: ['DECLINED', 'VOIDED'],
    } as const;
    for (const payment of payments) {
      const order = orders.get(payment.orderId);
      if (!order) throw new Error(`no order ${payment.orderId}`);
      expect(expected[order.status], payment._id).toContain(payment.status);
      if (payment.status === 'DECLINED') expect(order.cancellationReason).toBe('PAYMENT_DECLINED');
    }
    const confirmed = [...orders.values()].filter((o) => o.status === 'CONFIRMED');
    expect(confirmed.every((o) => payments.some((p) => p.orderId === o._id))).toBe(true);
  });

  it('shows only the last four digits of a card', () => {
    for (const payment of payments) expect(payment.method).toMatch(/^card •••• \d{4}$/);
  });
});

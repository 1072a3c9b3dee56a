import { SEED_USERS } from '@tessera/accounts/seed';
import {
  SEED_CURRENCY as CATALOG_CURRENCY,
  SEED_PRODUCT_COUNT,
  seedProductId,
} from '@tessera/catalog/seed';
// catalog's `./seed` export has the ids but not the products' names and prices.
import { seedProducts } from '../../catalog/src/seed-data.js';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../src/repositories/orders.js';
import { SEED_CURRENCY, SEED_DEMO_USER_ID, seedOrders } from '../src/seed-data.js';

describe('orders seed data', () => {
  const orders = seedOrders();

  it('has unique stable ids, and orders in every status for the demo user', () => {
    expect(new Set(orders.map((o) => o._id)).size).toBe(orders.length);
    expect(orders[0]?._id).toBe('ord_0001');
    const demoStatuses = new Set(
      orders.filter((o) => o.customerId === SEED_DEMO_USER_ID).map((o) => o.status),
    );
    expect([...demoStatuses].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(new Set(orders.map((o) => o.customerId)).size).toBeGreaterThan(2);
  });

  it("belongs to accounts' seeded users", () => {
    const userIds = new Set(SEED_USERS.map((u) => u.id));
    expect(orders.every((o) => userIds.has(o.customerId))).toBe(true);
  });

  it("buys catalog's seeded products at their seeded name and price", () => {
    const catalog = new Map(seedProducts().map((p) => [p._id, p]));
    const seededIds = new Set(
      Array.from({ length: SEED_PRODUCT_COUNT }, (_, i) => seedProductId(i)),
    );
    expect(SEED_CURRENCY).toBe(CATALOG_CURRENCY);
    for (const line of orders.flatMap((o) => o.lines)) {
      expect(seededIds.has(line.productId)).toBe(true);
      const product = catalog.get(line.productId);
      expect({ name: line.productName, price: line.unitPrice }).toEqual({
        name: product?.name,
        price: product?.price,
      });
    }
  });

  it('totals each order as the sum of its lines, in positive integer cents', () => {
    for (const order of orders) {
      const sum = order.lines.reduce((s, l) => s + l.unitPrice.amount * l.quantity, 0);
      expect(order.total).toEqual({ amount: sum, currency: SEED_CURRENCY });
      expect(Number.isInteger(order.total.amount)).toBe(true);
      expect(order.lines.every((l) => Number.isInteger(l.quantity) && l.quantity >= 1)).toBe(true);
    }
  });

  it('gives a reason to every cancelled order and to no other', () => {
    for (const order of orders) {
      expect(order.cancellationReason !== undefined).toBe(order.status === 'CANCELLED');
    }
  });

  it('is deterministic, so reseeding rewrites identical documents', () => {
    expect(seedOrders()).toEqual(orders);
  });
});

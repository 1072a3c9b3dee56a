import { expect } from 'vitest';
import type { OrderDocument } from '../src/repositories/orders.js';
import type { SagaStack } from './saga-stack.js';

/**
 * The order saga's invariants over `orders` (every order placed in a stack): each saga is
 * settled, stock is conserved, captures belong to confirmed orders, a cancelled order holds
 * nothing, and the provider holds at most one charge per order.
 */
export async function assertSagaInvariants(
  stack: SagaStack,
  orders: readonly OrderDocument[],
  initialStock: ReadonlyMap<string, number>,
): Promise<void> {
  // Every saga is terminal (the tests wait for each within its timeout before asserting).
  for (const order of orders) {
    expect.soft(order.saga?.state, `saga of ${order._id}`).toMatch(/^(COMPLETED|CANCELLED)$/);
  }
  // available + reserved + committed = the initial stock, for every product the tests stocked.
  for (const [productId, initial] of initialStock) {
    const counts = await stack.stockOf(productId);
    expect(counts.available, `${productId} available`).toBeGreaterThanOrEqual(0);
    expect(counts.available + counts.reserved + counts.committed, `${productId} total`).toBe(
      initial,
    );
    expect(counts.reserved, `${productId} reserved once settled`).toBe(0);
  }
  const payments = await stack.paymentsDb
    .collection<{ orderId: string; status: string }>('payments')
    .find({})
    .toArray();
  const reservations = await stack.inventoryDb
    .collection<{ _id: string; status: string }>('reservations')
    .find({})
    .toArray();
  const charges = await stack.paymentsDb
    .collection<{ _id: string; status: string; charges: number }>('provider_charges')
    .find({})
    .toArray();
  const byId = new Map(orders.map((o) => [o._id, o]));
  for (const payment of payments.filter((p) => p.status === 'CAPTURED')) {
    // Every captured payment belongs to a confirmed order.
    expect(byId.get(payment.orderId)?.status, `order of captured ${payment.orderId}`).toBe(
      'CONFIRMED',
    );
  }
  for (const charge of charges) {
    // Payments asks the provider with the order id as the idempotency key, and the provider
    // holds at most one charge per key: so at most one charge (hence one capture) per order.
    expect(byId.has(charge._id), `provider key ${charge._id} is an order of this stack`).toBe(true);
    expect(charge.charges, `charges of ${charge._id}`).toBeLessThanOrEqual(1);
  }
  for (const order of orders.filter((o) => o.status === 'CANCELLED')) {
    // A cancelled order holds no reservation and no capture.
    const reservation = reservations.find((r) => r._id === order._id);
    expect(reservation?.status ?? 'none', `reservation of ${order._id}`).toMatch(
      /^(none|RELEASED|FAILED)$/,
    );
    const payment = payments.find((p) => p.orderId === order._id);
    expect(payment?.status ?? 'none', `payment of ${order._id}`).toMatch(
      /^(none|VOIDED|DECLINED)$/,
    );
    const charge = charges.find((c) => c._id === order._id);
    expect(charge?.status ?? 'none', `provider charge of ${order._id}`).toMatch(
      /^(none|VOIDED|DECLINED)$/,
    );
  }
  for (const order of orders.filter((o) => o.status === 'CONFIRMED')) {
    expect(reservations.find((r) => r._id === order._id)?.status).toBe('COMMITTED');
    expect(payments.find((p) => p.orderId === order._id)?.status).toBe('CAPTURED');
  }
}

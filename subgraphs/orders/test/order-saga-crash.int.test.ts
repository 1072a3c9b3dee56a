import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@tessera/testing';
import { eventually, ORDER_FIELDS, startSagaStack, type SagaStack } from './saga-stack.js';

// The fake provider takes 2.5 s per authorization here: long enough to kill the payments worker
// or cancel the order while a payment is in flight, well within the 30 s step timeout.
let stack: SagaStack;
const initialStock = new Map<string, number>();

beforeAll(async () => {
  stack = await startSagaStack({ paymentsEnv: { PAYMENTS_PROVIDER_LATENCY_MS: '2500' } });
}, 120_000);
afterAll(async () => {
  await stack[Symbol.asyncDispose]();
});
afterEach(async () => {
  await stack.assertInvariants(initialStock);
});

async function placeOne(productId: string): Promise<string> {
  await stack.setStock(productId, 3);
  initialStock.set(productId, 3);
  const response = await stack.placeOrder({
    lines: [{ productId, quantity: 1 }],
    paymentToken: 'tok_ok',
    idempotencyKey: randomUUID(),
  });
  const id = (response.body.data?.['placeOrder'] as { order: { id: string } } | undefined)?.order
    .id;
  if (!id) throw new Error(`placeOrder failed: ${JSON.stringify(response.body.errors)}`);
  return id;
}

/** Resolves once the provider has been asked to authorize the order: the payment is in flight. */
async function paymentInFlight(orderId: string): Promise<void> {
  await eventually(
    async () =>
      (await stack.paymentsDb
        .collection<{ _id: string; calls: number }>('provider_charges')
        .findOne({ _id: orderId, calls: { $gte: 1 } })) ?? undefined,
    `the provider call of ${orderId}`,
  );
}

describe('the order saga under crashes', () => {
  it('when the payments worker is SIGKILLed mid-authorization, the saga completes after its restart, charging once', async () => {
    const orderId = await placeOne('prod_0121');
    await paymentInFlight(orderId);
    const worker = stack.worker('payments');
    worker.killNow();
    expect((await worker.exited).signal).toBe('SIGKILL');

    await stack.restartWorker('payments');
    const order = await stack.waitForSettled(orderId, 45_000);
    expect(order.status).toBe('CONFIRMED');
    expect(order.saga.state).toBe('COMPLETED');
    const ledger = await stack.paymentsDb
      .collection<{ _id: string; charges: number; status: string }>('provider_charges')
      .findOne({ _id: orderId });
    expect(ledger).toMatchObject({ charges: 1, status: 'CAPTURED' });
    expect(await stack.stockOf('prod_0121')).toEqual({ available: 2, reserved: 0, committed: 1 });
  }, 90_000);

  it('when the customer cancels while the payment is in flight, voids it and then releases the stock', async () => {
    const orderId = await placeOne('prod_0122');
    await paymentInFlight(orderId);
    const cancelled = await graphqlRequest<{
      cancelOrder: { order: { status: string; cancellationReason: string | null } };
    }>(
      stack.ordersUrl,
      `mutation ($id: ID!) { cancelOrder(id: $id) { order { ${ORDER_FIELDS} } } }`,
      { id: orderId },
      stack.tokens.demo,
    );
    expect(cancelled.body.errors).toBeUndefined();
    expect(cancelled.body.data?.cancelOrder.order.cancellationReason).toBe('CANCELLED_BY_CUSTOMER');

    const order = await stack.waitForSettled(orderId);
    expect(order.status).toBe('CANCELLED');
    const names = order.saga.steps.map((s) => [s.name, s.status]);
    expect(names).toEqual([
      ['reserveStock', 'SUCCEEDED'],
      ['authorizePayment', 'FAILED'],
      ['commitStock', 'SKIPPED'],
      ['capturePayment', 'SKIPPED'],
      ['voidPayment', 'SUCCEEDED'],
      ['releaseStock', 'SUCCEEDED'],
    ]);
    expect(await stack.stockOf('prod_0122')).toEqual({ available: 3, reserved: 0, committed: 0 });
    // The authorization still in flight at the provider must not end up holding money.
    await eventually(async () => {
      const ledger = await stack.paymentsDb
        .collection<{ _id: string; status: string }>('provider_charges')
        .findOne({ _id: orderId });
      return ledger?.status === 'VOIDED' ? true : undefined;
    }, 'the provider charge to be voided');
  }, 60_000);
});

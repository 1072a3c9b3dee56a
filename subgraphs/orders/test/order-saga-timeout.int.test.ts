import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@tessera/testing';
import {
  eventually,
  ORDER_FIELDS,
  startSagaStack,
  type SagaStack,
  type SettledOrder,
} from './saga-stack.js';

// Authorizations take 6 s and a step may take 2.5 s: every payment step outlives its timeout,
// while reserving stock (tens of milliseconds) stays well within it even on a loaded machine.
let stack: SagaStack;
const initialStock = new Map<string, number>();

beforeAll(async () => {
  stack = await startSagaStack({
    stepTimeoutMs: 2_500,
    paymentsEnv: { PAYMENTS_PROVIDER_LATENCY_MS: '6000' },
  });
}, 120_000);
afterAll(async () => {
  await stack[Symbol.asyncDispose]();
});
afterEach(async () => {
  await stack.assertInvariants(initialStock);
});

describe('the order saga with a slow payment provider', () => {
  it('when authorizing outlives the step timeout, compensates in reverse order and cancels the order', async () => {
    await stack.setStock('prod_0131', 4);
    initialStock.set('prod_0131', 4);
    const response = await stack.placeOrder({
      lines: [{ productId: 'prod_0131', quantity: 2 }],
      paymentToken: 'tok_ok',
      idempotencyKey: randomUUID(),
    });
    const id = (response.body.data?.['placeOrder'] as { order: { id: string } }).order.id;

    const order = await stack.waitForSettled(id);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancellationReason).toBe('STEP_TIMEOUT');
    expect(order.saga.steps.find((s) => s.name === 'authorizePayment')).toMatchObject({
      status: 'FAILED',
      lastError: 'timed out after 2500 ms',
    });
    expect(order.saga.steps.slice(-2).map((s) => [s.name, s.status])).toEqual([
      ['voidPayment', 'SUCCEEDED'],
      ['releaseStock', 'SUCCEEDED'],
    ]);
    expect(await stack.stockOf('prod_0131')).toEqual({ available: 4, reserved: 0, committed: 0 });
  }, 60_000);

  it('when inventory is down while the stock is released, asks again until it answers', async () => {
    await stack.setStock('prod_0132', 4);
    initialStock.set('prod_0132', 4);
    const response = await stack.placeOrder({
      lines: [{ productId: 'prod_0132', quantity: 1 }],
      paymentToken: 'tok_ok',
      idempotencyKey: randomUUID(),
    });
    const id = (response.body.data?.['placeOrder'] as { order: { id: string } }).order.id;
    const stateOf = async () => {
      const reply = await graphqlRequest<{ order: SettledOrder }>(
        stack.ordersUrl,
        `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
        { id },
        stack.tokens.admin,
      );
      return reply.body.data?.order;
    };
    await eventually(
      async () => ((await stateOf())?.saga.state === 'AUTHORIZING_PAYMENT' ? true : undefined),
      'the stock to be reserved',
    );
    const inventory = stack.worker('inventory');
    await inventory.stop();

    // The authorization times out, the payment is voided, and the release gets no answer.
    const stuck = await eventually(async () => {
      const order = await stateOf();
      const release = order?.saga.steps.find((s) => s.name === 'releaseStock');
      return release?.lastError?.includes('asked again') ? order : undefined;
    }, 'the release to be asked again');
    expect(stuck.saga.state).toBe('COMPENSATING');

    await stack.restartWorker('inventory');
    const order = await stack.waitForSettled(id);
    expect(order.status).toBe('CANCELLED');
    expect(await stack.stockOf('prod_0132')).toEqual({ available: 4, reserved: 0, committed: 0 });
  }, 90_000);
});

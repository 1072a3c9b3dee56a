import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQueue, OUTBOX_COLLECTION, SagaQueues, type OutboxRecord } from '@tessera/events';
import { graphqlRequest } from '@tessera/testing';
import { ordersCollection } from '../src/repositories/orders.js';
import {
  eventually,
  ORDER_FIELDS,
  startSagaStack,
  type SagaStack,
  type SettledOrder,
} from './saga-stack.js';

let stack: SagaStack;
/** Every product a test stocks, with the stock it started with. */
const initialStock = new Map<string, number>();

beforeAll(async () => {
  stack = await startSagaStack();
}, 120_000);
afterAll(async () => {
  await stack[Symbol.asyncDispose]();
});
afterEach(async () => {
  await stack.assertInvariants(initialStock);
});

async function stockProduct(productId: string, available: number): Promise<void> {
  await stack.setStock(productId, available);
  initialStock.set(productId, available);
}

interface PlacedOrder {
  readonly id: string;
  readonly status: string;
}

async function place(
  lines: { productId: string; quantity: number }[],
  paymentToken = 'tok_ok',
  idempotencyKey = randomUUID(),
): Promise<PlacedOrder> {
  const response = await stack.placeOrder({ lines, paymentToken, idempotencyKey });
  expect(response.body.errors).toBeUndefined();
  const order = (response.body.data?.['placeOrder'] as { order: PlacedOrder }).order;
  return order;
}

async function paymentOf(orderId: string) {
  return stack.paymentsDb
    .collection<{ orderId: string; status: string }>('payments')
    .findOne({ orderId });
}

async function chargesOf(orderId: string): Promise<number> {
  return (await ledgerOf(orderId))?.charges ?? 0;
}

/** The fake provider's entry for an order: `calls` authorizations asked, `charges` money held. */
async function ledgerOf(orderId: string) {
  return stack.paymentsDb
    .collection<{ _id: string; charges: number; calls: number }>('provider_charges')
    .findOne({ _id: orderId });
}

describe('the order saga', () => {
  it('confirms an order: the stock is committed and the payment captured', async () => {
    await stockProduct('prod_0101', 5);
    const placed = await place([{ productId: 'prod_0101', quantity: 2 }]);
    expect(placed.status).toBe('PENDING');

    const order = await stack.waitForSettled(placed.id);
    expect(order.status).toBe('CONFIRMED');
    expect(order.saga.state).toBe('COMPLETED');
    expect(order.saga.steps.map((s) => [s.name, s.status])).toEqual([
      ['reserveStock', 'SUCCEEDED'],
      ['authorizePayment', 'SUCCEEDED'],
      ['commitStock', 'SUCCEEDED'],
      ['capturePayment', 'SUCCEEDED'],
    ]);
    expect(await stack.stockOf('prod_0101')).toEqual({ available: 3, reserved: 0, committed: 2 });
    expect((await paymentOf(placed.id))?.status).toBe('CAPTURED');
    expect(await chargesOf(placed.id)).toBe(1);
  });

  it('when the payment is declined, cancels the order and restores the stock, with no capture', async () => {
    await stockProduct('prod_0102', 4);
    const placed = await place([{ productId: 'prod_0102', quantity: 3 }], 'tok_decline');

    const order = await stack.waitForSettled(placed.id);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancellationReason).toBe('PAYMENT_DECLINED');
    const authorize = order.saga.steps.find((s) => s.name === 'authorizePayment');
    expect(authorize).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(order.saga.steps.find((s) => s.name === 'releaseStock')?.status).toBe('SUCCEEDED');
    expect(await stack.stockOf('prod_0102')).toEqual({ available: 4, reserved: 0, committed: 0 });
    expect((await paymentOf(placed.id))?.status).toBe('DECLINED');
  });

  it('when the provider fails twice, confirms after the retries and shows the attempts', async () => {
    await stockProduct('prod_0103', 2);
    const placed = await place([{ productId: 'prod_0103', quantity: 1 }], 'tok_flaky');

    const order = await stack.waitForSettled(placed.id);
    expect(order.status).toBe('CONFIRMED');
    const authorize = order.saga.steps.find((s) => s.name === 'authorizePayment');
    expect(authorize?.status).toBe('SUCCEEDED');
    expect(authorize?.attempts).toBe(3);
    expect(authorize?.lastError).toContain('unavailable');
    expect(await ledgerOf(placed.id)).toMatchObject({ calls: 3, charges: 1 });

    // The customer sees that it was retried, not another service's error text.
    const mine = await graphqlRequest<{ order: SettledOrder }>(
      stack.ordersUrl,
      `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
      { id: placed.id },
      stack.tokens.demo,
    );
    const step = mine.body.data?.order.saga.steps.find((s) => s.name === 'authorizePayment');
    expect(step?.lastError).toBe('retried after a temporary failure');
  });

  it('when the provider times out after charging, the retry finds the charge: exactly one', async () => {
    await stockProduct('prod_0104', 2);
    const placed = await place([{ productId: 'prod_0104', quantity: 1 }], 'tok_timeout');

    const order = await stack.waitForSettled(placed.id);
    expect(order.status).toBe('CONFIRMED');
    expect(order.saga.steps.find((s) => s.name === 'authorizePayment')?.attempts).toBe(2);
    // Asked twice, charged once: the retry found the charge the timed-out call recorded.
    expect(await ledgerOf(placed.id)).toMatchObject({ calls: 2, charges: 1 });
    expect((await paymentOf(placed.id))?.status).toBe('CAPTURED');
  });

  it('when a line cannot be reserved, cancels the order and holds nothing of the other lines', async () => {
    await stockProduct('prod_0105', 5);
    await stockProduct('prod_0106', 1);
    const placed = await place([
      { productId: 'prod_0105', quantity: 2 },
      { productId: 'prod_0106', quantity: 2 },
    ]);

    const order = await stack.waitForSettled(placed.id);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancellationReason).toBe('OUT_OF_STOCK');
    expect(order.saga.steps.find((s) => s.name === 'authorizePayment')?.status).toBe('SKIPPED');
    expect(await stack.stockOf('prod_0105')).toEqual({ available: 5, reserved: 0, committed: 0 });
    expect(await paymentOf(placed.id)).toBeNull();
  });

  it('returns the same order for the same idempotency key, also for concurrent requests', async () => {
    await stockProduct('prod_0107', 10);
    const key = randomUUID();
    const lines = [{ productId: 'prod_0107', quantity: 1 }];
    const first = await place(lines, 'tok_ok', key);
    const again = await place(lines, 'tok_ok', key);
    expect(again.id).toBe(first.id);

    const racingKey = randomUUID();
    const racing = await Promise.all(
      Array.from({ length: 8 }, () => place(lines, 'tok_ok', racingKey)),
    );
    expect(new Set(racing.map((o) => o.id)).size).toBe(1);
    const stored = await ordersCollection(stack.ordersDb).countDocuments({
      idempotencyKey: { $in: [key, racingKey] },
    });
    expect(stored).toBe(2);
    await stack.waitForSettled(first.id);
    await stack.waitForSettled(racing[0]?.id ?? '');
    expect(await stack.stockOf('prod_0107')).toEqual({ available: 8, reserved: 0, committed: 2 });
  });

  it.each([
    ['under the same message ids (a redelivery)', 'prod_0108', (id: string) => id],
    [
      'under new message ids (a producer that replayed its change)',
      'prod_0112',
      (id: string) => `${id}/replayed`,
    ],
  ])(
    'delivering every message of a settled saga again %s changes nothing',
    async (_how, productId, idFor) => {
      await stockProduct(productId, 3);
      const placed = await place([{ productId, quantity: 1 }]);
      await stack.waitForSettled(placed.id);
      const before = {
        stock: await stack.stockOf(productId),
        order: await ordersCollection(stack.ordersDb).findOne({ _id: placed.id }),
        payment: await paymentOf(placed.id),
        ledger: await ledgerOf(placed.id),
      };

      // Every command and reply of the saga, from the three outboxes (its timers apart).
      const records: OutboxRecord[] = [];
      for (const db of [stack.ordersDb, stack.inventoryDb, stack.paymentsDb]) {
        records.push(
          ...(await db
            .collection<OutboxRecord>(OUTBOX_COLLECTION)
            .find({ 'envelope.aggregateId': placed.id, deliverAt: null })
            .toArray()),
        );
      }
      expect(records.length).toBeGreaterThanOrEqual(8);
      const queues = Object.fromEntries(
        Object.values(SagaQueues).map((name) => [
          name,
          createQueue(name, { connection: stack.redisUrl, environment: stack.environment }),
        ]),
      );
      try {
        const jobs = await Promise.all(
          records.map((r) => {
            const envelope = { ...r.envelope, id: idFor(r.envelope.id) };
            return queues[r.queue]!.add(envelope.type, envelope, { jobId: `${r._id}/again` });
          }),
        );
        await eventually(async () => {
          const states = await Promise.all(jobs.map((job) => job.getState()));
          return states.every((s) => s === 'completed') ? true : undefined;
        }, 'the repeated messages to be processed');
      } finally {
        await Promise.all(Object.values(queues).map((q) => q.close()));
      }

      expect(await stack.stockOf(productId)).toEqual(before.stock);
      expect(await ordersCollection(stack.ordersDb).findOne({ _id: placed.id })).toEqual(
        before.order,
      );
      expect(await paymentOf(placed.id)).toEqual(before.payment);
      expect(await ledgerOf(placed.id)).toEqual(before.ledger);
    },
  );

  it('100 concurrent orders for 10 units: exactly 10 confirmed, the rest cancelled, never below zero', async () => {
    await stockProduct('prod_0109', 10);
    let lowest = Infinity;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        lowest = Math.min(lowest, (await stack.stockOf('prod_0109')).available);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const placed = await Promise.all(
      Array.from({ length: 100 }, () => place([{ productId: 'prod_0109', quantity: 1 }])),
    );
    const settled = await Promise.all(placed.map((o) => stack.waitForSettled(o.id, 60_000)));
    sampling = false;
    await sampler;

    const confirmed = settled.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(10);
    expect(settled.filter((o) => o.status === 'CANCELLED')).toHaveLength(90);
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await stack.stockOf('prod_0109')).toEqual({ available: 0, reserved: 0, committed: 10 });
  }, 120_000);
});

describe('placeOrder input', () => {
  const valid = () => ({
    lines: [{ productId: 'prod_0110', quantity: 1 }],
    paymentToken: 'tok_ok',
    idempotencyKey: randomUUID(),
  });
  const cases: [string, Record<string, unknown>, string][] = [
    ['no lines', { ...valid(), lines: [] }, 'input.lines'],
    [
      'a quantity below 1',
      { ...valid(), lines: [{ productId: 'prod_0110', quantity: 0 }] },
      'input.lines.0.quantity',
    ],
    [
      'a quantity above 100',
      { ...valid(), lines: [{ productId: 'prod_0110', quantity: 101 }] },
      'input.lines.0.quantity',
    ],
    [
      'an unknown product',
      { ...valid(), lines: [{ productId: 'prod_9999', quantity: 1 }] },
      'input.lines.0.productId',
    ],
    [
      'a duplicate product',
      {
        ...valid(),
        lines: [
          { productId: 'prod_0110', quantity: 1 },
          { productId: 'prod_0110', quantity: 2 },
        ],
      },
      'input.lines.1.productId',
    ],
    ['an unknown payment token', { ...valid(), paymentToken: 'tok_nope' }, 'input.paymentToken'],
  ];

  it.each(cases)(
    'rejects %s with BAD_USER_INPUT naming the field, writing nothing',
    async (_name, input, field) => {
      const orders = await ordersCollection(stack.ordersDb).countDocuments();
      const outbox = await stack.ordersDb.collection(OUTBOX_COLLECTION).countDocuments();
      const response = await stack.placeOrder(input);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
      expect(response.body.errors?.[0]?.message).toContain(field);
      expect(await ordersCollection(stack.ordersDb).countDocuments()).toBe(orders);
      expect(await stack.ordersDb.collection(OUTBOX_COLLECTION).countDocuments()).toBe(outbox);
    },
  );

  it('rejects an idempotency key reused with a different order', async () => {
    await stockProduct('prod_0110', 5);
    const first = await place([{ productId: 'prod_0110', quantity: 1 }]);
    const stored = await ordersCollection(stack.ordersDb).findOne({ _id: first.id });
    const response = await stack.placeOrder({
      lines: [{ productId: 'prod_0110', quantity: 2 }],
      paymentToken: 'tok_ok',
      idempotencyKey: stored?.idempotencyKey,
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
    await stack.waitForSettled(first.id);
  });

  it('asks an anonymous caller to log in', async () => {
    const response = await graphqlRequest(
      stack.ordersUrl,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }',
      { input: valid() },
    );
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('cancelOrder and the admin saga list', () => {
  it("refuses another customer's order and an order that is no longer pending", async () => {
    await stockProduct('prod_0111', 3);
    const placed = await place([{ productId: 'prod_0111', quantity: 1 }]);
    const cancel = `mutation ($id: ID!) { cancelOrder(id: $id) { order { ${ORDER_FIELDS} } } }`;
    const foreign = await graphqlRequest(
      stack.ordersUrl,
      cancel,
      { id: placed.id },
      stack.tokens.other,
    );
    expect(foreign.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    await stack.waitForSettled(placed.id);
    const late = await graphqlRequest(
      stack.ordersUrl,
      cancel,
      { id: placed.id },
      stack.tokens.demo,
    );
    expect(late.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(late.body.errors?.[0]?.message).toContain('CONFIRMED');
  });

  it('lists sagas by state for admins only', async () => {
    const query = `query ($state: SagaState!) { sagas(state: $state, first: 100) { edges { node { id saga { state } } } } }`;
    const admin = await graphqlRequest<{
      sagas: { edges: { node: { id: string; saga: { state: string } } }[] };
    }>(stack.ordersUrl, query, { state: 'COMPLETED' }, stack.tokens.admin);
    const nodes = admin.body.data?.sagas.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.saga.state === 'COMPLETED')).toBe(true);
    const customer = await graphqlRequest(
      stack.ordersUrl,
      query,
      { state: 'COMPLETED' },
      stack.tokens.demo,
    );
    expect(customer.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

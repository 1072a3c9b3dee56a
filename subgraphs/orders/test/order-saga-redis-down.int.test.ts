import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_COLLECTION, type OutboxRecord } from '@tessera/events';
import { startTcpProxy, testRedisUrl, type TcpProxy } from '@tessera/testing';
import { ordersCollection } from '../src/repositories/orders.js';
import { eventually, startSagaStack, type SagaStack } from './saga-stack.js';

// Every process of this stack reaches Redis through a proxy the test can take down.
let proxy: TcpProxy;
let stack: SagaStack;

beforeAll(async () => {
  proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port));
  stack = await startSagaStack({ redisUrl: `redis://127.0.0.1:${String(proxy.port)}` });
}, 120_000);
afterAll(async () => {
  await proxy.up().catch(() => undefined);
  await stack[Symbol.asyncDispose]();
  await proxy[Symbol.asyncDispose]();
});

describe('the order saga without Redis', () => {
  it('commits the order and its outbox record while Redis is down, and proceeds once it is back', async () => {
    await stack.setStock('prod_0141', 2);
    await proxy.down();

    const response = await stack.placeOrder({
      lines: [{ productId: 'prod_0141', quantity: 1 }],
      paymentToken: 'tok_ok',
      idempotencyKey: randomUUID(),
    });
    expect(response.body.errors).toBeUndefined();
    const id = (response.body.data?.['placeOrder'] as { order: { id: string; status: string } })
      .order.id;
    expect((await ordersCollection(stack.ordersDb).findOne({ _id: id }))?.status).toBe('PENDING');
    const outbox = stack.ordersDb.collection<OutboxRecord>(OUTBOX_COLLECTION);
    const command = await outbox.findOne({
      'envelope.aggregateId': id,
      'envelope.type': 'stock.reserve-requested',
    });
    expect(command).not.toBeNull();
    // The relay tries, fails and backs off: the command stays unpublished, nothing is lost.
    const failed = await eventually(
      async () =>
        (await outbox.findOne({ _id: command?._id ?? '', attempts: { $gte: 1 } })) ?? undefined,
      'a failed publish attempt',
    );
    expect(failed.publishedAt).toBeNull();
    expect(failed.lastError).toEqual(expect.any(String));

    await proxy.up();
    const order = await stack.waitForSettled(id, 60_000);
    expect(order.status).toBe('CONFIRMED');
    expect(await stack.stockOf('prod_0141')).toEqual({ available: 1, reserved: 0, committed: 1 });
    await stack.assertInvariants(new Map([['prod_0141', 2]]));
  }, 90_000);
});

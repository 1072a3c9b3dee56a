import { Roles } from '@tessera/auth';
import type { MessageEnvelope, PaymentToken } from '@tessera/events';
import { graphqlRequest, TEST_TRACEPARENT, waitFor } from '@tessera/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrderId, paymentCommand, startSagaHarness, type SagaHarness } from './saga-harness.js';

const AMOUNT = { amount: 12_345, currency: 'USD' };
const CUSTOMER = 'usr_0001';

let h: SagaHarness;

beforeAll(async () => {
  h = await startSagaHarness();
});

afterAll(async () => {
  await h?.dispose();
});

function authorize(orderId: string, paymentToken: PaymentToken, seq = 1) {
  return paymentCommand(
    'payment.authorize-requested',
    { orderId, customerId: CUSTOMER, amount: AMOUNT, paymentToken },
    seq,
  );
}
const capture = (orderId: string) => paymentCommand('payment.capture-requested', { orderId }, 2);
const voidIt = (orderId: string) => paymentCommand('payment.void-requested', { orderId }, 3);

/** Sends the command and waits for its job to complete and its reply to be in the outbox. */
async function run(envelope: MessageEnvelope) {
  await h.send(envelope);
  const job = await h.settled(envelope);
  const reply = await h.reply(envelope);
  return { job, reply };
}

describe('payments saga: authorize and capture', () => {
  it('authorizes tok_ok, then captures it: CAPTURED with one charge, replies relayed to the orders queue', async () => {
    const orderId = newOrderId();
    const authorized = await run(authorize(orderId, 'tok_ok'));
    const payment = await h.payment(orderId);
    expect(payment).toMatchObject({
      status: 'AUTHORIZED',
      customerId: CUSTOMER,
      amount: AMOUNT,
      method: 'card •••• 4242',
    });
    expect(payment?._id).toMatch(/^pay_[\da-f]{24}$/);
    expect(authorized.reply.envelope).toMatchObject({
      type: 'payment.authorized',
      aggregateId: orderId,
      payload: { orderId, attempts: 1, lastError: null, paymentId: payment?._id },
      context: { actorId: CUSTOMER, requestId: 'req-saga', traceparent: TEST_TRACEPARENT },
    });
    expect(authorized.reply.queue).toBe('orders');

    const captured = await run(capture(orderId));
    expect(captured.reply.envelope).toMatchObject({
      type: 'payment.captured',
      payload: { orderId, attempts: 1, lastError: null },
    });
    expect(await h.payment(orderId)).toMatchObject({
      status: 'CAPTURED',
      providerChargeId: payment?.providerChargeId,
    });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'CAPTURED', charges: 1 });

    // The relay publishes both replies to queue `orders`, job id = envelope id.
    for (const { reply } of [authorized, captured]) {
      await waitFor(
        async () => (await h.replies.getJob(reply._id)) !== undefined,
        'the reply on the orders queue',
      );
      expect((await h.replies.getJob(reply._id))?.data).toEqual(reply.envelope);
    }
  });

  it('declines tok_decline without retrying: a DECLINED payment and payment.declined after one attempt', async () => {
    const orderId = newOrderId();
    const { job, reply } = await run(authorize(orderId, 'tok_decline'));
    expect(job.attemptsStarted).toBe(1);
    expect(reply.envelope).toMatchObject({
      type: 'payment.declined',
      payload: { orderId, attempts: 1, lastError: null, reason: 'card_declined' },
    });
    expect(await h.payment(orderId)).toMatchObject({
      status: 'DECLINED',
      declineReason: 'card_declined',
      method: 'card •••• 0002',
      amount: AMOUNT,
    });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'DECLINED', charges: 0 });
  });

  it('rides out tok_flaky: authorized on attempt 3 with the last transient error, one charge', async () => {
    const orderId = newOrderId();
    const { job, reply } = await run(authorize(orderId, 'tok_flaky'));
    expect(job.attemptsStarted).toBe(3);
    expect(reply.envelope).toMatchObject({
      type: 'payment.authorized',
      payload: { orderId, attempts: 3 },
    });
    expect(reply.envelope.payload).toHaveProperty(
      'lastError',
      expect.stringContaining('unavailable'),
    );
    expect(await h.payment(orderId)).toMatchObject({
      status: 'AUTHORIZED',
      method: 'card •••• 4444',
    });
    expect(await h.provider.entry(orderId)).toMatchObject({ calls: 3, charges: 1 });
  });

  it('recovers the charge a tok_timeout call made on the retry, instead of charging twice', async () => {
    const orderId = newOrderId();
    const { job, reply } = await run(authorize(orderId, 'tok_timeout'));
    expect(job.attemptsStarted).toBe(2);
    expect(reply.envelope.payload).toMatchObject({
      attempts: 2,
      lastError: expect.stringContaining('timed out'),
    });
    const entry = await h.provider.entry(orderId);
    expect(entry).toMatchObject({ status: 'AUTHORIZED', calls: 2, charges: 1 });
    expect(await h.payment(orderId)).toMatchObject({
      status: 'AUTHORIZED',
      providerChargeId: entry?.chargeId,
    });
  });

  it('answers a new authorize command for an authorized order with the same payment id', async () => {
    const orderId = newOrderId();
    const first = await run(authorize(orderId, 'tok_ok', 1));
    const second = await run(authorize(orderId, 'tok_ok', 5));
    expect(second.reply.envelope.payload).toEqual(first.reply.envelope.payload);
    expect(await h.provider.entry(orderId)).toMatchObject({ calls: 1, charges: 1 });
  });

  it('dead-letters a capture of an order that has no payment (a saga bug)', async () => {
    const command = capture(newOrderId());
    await h.send(command);
    const job = await h.settled(command, 'failed');
    expect(job.attemptsStarted).toBe(1);
    expect(job.failedReason).toMatch(/Cannot capture the payment of order .*: it has none/);
    expect(await h.replyCount(command)).toBe(0);
  });
});

describe('payments saga: duplicate deliveries', () => {
  it('has one effect per command id when authorize, capture and void are each delivered twice', async () => {
    const orderId = newOrderId();
    const cancelledId = newOrderId();
    for (const command of [authorize(orderId, 'tok_ok'), capture(orderId), voidIt(cancelledId)]) {
      await run(command);
      const before = {
        payment: await h.payment(command.payload.orderId),
        entry: await h.provider.entry(command.payload.orderId),
      };
      // The completed job is gone (removeOnComplete), so a re-publication makes a new job.
      await (await h.commands.getJob(command.id))?.remove();
      await h.send(command);
      const again = await h.settled(command);
      expect(again.returnvalue).toEqual({ duplicate: true });
      expect(await h.replyCount(command)).toBe(1);
      expect(await h.payment(command.payload.orderId)).toEqual(before.payment);
      expect(await h.provider.entry(command.payload.orderId)).toEqual(before.entry);
    }
    expect(await h.payment(orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(await h.provider.entry(orderId)).toMatchObject({ charges: 1 });
  });
});

describe('payments saga: void', () => {
  it('voids an authorized payment: VOIDED, and the provider no longer holds the charge', async () => {
    const orderId = newOrderId();
    await run(authorize(orderId, 'tok_ok'));
    const { reply } = await run(voidIt(orderId));
    expect(reply.envelope).toMatchObject({
      type: 'payment.voided',
      payload: { orderId, attempts: 1, lastError: null },
    });
    expect(await h.payment(orderId)).toMatchObject({ status: 'VOIDED', amount: AMOUNT });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'VOIDED', charges: 1 });
  });

  it('when the void overtakes the authorize, declines the late authorize ORDER_CANCELLED and charges nothing', async () => {
    const orderId = newOrderId();
    const voided = await run(voidIt(orderId));
    expect(voided.reply.envelope.type).toBe('payment.voided');
    expect(await h.payment(orderId)).toMatchObject({ status: 'VOIDED', tombstone: true });

    const late = await run(authorize(orderId, 'tok_ok'));
    expect(late.reply.envelope).toMatchObject({
      type: 'payment.declined',
      payload: { orderId, attempts: 1, lastError: null, reason: 'ORDER_CANCELLED' },
    });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'VOIDED', charges: 0 });

    // To GraphQL the cancelled order has no payment: the tombstone is not shown.
    const admin = await h.issuer.sign({ sub: 'usr_0002', roles: [Roles.customer, Roles.admin] });
    const { body } = await graphqlRequest<{ _entities: unknown[] }>(
      h.server.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id payment { id } } } }',
      { r: [{ __typename: 'Order', id: orderId }] },
      admin,
    );
    expect(body).toEqual({ data: { _entities: [{ id: orderId, payment: null }] } });
  });

  it('releases the charge of a timed-out authorize when the void comes before its retry', async () => {
    const orderId = newOrderId();
    const command = authorize(orderId, 'tok_timeout');
    // A long backoff holds the retry back until the void is done.
    await h.send(command, { backoff: { type: 'fixed', delay: 60_000 } });
    await waitFor(
      async () =>
        (await (await h.commands.getJob(command.id))?.getState()) === 'delayed' &&
        (await h.provider.entry(orderId))?.charges === 1,
      'the timed-out first attempt',
    );
    expect(await h.payment(orderId)).toBeNull();

    await run(voidIt(orderId));
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'VOIDED', charges: 1 });

    await (await h.commands.getJob(command.id))?.promote();
    await h.settled(command);
    const { envelope } = await h.reply(command);
    expect(envelope).toMatchObject({
      type: 'payment.declined',
      payload: { orderId, attempts: 2, reason: 'ORDER_CANCELLED' },
    });
    expect(await h.payment(orderId)).toMatchObject({ status: 'VOIDED' });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'VOIDED', charges: 1 });
  });

  it('does not void a captured payment, and still replies payment.voided', async () => {
    const orderId = newOrderId();
    await run(authorize(orderId, 'tok_ok'));
    await run(capture(orderId));
    const { reply } = await run(voidIt(orderId));
    expect(reply.envelope.type).toBe('payment.voided');
    expect(await h.payment(orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(await h.provider.entry(orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('leaves a declined payment alone on void', async () => {
    const orderId = newOrderId();
    await run(authorize(orderId, 'tok_decline'));
    const { reply } = await run(voidIt(orderId));
    expect(reply.envelope.type).toBe('payment.voided');
    expect(await h.payment(orderId)).toMatchObject({ status: 'DECLINED' });
  });
});

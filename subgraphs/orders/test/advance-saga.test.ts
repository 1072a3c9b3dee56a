import { describe, expect, it } from 'vitest';
import { advanceSaga, startSaga } from '../src/saga/advance-saga.js';
import type { SagaClock, SagaInput, SagaOrder, SagaTransition } from '../src/saga/saga-types.js';
import type { SagaStepName } from '../src/saga/saga-document.js';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const clock = (seconds = 0): SagaClock => ({
  now: new Date(T0.getTime() + seconds * 1000),
  stepTimeoutMs: 30_000,
});

const base = {
  _id: 'ord_1',
  customerId: 'usr_0001',
  lines: [
    { productId: 'prod_0001', quantity: 2 },
    { productId: 'prod_0002', quantity: 1 },
  ],
  total: { amount: 9_000, currency: 'USD' },
};

function placed(): SagaOrder {
  const { saga } = startSaga(base, 'tok_ok', clock());
  return { ...base, status: 'PENDING', saga };
}

/** Applies inputs in turn; each must apply. */
function run(order: SagaOrder, ...inputs: SagaInput[]): { order: SagaOrder; last: SagaTransition } {
  let current = order;
  let last: SagaTransition | null = null;
  inputs.forEach((input, index) => {
    last = advanceSaga(current, input, clock(index + 1));
    if (last === null) throw new Error(`${input.type} did not apply in ${current.saga.state}`);
    current = { ...current, status: last.status, saga: last.saga };
  });
  if (last === null) throw new Error('no input');
  return { order: current, last };
}

const ok = { orderId: 'ord_1', attempts: 1, lastError: null };
const stepStatus = (order: SagaOrder, name: SagaStepName) =>
  order.saga.steps.find((s) => s.name === name)?.status;
/** The commands a transition sends to other services (its timers apart). */
const commandTypes = (t: SagaTransition) =>
  t.commands.filter((c) => c.type !== 'saga.step-timed-out').map((c) => c.type);
/** The timer a transition arms, if any. */
const timerOf = (t: SagaTransition) => t.commands.find((c) => c.type === 'saga.step-timed-out');

describe('startSaga', () => {
  it('asks inventory to reserve every line and arms the reservation timeout', () => {
    const { saga, commands } = startSaga(base, 'tok_ok', clock());
    expect(saga.state).toBe('RESERVING_STOCK');
    expect(saga.steps.map((s) => [s.name, s.status])).toEqual([
      ['reserveStock', 'RUNNING'],
      ['authorizePayment', 'PENDING'],
      ['commitStock', 'PENDING'],
      ['capturePayment', 'PENDING'],
    ]);
    expect(commands).toEqual([
      { type: 'stock.reserve-requested', payload: { orderId: 'ord_1', lines: base.lines } },
      {
        type: 'saga.step-timed-out',
        payload: { orderId: 'ord_1', step: 'reserveStock', stepSeq: 1 },
        deliverAt: new Date(T0.getTime() + 30_000),
      },
    ]);
  });
});

describe('advanceSaga', () => {
  it('after the reservation, asks payments to authorize the order total with the token', () => {
    const { order, last } = run(placed(), { type: 'stock.reserved', ...ok });
    expect(order.saga.state).toBe('AUTHORIZING_PAYMENT');
    expect(stepStatus(order, 'reserveStock')).toBe('SUCCEEDED');
    expect(last.commands[0]).toEqual({
      type: 'payment.authorize-requested',
      payload: {
        orderId: 'ord_1',
        customerId: 'usr_0001',
        amount: { amount: 9_000, currency: 'USD' },
        paymentToken: 'tok_ok',
      },
    });
    expect(last.commands[1]).toMatchObject({
      type: 'saga.step-timed-out',
      payload: { step: 'authorizePayment', stepSeq: 2 },
    });
  });

  it('confirms the order at the authorization, then completes once stock and payment are settled', () => {
    const authorized = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      {
        type: 'payment.authorized',
        ...ok,
        attempts: 3,
        lastError: 'provider unavailable',
        paymentId: 'pay_1',
      },
    );
    expect(authorized.order.status).toBe('CONFIRMED');
    expect(authorized.order.saga.state).toBe('CONFIRMING');
    expect(commandTypes(authorized.last)).toEqual([
      'stock.commit-requested',
      'payment.capture-requested',
    ]);
    const authorize = authorized.order.saga.steps.find((s) => s.name === 'authorizePayment');
    expect(authorize).toMatchObject({ attempts: 3, lastError: 'provider unavailable' });

    const committed = run(authorized.order, { type: 'stock.committed', ...ok });
    expect(committed.order.saga.state).toBe('CONFIRMING');
    const done = run(committed.order, { type: 'payment.captured', ...ok });
    expect(done.order.saga.state).toBe('COMPLETED');
    expect(done.order.saga.finishedAt).not.toBeNull();
    expect(done.last.commands).toEqual([]);
  });

  it('when the reservation fails, cancels at once with the reason and sends nothing', () => {
    const { order, last } = run(placed(), {
      type: 'stock.reservation-failed',
      ...ok,
      reason: 'OUT_OF_STOCK',
      productId: 'prod_0002',
    });
    expect(order.status).toBe('CANCELLED');
    expect(order.saga.state).toBe('CANCELLED');
    expect(last.cancellationReason).toBe('OUT_OF_STOCK');
    expect(last.commands).toEqual([]);
    expect(order.saga.steps.find((s) => s.name === 'reserveStock')?.lastError).toBe(
      'OUT_OF_STOCK: prod_0002',
    );
    expect(stepStatus(order, 'authorizePayment')).toBe('SKIPPED');
  });

  it('when the payment is declined, releases the stock and ends cancelled after the release', () => {
    const declined = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.declined', ...ok, reason: 'card_declined' },
    );
    expect(declined.order.saga.state).toBe('COMPENSATING');
    expect(declined.order.status).toBe('PENDING');
    expect(declined.last.cancellationReason).toBe('PAYMENT_DECLINED');
    expect(commandTypes(declined.last)).toEqual(['stock.release-requested']);
    expect(stepStatus(declined.order, 'voidPayment')).toBeUndefined();

    const released = run(declined.order, { type: 'stock.released', ...ok });
    expect(released.order.saga.state).toBe('CANCELLED');
    expect(released.order.status).toBe('CANCELLED');
    expect(stepStatus(released.order, 'releaseStock')).toBe('SUCCEEDED');
  });

  it('when the authorization times out, voids the payment first and then releases the stock', () => {
    const reserved = run(placed(), { type: 'stock.reserved', ...ok });
    const timedOut = run(reserved.order, {
      type: 'saga.step-timed-out',
      orderId: 'ord_1',
      step: 'authorizePayment',
      stepSeq: 2,
    });
    expect(timedOut.last.cancellationReason).toBe('STEP_TIMEOUT');
    expect(commandTypes(timedOut.last)).toEqual(['payment.void-requested']);
    expect(timedOut.order.saga.steps.find((s) => s.name === 'authorizePayment')).toMatchObject({
      status: 'FAILED',
      lastError: 'timed out after 30000 ms',
    });
    const voided = run(timedOut.order, { type: 'payment.voided', ...ok });
    expect(commandTypes(voided.last)).toEqual(['stock.release-requested']);
    const released = run(voided.order, { type: 'stock.released', ...ok });
    expect(released.order.saga.state).toBe('CANCELLED');
  });

  it('ignores a timeout of a step that already finished', () => {
    const reserved = run(placed(), { type: 'stock.reserved', ...ok });
    const stale = {
      type: 'saga.step-timed-out',
      orderId: 'ord_1',
      step: 'reserveStock',
      stepSeq: 1,
    } as const;
    expect(advanceSaga(reserved.order, stale, clock(40))).toBeNull();
  });

  it('ignores a repeated or late reply instead of moving twice', () => {
    const reserved = run(placed(), { type: 'stock.reserved', ...ok });
    expect(advanceSaga(reserved.order, { type: 'stock.reserved', ...ok }, clock(5))).toBeNull();
    const cancelled = run(placed(), { type: 'cancel-requested', reason: 'changed my mind' });
    // The reservation lands after the cancellation: inventory is already told to release.
    expect(advanceSaga(cancelled.order, { type: 'stock.reserved', ...ok }, clock(5))).toBeNull();
  });

  it('lets a customer cancel while stock is being reserved, and refuses once confirmed', () => {
    const cancelled = run(placed(), { type: 'cancel-requested', reason: 'changed my mind' });
    expect(cancelled.last.cancellationReason).toBe('CANCELLED_BY_CUSTOMER');
    expect(commandTypes(cancelled.last)).toEqual(['stock.release-requested']);
    const confirmed = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.authorized', ...ok, paymentId: 'pay_1' },
    );
    expect(
      advanceSaga(confirmed.order, { type: 'cancel-requested', reason: 'too late' }, clock(9)),
    ).toBeNull();
  });

  it('arms a timer with every compensation and with the confirming steps', () => {
    const declined = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.declined', ...ok, reason: 'card_declined' },
    );
    expect(timerOf(declined.last)).toMatchObject({
      payload: { step: 'releaseStock', stepSeq: declined.order.saga.stepSeq },
    });
    const confirmed = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.authorized', ...ok, paymentId: 'pay_1' },
    );
    expect(timerOf(confirmed.last)).toMatchObject({
      payload: { step: 'confirmOrder', stepSeq: confirmed.order.saga.stepSeq },
    });
  });

  it('when a compensation gets no answer in time, asks again instead of waiting forever', () => {
    const declined = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.declined', ...ok, reason: 'card_declined' },
    );
    const timer = timerOf(declined.last)?.payload as { step: string; stepSeq: number };
    const again = run(declined.order, { type: 'saga.step-timed-out', orderId: 'ord_1', ...timer });
    expect(again.order.saga.state).toBe('COMPENSATING');
    expect(commandTypes(again.last)).toEqual(['stock.release-requested']);
    expect(again.order.saga.steps.find((s) => s.name === 'releaseStock')?.lastError).toBe(
      'no answer within 30000 ms; asked again',
    );
    // The first timer is spent: firing it again changes nothing; the answer still completes it.
    expect(
      advanceSaga(
        again.order,
        { type: 'saga.step-timed-out', orderId: 'ord_1', ...timer },
        clock(60),
      ),
    ).toBeNull();
    const released = run(again.order, { type: 'stock.released', ...ok, attempts: 2 });
    expect(released.order.saga.state).toBe('CANCELLED');
  });

  it('when confirming gets no answer in time, asks again for the steps still running only', () => {
    const confirmed = run(
      placed(),
      { type: 'stock.reserved', ...ok },
      { type: 'payment.authorized', ...ok, paymentId: 'pay_1' },
      { type: 'stock.committed', ...ok },
    );
    const timer = { step: 'confirmOrder', stepSeq: confirmed.order.saga.stepSeq };
    const again = run(confirmed.order, { type: 'saga.step-timed-out', orderId: 'ord_1', ...timer });
    expect(again.order.status).toBe('CONFIRMED');
    expect(commandTypes(again.last)).toEqual(['payment.capture-requested']);
    expect(timerOf(again.last)).toBeDefined();
    expect(run(again.order, { type: 'payment.captured', ...ok }).order.saga.state).toBe(
      'COMPLETED',
    );
  });

  it('ignores an authorization or decline that lands while compensating, and a repeated release', () => {
    const reserved = run(placed(), { type: 'stock.reserved', ...ok });
    const cancelled = run(reserved.order, { type: 'cancel-requested', reason: 'changed my mind' });
    expect(cancelled.order.saga.state).toBe('COMPENSATING');
    const late = [
      { type: 'payment.authorized', ...ok, paymentId: 'pay_1' },
      { type: 'payment.declined', ...ok, reason: 'card_declined' },
      { type: 'stock.released', ...ok },
    ] as const;
    for (const input of late) expect(advanceSaga(cancelled.order, input, clock(7))).toBeNull();
    const voided = run(cancelled.order, { type: 'payment.voided', ...ok });
    expect(advanceSaga(voided.order, { type: 'payment.voided', ...ok }, clock(9))).toBeNull();
  });
});

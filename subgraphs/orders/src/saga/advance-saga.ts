import type { SagaDocument, SagaStepName } from './saga-document.js';
import {
  AWAITED_COMMANDS,
  awaited,
  skipPending,
  step,
  stepOf,
  TIMED_STEPS,
  timeoutFor,
  updateStep,
} from './saga-steps.js';
import {
  CancellationReasons,
  type SagaClock,
  type SagaCommand,
  type SagaInput,
  type SagaOrder,
  type SagaTransition,
} from './saga-types.js';

/** The first saga of a new order: reserve the stock, with a deadline. */
export function startSaga(
  order: Omit<SagaOrder, 'saga' | 'status'>,
  paymentToken: string,
  clock: SagaClock,
): { readonly saga: SagaDocument; readonly commands: readonly SagaCommand[] } {
  const { now } = clock;
  const saga: SagaDocument = {
    state: 'RESERVING_STOCK',
    steps: [
      { ...step('reserveStock', 'RUNNING'), startedAt: now },
      step('authorizePayment'),
      step('commitStock'),
      step('capturePayment'),
    ],
    stepSeq: 1,
    compensations: [],
    paymentToken,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  return {
    saga,
    commands: [
      {
        type: 'stock.reserve-requested',
        payload: {
          orderId: order._id,
          lines: order.lines.map(({ productId, quantity }) => ({ productId, quantity })),
        },
      },
      timeoutFor(order._id, 'reserveStock', 1, clock),
    ],
  };
}

/** Starts the next compensation (with a timer that asks again), or ends the saga CANCELLED. */
function nextCompensation(order: SagaOrder, saga: SagaDocument, clock: SagaClock): SagaTransition {
  const { now } = clock;
  const [next, ...rest] = saga.compensations;
  if (next === undefined) {
    return {
      saga: { ...saga, state: 'CANCELLED', updatedAt: now, finishedAt: now },
      status: 'CANCELLED',
      commands: [],
    };
  }
  const stepSeq = saga.stepSeq + 1;
  return {
    saga: {
      ...updateStep(saga, next, { status: 'RUNNING', startedAt: now }),
      state: 'COMPENSATING',
      compensations: rest,
      stepSeq,
      updatedAt: now,
    },
    status: order.status,
    commands: [
      { type: AWAITED_COMMANDS[awaited(next)], payload: { orderId: order._id } },
      timeoutFor(order._id, next, stepSeq, clock),
    ],
  };
}

/**
 * What a saga past the point of compensating-or-not does when its timer fires: a compensation
 * or a confirming step must succeed, so its command is sent again (the services answer a repeat
 * from what they did), with a new timer. Without this, a command dead-lettered while its service
 * was down for longer than its retries would leave the saga waiting forever.
 */
function askAgain(order: SagaOrder, clock: SagaClock): SagaTransition {
  const { saga } = order;
  const { now } = clock;
  const stepSeq = saga.stepSeq + 1;
  const waiting = saga.steps
    .filter((s) => s.status === 'RUNNING' && Object.hasOwn(AWAITED_COMMANDS, s.name))
    .map((s) => awaited(s.name));
  const why = `no answer within ${String(clock.stepTimeoutMs)} ms; asked again`;
  let next: SagaDocument = { ...saga, stepSeq, updatedAt: now };
  for (const name of waiting) next = updateStep(next, name, { lastError: why });
  const timerStep = saga.state === 'CONFIRMING' ? 'confirmOrder' : (waiting[0] ?? 'confirmOrder');
  return {
    saga: next,
    status: order.status,
    commands: [
      ...waiting.map((name) => ({ type: AWAITED_COMMANDS[name], payload: { orderId: order._id } })),
      timeoutFor(order._id, timerStep, stepSeq, clock),
    ],
  };
}

/** What undoes a step that may have had an effect, latest first. */
const UNDO: Partial<Record<SagaStepName, readonly SagaStepName[]>> = {
  reserveStock: ['releaseStock'],
  authorizePayment: ['voidPayment', 'releaseStock'],
};

/**
 * Compensates a saga that has not reached the pivot: the running step fails with `why`, the
 * steps not run are skipped, and the steps that may have had an effect are undone in reverse
 * order (the void before the release). A reservation or authorization still in flight is undone
 * too: inventory and payments answer a late command for a compensated order with a refusal.
 */
function compensate(
  order: SagaOrder,
  running: SagaStepName,
  failure: {
    readonly why: string;
    readonly attempts?: number;
    readonly undo?: readonly SagaStepName[];
  },
  reason: string,
  clock: SagaClock,
): SagaTransition {
  const { now } = clock;
  const failed = skipPending(
    updateStep(order.saga, running, {
      status: 'FAILED',
      lastError: failure.why,
      finishedAt: now,
      ...(failure.attempts === undefined ? {} : { attempts: failure.attempts }),
    }),
  );
  const compensations = failure.undo ?? UNDO[running] ?? [];
  const transition = nextCompensation(order, { ...failed, compensations }, clock);
  return { ...transition, cancellationReason: reason };
}

/**
 * The saga's state machine: pure, so every transition is unit-tested without a database.
 * Returns null when the input does not apply to the saga's state (a late or repeated reply, a
 * timeout of a step that finished): the caller acknowledges it without writing.
 */
export function advanceSaga(
  order: SagaOrder,
  input: SagaInput,
  clock: SagaClock,
): SagaTransition | null {
  const { saga } = order;
  const { now } = clock;
  const finish = (name: SagaStepName, result: { attempts: number; lastError: string | null }) =>
    updateStep(saga, name, {
      status: 'SUCCEEDED',
      attempts: result.attempts,
      lastError: result.lastError,
      finishedAt: now,
    });

  switch (input.type) {
    case 'stock.reserved': {
      if (saga.state !== 'RESERVING_STOCK') return null;
      const stepSeq = saga.stepSeq + 1;
      const next = updateStep(finish('reserveStock', input), 'authorizePayment', {
        status: 'RUNNING',
        startedAt: now,
      });
      return {
        saga: { ...next, state: 'AUTHORIZING_PAYMENT', stepSeq, updatedAt: now },
        status: order.status,
        commands: [
          {
            type: 'payment.authorize-requested',
            payload: {
              orderId: order._id,
              customerId: order.customerId,
              amount: { amount: order.total.amount, currency: order.total.currency },
              paymentToken: saga.paymentToken,
            },
          },
          timeoutFor(order._id, 'authorizePayment', stepSeq, clock),
        ],
      };
    }
    case 'stock.reservation-failed': {
      if (saga.state !== 'RESERVING_STOCK') return null;
      // All or nothing: a failed reservation holds nothing, so there is nothing to undo.
      const failed = skipPending(
        updateStep(saga, 'reserveStock', {
          status: 'FAILED',
          attempts: input.attempts,
          lastError: input.productId ? `${input.reason}: ${input.productId}` : input.reason,
          finishedAt: now,
        }),
      );
      return {
        saga: { ...failed, state: 'CANCELLED', updatedAt: now, finishedAt: now },
        status: 'CANCELLED',
        cancellationReason: input.reason,
        commands: [],
      };
    }
    case 'payment.authorized': {
      if (saga.state !== 'AUTHORIZING_PAYMENT') return null;
      // The pivot: from here the order is confirmed, and its last steps only move forward.
      const running = { status: 'RUNNING', startedAt: now } as const;
      const next = updateStep(
        updateStep(finish('authorizePayment', input), 'commitStock', running),
        'capturePayment',
        running,
      );
      const stepSeq = saga.stepSeq + 1;
      return {
        saga: { ...next, state: 'CONFIRMING', stepSeq, updatedAt: now },
        status: 'CONFIRMED',
        commands: [
          { type: 'stock.commit-requested', payload: { orderId: order._id } },
          { type: 'payment.capture-requested', payload: { orderId: order._id } },
          timeoutFor(order._id, 'confirmOrder', stepSeq, clock),
        ],
      };
    }
    case 'payment.declined': {
      if (saga.state !== 'AUTHORIZING_PAYMENT') return null;
      // Declined: nothing is held on the card, so only the stock is released.
      return compensate(
        order,
        'authorizePayment',
        { why: input.reason, attempts: input.attempts, undo: ['releaseStock'] },
        CancellationReasons.paymentDeclined,
        clock,
      );
    }
    case 'stock.committed':
    case 'payment.captured': {
      if (saga.state !== 'CONFIRMING') return null;
      const name = input.type === 'stock.committed' ? 'commitStock' : 'capturePayment';
      if (stepOf(saga, name)?.status === 'SUCCEEDED') return null;
      const next = finish(name, input);
      const done = next.steps
        .filter((s) => s.name === 'commitStock' || s.name === 'capturePayment')
        .every((s) => s.status === 'SUCCEEDED');
      return {
        saga: done
          ? { ...next, state: 'COMPLETED', updatedAt: now, finishedAt: now }
          : { ...next, updatedAt: now },
        status: order.status,
        commands: [],
      };
    }
    case 'stock.released':
    case 'payment.voided': {
      if (saga.state !== 'COMPENSATING') return null;
      const name = input.type === 'stock.released' ? 'releaseStock' : 'voidPayment';
      if (stepOf(saga, name)?.status !== 'RUNNING') return null;
      return nextCompensation(order, finish(name, input), clock);
    }
    case 'saga.step-timed-out': {
      // Each timer is armed with the step count of its start: one that fires after the saga
      // moved on is stale.
      if (saga.stepSeq !== input.stepSeq) return null;
      if (saga.state === 'COMPENSATING' || saga.state === 'CONFIRMING') {
        return askAgain(order, clock);
      }
      const running = TIMED_STEPS[saga.state];
      if (running === undefined || running !== input.step) return null;
      const why = `timed out after ${String(clock.stepTimeoutMs)} ms`;
      return compensate(order, running, { why }, CancellationReasons.stepTimeout, clock);
    }
    case 'cancel-requested': {
      const running = TIMED_STEPS[saga.state];
      if (running === undefined) return null;
      return compensate(
        order,
        running,
        { why: input.reason },
        CancellationReasons.byCustomer,
        clock,
      );
    }
  }
}

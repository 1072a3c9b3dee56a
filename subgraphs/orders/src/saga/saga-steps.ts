import type { EventName } from '@tessera/events';
import type { SagaDocument, SagaState, SagaStep, SagaStepName } from './saga-document.js';
import type { SagaClock, SagaCommand } from './saga-types.js';

// The building blocks of the saga's transitions (advance-saga.ts): step records, timers, and the
// command that asks for each step.

export const TIMED_STEPS: Partial<Record<SagaState, SagaStepName>> = {
  RESERVING_STOCK: 'reserveStock',
  AUTHORIZING_PAYMENT: 'authorizePayment',
};

export function step(name: SagaStepName, status: SagaStep['status'] = 'PENDING'): SagaStep {
  return { name, status, attempts: 0, lastError: null, startedAt: null, finishedAt: null };
}

export function updateStep(
  saga: SagaDocument,
  name: SagaStepName,
  change: Partial<Omit<SagaStep, 'name'>>,
): SagaDocument {
  const exists = saga.steps.some((s) => s.name === name);
  const steps = exists ? saga.steps : [...saga.steps, step(name)];
  return { ...saga, steps: steps.map((s) => (s.name === name ? { ...s, ...change } : s)) };
}

export function skipPending(saga: SagaDocument): SagaDocument {
  return {
    ...saga,
    steps: saga.steps.map((s) => (s.status === 'PENDING' ? { ...s, status: 'SKIPPED' } : s)),
  };
}

export function stepOf(saga: SagaDocument, name: SagaStepName): SagaStep | undefined {
  return saga.steps.find((s) => s.name === name);
}

export function timeoutFor(
  orderId: string,
  name: SagaStepName | 'confirmOrder',
  stepSeq: number,
  clock: SagaClock,
): SagaCommand {
  return {
    type: 'saga.step-timed-out',
    payload: { orderId, step: name, stepSeq },
    deliverAt: new Date(clock.now.getTime() + clock.stepTimeoutMs),
  };
}

export const COMPENSATION_COMMANDS = {
  voidPayment: 'payment.void-requested',
  releaseStock: 'stock.release-requested',
} as const satisfies Partial<Record<SagaStepName, EventName>>;

/** A step whose command must eventually succeed (a compensation, or confirming the order). */
export type AwaitedStep = keyof typeof AWAITED_COMMANDS;

export function awaited(name: SagaStepName): AwaitedStep {
  if (!Object.hasOwn(AWAITED_COMMANDS, name)) {
    throw new TypeError(`advanceSaga: ${name} is not a compensation or confirming step`);
  }
  return name as AwaitedStep;
}

/** The steps that must eventually succeed, and the command that asks for each. */
export const AWAITED_COMMANDS = {
  ...COMPENSATION_COMMANDS,
  commitStock: 'stock.commit-requested',
  capturePayment: 'payment.capture-requested',
} as const satisfies Partial<Record<SagaStepName, EventName>>;

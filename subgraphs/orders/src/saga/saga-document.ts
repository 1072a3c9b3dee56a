/**
 * Where an order's saga stands. Forward: RESERVING_STOCK → AUTHORIZING_PAYMENT → CONFIRMING →
 * COMPLETED. A failure or timeout before the payment is authorized turns it to COMPENSATING,
 * which undoes the finished steps in reverse order and ends CANCELLED.
 */
export const SAGA_STATES = [
  'RESERVING_STOCK',
  'AUTHORIZING_PAYMENT',
  'CONFIRMING',
  'COMPENSATING',
  'COMPLETED',
  'CANCELLED',
] as const;
export type SagaState = (typeof SAGA_STATES)[number];

/** The states a saga ends in: nothing more happens to the order. */
export const TERMINAL_SAGA_STATES: readonly SagaState[] = ['COMPLETED', 'CANCELLED'];

export const SAGA_STEP_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'] as const;
export type SagaStepStatus = (typeof SAGA_STEP_STATUSES)[number];

/**
 * The steps, forward ones first. `commitStock` and `capturePayment` confirm the order; they run
 * after the pivot (an authorized payment) and are retried until they succeed, never compensated.
 * `voidPayment` and `releaseStock` are the compensations, added only when the saga compensates.
 */
export const SAGA_STEP_NAMES = [
  'reserveStock',
  'authorizePayment',
  'commitStock',
  'capturePayment',
  'voidPayment',
  'releaseStock',
] as const;
export type SagaStepName = (typeof SAGA_STEP_NAMES)[number];

export interface SagaStep {
  readonly name: SagaStepName;
  readonly status: SagaStepStatus;
  /** Deliveries of the step's command it took at the service that ran it (0 before it ran). */
  readonly attempts: number;
  /** Why the step failed, or the last transient error before it succeeded. */
  readonly lastError: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

/** The saga of one order, stored in the order document (one document = one atomic write). */
export interface SagaDocument {
  readonly state: SagaState;
  readonly steps: readonly SagaStep[];
  /**
   * Counts the steps started; a step timeout carries the value of its step's start and is
   * ignored when the saga has moved on.
   */
  readonly stepSeq: number;
  /** The compensations still to run, in order (reverse order of the steps they undo). */
  readonly compensations: readonly SagaStepName[];
  /** The payment token, kept until the payment step needs it. Test tokens only. */
  readonly paymentToken: string;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  /** When the saga reached COMPLETED or CANCELLED. */
  readonly finishedAt: Date | null;
}

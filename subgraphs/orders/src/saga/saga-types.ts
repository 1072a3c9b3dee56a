import type { EventName, EventPayload } from '@tessera/events';
import type { OrderStatus } from '../repositories/orders.js';
import type { SagaDocument } from './saga-document.js';

/** A command or timer the saga sends; orders turns each into an outbox message. */
export interface SagaCommand {
  readonly type: EventName;
  readonly payload: unknown;
  /** For a step timeout: deliver no earlier than this. */
  readonly deliverAt?: Date;
}

/** What the saga reads of its order. */
export interface SagaOrder {
  readonly _id: string;
  readonly customerId: string;
  readonly lines: readonly { readonly productId: string; readonly quantity: number }[];
  readonly total: { readonly amount: number; readonly currency: string };
  readonly status: OrderStatus;
  readonly saga: SagaDocument;
}

/** Everything that moves a saga: the replies of inventory and payments, timers, cancellation. */
export type SagaInput =
  | ({ readonly type: 'stock.reserved' } & EventPayload<'stock.reserved'>)
  | ({ readonly type: 'stock.reservation-failed' } & EventPayload<'stock.reservation-failed'>)
  | ({ readonly type: 'stock.released' } & EventPayload<'stock.released'>)
  | ({ readonly type: 'stock.committed' } & EventPayload<'stock.committed'>)
  | ({ readonly type: 'payment.authorized' } & EventPayload<'payment.authorized'>)
  | ({ readonly type: 'payment.declined' } & EventPayload<'payment.declined'>)
  | ({ readonly type: 'payment.captured' } & EventPayload<'payment.captured'>)
  | ({ readonly type: 'payment.voided' } & EventPayload<'payment.voided'>)
  | ({ readonly type: 'saga.step-timed-out' } & EventPayload<'saga.step-timed-out'>)
  | { readonly type: 'cancel-requested'; readonly reason: string };

/** The saga's next state: what to write to the order, and what to send. */
export interface SagaTransition {
  readonly saga: SagaDocument;
  readonly status: OrderStatus;
  /** Set when the saga starts compensating. */
  readonly cancellationReason?: string;
  readonly commands: readonly SagaCommand[];
}

export interface SagaClock {
  readonly now: Date;
  /** How long reserving stock or authorizing the payment may take. */
  readonly stepTimeoutMs: number;
}

/** Reasons an order is cancelled, as `Order.cancellationReason` shows them. */
export const CancellationReasons = {
  paymentDeclined: 'PAYMENT_DECLINED',
  stepTimeout: 'STEP_TIMEOUT',
  byCustomer: 'CANCELLED_BY_CUSTOMER',
} as const;

import {
  jobContextFromMessage,
  UnrecoverableError,
  type IdempotentHandler,
  type MessageEnvelope,
} from '@tessera/events';
import { ordersCollection } from '../repositories/orders.js';
import { advanceSaga } from './advance-saga.js';
import type { SagaInput } from './saga-types.js';
import { applyTransition } from './apply-transition.js';

/** The messages the orders saga consumes from its queue. */
export const SAGA_INPUT_TYPES = [
  'stock.reserved',
  'stock.reservation-failed',
  'stock.released',
  'stock.committed',
  'payment.authorized',
  'payment.declined',
  'payment.captured',
  'payment.voided',
  'saga.step-timed-out',
] as const satisfies readonly SagaInput['type'][];

export interface SagaHandlerOptions {
  readonly stepTimeoutMs: number;
  /** @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

/**
 * The orders saga's consumer of one reply or timer: in the idempotent consumer's transaction it
 * reads the order, computes the transition, and writes the order with the messages it sends. A
 * reply that no longer applies (late, or for a saga that moved on) is acknowledged unchanged.
 */
export function createSagaHandler(options: SagaHandlerOptions): IdempotentHandler<string> {
  const now = options.now ?? (() => new Date());
  return async (envelope: MessageEnvelope, run) => {
    const input = { type: envelope.type, ...(envelope.payload as object) } as SagaInput;
    const orderId = (envelope.payload as { orderId: string }).orderId;
    const order = await ordersCollection(run.db).findOne(
      { _id: orderId },
      { session: run.session },
    );
    if (order?.saga === undefined) {
      throw new UnrecoverableError(`no saga for order ${orderId}`);
    }
    const transition = advanceSaga({ ...order, saga: order.saga }, input, {
      now: now(),
      stepTimeoutMs: options.stepTimeoutMs,
    });
    if (transition === null) {
      run.logger.info({ orderId, state: order.saga.state }, 'saga input ignored in this state');
      return order.saga.state;
    }
    const written = await applyTransition(
      run.session,
      run.db,
      order,
      transition,
      jobContextFromMessage(run.context),
    );
    run.logger.info({ orderId, from: order.saga.state, to: written.saga?.state }, 'saga advanced');
    return transition.saga.state;
  };
}

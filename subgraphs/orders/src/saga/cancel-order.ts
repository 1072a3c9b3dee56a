import type { Db } from 'mongodb';
import { TransientError, type MessageContext } from '@tessera/events';
import { BadUserInputError, NotFoundError } from '@tessera/errors';
import type { Principal } from '@tessera/auth';
import { assertCanReadOrder } from '../access.js';
import { ordersCollection, type OrderDocument } from '../repositories/orders.js';
import { advanceSaga } from './advance-saga.js';
import { applyTransition } from './apply-transition.js';

export interface CancelOrderDeps {
  readonly db: Db;
  readonly stepTimeoutMs: number;
  /** @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

/** Concurrent saga transitions are rare and short; a few tries always suffice in practice. */
const MAX_TRIES = 5;

/**
 * Cancels a pending order for its customer (or an admin): the saga compensates what it did so
 * far (void the payment, release the stock) and the order ends CANCELLED. Cancelling an order
 * that is already being cancelled returns it unchanged.
 * @throws NotFoundError for an unknown id, ForbiddenError for another customer's order,
 *   BadUserInputError for an order past the point of no return (confirmed or cancelled)
 */
export async function cancelOrder(
  deps: CancelOrderDeps,
  caller: Principal,
  orderId: string,
  context: MessageContext,
): Promise<OrderDocument> {
  const orders = ordersCollection(deps.db);
  for (let attempt = 1; ; attempt += 1) {
    const session = deps.db.client.startSession();
    try {
      return await session.withTransaction(async () => {
        const order = await orders.findOne({ _id: orderId }, { session });
        if (!order) throw new NotFoundError('No order exists with this id.');
        assertCanReadOrder(caller, order);
        if (!order.saga) {
          throw new BadUserInputError(
            'id: this order was not placed through checkout (it has no saga) and cannot be cancelled here.',
            'id',
          );
        }
        if (order.saga.state === 'COMPENSATING') return order;
        const transition =
          order.status === 'PENDING'
            ? advanceSaga(
                { ...order, saga: order.saga },
                { type: 'cancel-requested', reason: 'cancelled by the customer' },
                { now: (deps.now ?? (() => new Date()))(), stepTimeoutMs: deps.stepTimeoutMs },
              )
            : null;
        if (transition === null) {
          throw new BadUserInputError(
            `id: only a pending order can be cancelled; this one is ${order.status}.`,
            'id',
          );
        }
        return applyTransition(session, deps.db, order, transition, context);
      });
    } catch (error) {
      if (!(error instanceof TransientError) || attempt >= MAX_TRIES) throw error;
    } finally {
      await session.endSession();
    }
  }
}

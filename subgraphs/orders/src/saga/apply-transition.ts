import type { ClientSession, Db } from 'mongodb';
import { appendToOutbox, TransientError, type MessageContext } from '@tessera/events';
import { ordersCollection, type OrderDocument } from '../repositories/orders.js';
import type { SagaTransition } from './saga-types.js';
import { sagaMessages } from './saga-messages.js';

/**
 * Writes a saga transition in `session`'s transaction: the order (conditional on the version it
 * was read at) and the messages it sends, atomically. A concurrent transition (the saga worker
 * and a customer's `cancelOrder`) makes the condition fail: the error is transient, so the
 * caller's transaction is retried on the fresh order.
 * @returns the order as written
 */
export async function applyTransition(
  session: ClientSession,
  db: Db,
  order: OrderDocument,
  transition: SagaTransition,
  context: MessageContext,
): Promise<OrderDocument> {
  const version = (order.version ?? 0) + 1;
  const now = transition.saga.updatedAt;
  const written = await ordersCollection(db).findOneAndUpdate(
    { _id: order._id, version: order.version ?? { $exists: false } },
    {
      $set: {
        saga: transition.saga,
        status: transition.status,
        version,
        updatedAt: now,
        ...(transition.cancellationReason === undefined
          ? {}
          : { cancellationReason: transition.cancellationReason }),
      },
    },
    { session, returnDocument: 'after' },
  );
  if (written === null) {
    throw new TransientError(`order ${order._id} changed concurrently; retrying on the new state`);
  }
  await appendToOutbox(session, db, sagaMessages(order._id, version, transition.commands, context));
  return written;
}

import {
  appendSagaReply,
  TransientError,
  type IdempotentHandler,
  type MessageEnvelope,
} from '@tessera/events';
import { createReservationsRepository } from '../repositories/reservations.js';
import { createStockRepository } from '../repositories/stock.js';
import { commandPayload } from './command-payload.js';
import { ReservationStateError, StockBooksError } from './stock-command-error.js';

/**
 * `stock.commit-requested`, once the order is paid: its reserved units become sold.
 *
 * - `RESERVED`: every line moves from reserved to committed; the reservation is `COMMITTED`.
 * - `COMMITTED`: done already; nothing to do.
 * - no reservation, `RELEASED` or `FAILED`: the saga only commits after a successful
 *   reservation, so this is a bug; it throws a `ReservationStateError` (unrecoverable: the job
 *   is dead-lettered at once) and changes nothing.
 *
 * It replies `stock.committed`.
 */
export const commitStock: IdempotentHandler<MessageEnvelope> = async (command, run) => {
  const { orderId } = commandPayload(command, 'stock.commit-requested');
  const { db, session } = run;
  const reservations = createReservationsRepository(db);

  const existing = await reservations.find(orderId, session);
  if (existing === null || existing.status === 'RELEASED' || existing.status === 'FAILED') {
    throw new ReservationStateError(command.type, orderId, existing?.status ?? null);
  }
  if (existing.status === 'RESERVED') {
    const stock = createStockRepository(db);
    const now = new Date();
    for (const line of existing.lines) {
      if (!(await stock.move({ ...line, from: 'reserved', to: 'committed' }, now, session))) {
        throw new StockBooksError(orderId, line.productId, `fewer than ${line.quantity} reserved`);
      }
    }
    if (!(await reservations.transition(orderId, 'RESERVED', 'COMMITTED', now, session))) {
      // Not expected: a concurrent change of it is a write conflict, retried by the driver.
      throw new TransientError(
        `The reservation of order ${orderId} changed while it was being committed.`,
      );
    }
  }
  return appendSagaReply(run, command, 'stock.committed', { orderId });
};

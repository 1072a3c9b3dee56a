import {
  appendSagaReply,
  TransientError,
  type IdempotentHandler,
  type MessageEnvelope,
} from '@tessera/events';
import { createReservationsRepository } from '../repositories/reservations.js';
import { createStockRepository } from '../repositories/stock.js';
import { commandPayload } from './command-payload.js';
import { StockBooksError } from './stock-command-error.js';

/**
 * `stock.release-requested`, the saga's compensation: gives a reserved order's units back.
 *
 * - `RESERVED`: every line moves from reserved back to available; the reservation is `RELEASED`.
 * - no reservation: the release overtook the reserve (the saga timed out waiting). A `RELEASED`
 *   tombstone with no lines is recorded, so the late reserve is refused with `ORDER_CANCELLED`.
 * - `RELEASED` or `FAILED`: nothing is held; nothing to do.
 * - `COMMITTED`: a confirmed order's units are sold, not released; logged as a warning.
 *
 * It replies `stock.released` in every case: the units are not held for the order any more.
 */
export const releaseStock: IdempotentHandler<MessageEnvelope> = async (command, run) => {
  const { orderId } = commandPayload(command, 'stock.release-requested');
  const { db, session } = run;
  const reservations = createReservationsRepository(db);
  const now = new Date();

  const existing = await reservations.find(orderId, session);
  if (existing === null) {
    await reservations.insert(
      {
        _id: orderId,
        status: 'RELEASED',
        lines: [],
        failure: null,
        createdAt: now,
        updatedAt: now,
      },
      session,
    );
    run.logger.info({ orderId }, 'release before any reservation: tombstone recorded');
  } else if (existing.status === 'RESERVED') {
    const stock = createStockRepository(db);
    for (const line of existing.lines) {
      if (!(await stock.move({ ...line, from: 'reserved', to: 'available' }, now, session))) {
        throw new StockBooksError(orderId, line.productId, `fewer than ${line.quantity} reserved`);
      }
    }
    if (!(await reservations.transition(orderId, 'RESERVED', 'RELEASED', now, session))) {
      // Not expected: a concurrent change of it is a write conflict, retried by the driver.
      throw new TransientError(
        `The reservation of order ${orderId} changed while it was being released.`,
      );
    }
  } else if (existing.status === 'COMMITTED') {
    run.logger.warn({ orderId }, 'release of a committed order ignored: its stock is sold');
  }
  return appendSagaReply(run, command, 'stock.released', { orderId });
};

import {
  appendSagaReply,
  type IdempotentHandler,
  type IdempotentRun,
  type MessageEnvelope,
} from '@tessera/events';
import {
  createReservationsRepository,
  type ReservationDocument,
  type ReservationLine,
} from '../repositories/reservations.js';
import { createStockRepository } from '../repositories/stock.js';
import { commandPayload } from './command-payload.js';
import { ReservationFailureReasons } from './reservation-failure-reasons.js';
import { StockBooksError } from './stock-command-error.js';

/**
 * `stock.reserve-requested`: reserves every line of the order, or none.
 *
 * Each line is one conditional update (`available >= quantity`, then available → reserved), so
 * stock never goes negative however many orders race for it: concurrent transactions on one
 * product collide and the driver retries the loser against the new count. When a line does not
 * fit (too little stock, or no stock document), the lines already moved are moved back in the
 * same transaction, the reservation is recorded `FAILED`, and the reply is
 * `stock.reservation-failed` with `OUT_OF_STOCK` or `UNKNOWN_PRODUCT` and the product id.
 * On success it records `RESERVED` with the lines and replies `stock.reserved`.
 *
 * An order that already has a reservation is not reserved again: after a release (the saga
 * compensated, e.g. on a timeout, before this command arrived) it replies `ORDER_CANCELLED`;
 * otherwise it repeats what the first reservation answered.
 */
export const reserveStock: IdempotentHandler<MessageEnvelope> = async (command, run) => {
  const { orderId, lines } = commandPayload(command, 'stock.reserve-requested');
  const { db, session } = run;
  const reservations = createReservationsRepository(db);
  const stock = createStockRepository(db);

  const existing = await reservations.find(orderId, session);
  if (existing !== null) {
    run.logger.info({ orderId, status: existing.status }, 'order already has a reservation');
    return replyToRepeat(command, run, existing);
  }

  const now = new Date();
  const moved: ReservationLine[] = [];
  for (const line of lines) {
    if (await stock.move({ ...line, from: 'available', to: 'reserved' }, now, session)) {
      moved.push(line);
      continue;
    }
    for (const done of moved.reverse()) {
      if (!(await stock.move({ ...done, from: 'reserved', to: 'available' }, now, session))) {
        // Unreachable inside one transaction (this run just reserved them), unless the books
        // were broken underneath it.
        throw new StockBooksError(orderId, done.productId, 'a reservation just made is missing');
      }
    }
    const failure = {
      reason: (await stock.exists(line.productId, session))
        ? ReservationFailureReasons.outOfStock
        : ReservationFailureReasons.unknownProduct,
      productId: line.productId,
    };
    await reservations.insert(
      { _id: orderId, status: 'FAILED', lines, failure, createdAt: now, updatedAt: now },
      session,
    );
    run.logger.info({ orderId, ...failure }, 'stock reservation refused');
    return appendSagaReply(run, command, 'stock.reservation-failed', { orderId, ...failure });
  }

  await reservations.insert(
    { _id: orderId, status: 'RESERVED', lines, failure: null, createdAt: now, updatedAt: now },
    session,
  );
  return appendSagaReply(run, command, 'stock.reserved', { orderId });
};

/** The reply to a reserve for an order that already has a reservation; nothing is moved. */
function replyToRepeat(
  command: MessageEnvelope,
  run: IdempotentRun,
  existing: ReservationDocument,
): Promise<MessageEnvelope> {
  const orderId = existing._id;
  switch (existing.status) {
    case 'RELEASED':
      return appendSagaReply(run, command, 'stock.reservation-failed', {
        orderId,
        reason: ReservationFailureReasons.orderCancelled,
        productId: null,
      });
    case 'FAILED':
      return appendSagaReply(run, command, 'stock.reservation-failed', {
        orderId,
        reason: existing.failure?.reason ?? ReservationFailureReasons.outOfStock,
        productId: existing.failure?.productId ?? null,
      });
    case 'RESERVED':
    case 'COMMITTED':
      // The same order asked again (a producer replayed under a new message id): its stock is
      // held already, and answering "failed" would cancel an order whose units stay reserved.
      return appendSagaReply(run, command, 'stock.reserved', { orderId });
  }
}

import { UnrecoverableError } from '@tessera/events';
import type { ReservationStatus } from '../repositories/reservations.js';

/**
 * A stock command that makes no sense for the order's reservation: committing an order whose
 * stock was never reserved, or was released. The saga only commits after a successful
 * reservation, so this is a bug upstream; retrying cannot fix it, so the job is dead-lettered.
 */
export class ReservationStateError extends UnrecoverableError {
  readonly code = 'INVENTORY_RESERVATION_STATE' as const;
  readonly orderId: string;
  /** The reservation's status, or null when the order has none. */
  readonly status: ReservationStatus | null;

  constructor(command: string, orderId: string, status: ReservationStatus | null) {
    super(
      `${command} for order ${orderId}, whose reservation is ${status ?? 'missing'}: only a RESERVED order can take it.`,
    );
    // BullMQ recognises permanent failures by class or by this name (as @tessera/events does).
    this.name = 'UnrecoverableError';
    this.orderId = orderId;
    this.status = status;
  }
}

/**
 * A reserved order's units are not where its reservation says they are (a stock document was
 * deleted or edited by hand). Nothing is moved; the job is dead-lettered for a person to look at.
 */
export class StockBooksError extends UnrecoverableError {
  readonly code = 'INVENTORY_STOCK_BOOKS' as const;
  readonly orderId: string;
  readonly productId: string;

  constructor(orderId: string, productId: string, detail: string) {
    super(`The stock of ${productId} does not hold order ${orderId}'s units: ${detail}.`);
    this.name = 'UnrecoverableError';
    this.orderId = orderId;
    this.productId = productId;
  }
}

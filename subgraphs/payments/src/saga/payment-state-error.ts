import { UnrecoverableError } from '@tessera/events';
import type { PaymentStatus } from '../repositories/payments.js';

/**
 * A command that the order's payment cannot take, e.g. a capture of an order never authorized:
 * a saga bug, which retrying cannot fix. Permanent: the job goes to the dead letters.
 */
export class PaymentStateError extends UnrecoverableError {
  readonly code = 'PAYMENT_INVALID_STATE' as const;
  readonly orderId: string;
  /** The payment's status; null when the order has none. */
  readonly status: PaymentStatus | null;

  constructor(command: string, orderId: string, status: PaymentStatus | null) {
    super(
      `Cannot ${command} the payment of order ${orderId}: ${status === null ? 'it has none' : `it is ${status}`}`,
    );
    this.orderId = orderId;
    this.status = status;
  }
}

import { MongoServerError } from 'mongodb';
import { TransientError, type IdempotentRun } from '@tessera/events';
import { paymentsCollection, type PaymentDocument } from '../repositories/payments.js';

const DUPLICATE_KEY = 11_000;

/**
 * Inserts the order's payment in the consumer's transaction. A duplicate `orderId` means another
 * command for the order made its payment concurrently: that is retried (the next attempt reads
 * it), never mistaken for a duplicate delivery of this command.
 */
export async function recordPayment(run: IdempotentRun, payment: PaymentDocument): Promise<void> {
  try {
    await paymentsCollection(run.db).insertOne(payment, { session: run.session });
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      throw new TransientError(
        `A concurrent command made the payment of order ${payment.orderId}; retrying reads it`,
        { cause: error },
      );
    }
    throw error;
  }
}

import type { IdempotentRun } from '@tessera/events';
import { paymentsCollection, type PaymentDocument } from '../repositories/payments.js';

/**
 * Inserts the order's payment in the consumer's transaction. A duplicate `orderId` (another
 * command for the order made its payment concurrently) fails with MongoDB's duplicate-key error,
 * which the idempotent consumer lets propagate (it is not this command's mark): BullMQ retries
 * the command, and the retry reads the payment.
 */
export async function recordPayment(run: IdempotentRun, payment: PaymentDocument): Promise<void> {
  await paymentsCollection(run.db).insertOne(payment, { session: run.session });
}

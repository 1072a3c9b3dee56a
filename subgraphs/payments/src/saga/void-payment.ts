import { appendSagaReply, type IdempotentHandler } from '@tessera/events';
import type { PaymentProvider } from '../provider/payment-provider.js';
import { paymentsCollection, voidedTombstone } from '../repositories/payments.js';
import { commandPayload, type PaymentReply } from './payment-messages.js';
import { recordPayment } from './record-payment.js';

/**
 * `payment.void-requested`: releases the hold (the saga compensates a cancelled order). It
 * always replies `payment.voided`:
 * - `AUTHORIZED`: voided at the provider, then `VOIDED`;
 * - no payment (the void overtook the authorize): the provider's key is voided too, releasing a
 *   charge that a timed-out authorize may have made, and a `VOIDED` tombstone takes the order's
 *   place, so a late authorize is declined `ORDER_CANCELLED`;
 * - `DECLINED` or `VOIDED`: nothing is held, nothing to do;
 * - `CAPTURED`: the money is taken and a void cannot return it (that is a refund); logged as a
 *   warning and left alone.
 */
export function createVoidPaymentHandler(
  provider: PaymentProvider,
): IdempotentHandler<PaymentReply> {
  return async (envelope, run): Promise<PaymentReply> => {
    const { orderId } = commandPayload(envelope, 'payment.void-requested');
    const { session } = run;
    const payments = paymentsCollection(run.db);
    const payment = await payments.findOne({ orderId }, { session });
    if (payment === null) {
      const { released } = await provider.void({ idempotencyKey: orderId });
      await recordPayment(run, voidedTombstone(orderId));
      run.logger.info({ orderId, released }, 'void before authorize: tombstone recorded');
    } else if (payment.status === 'AUTHORIZED') {
      await provider.void({ idempotencyKey: orderId });
      await payments.updateOne(
        { _id: payment._id, status: 'AUTHORIZED' },
        { $set: { status: 'VOIDED', updatedAt: new Date() } },
        { session },
      );
    } else if (payment.status === 'CAPTURED') {
      run.logger.warn(
        { orderId, paymentId: payment._id },
        'void of a captured payment ignored: it needs a refund',
      );
    }
    await appendSagaReply(run, envelope, 'payment.voided', { orderId });
    return 'payment.voided';
  };
}

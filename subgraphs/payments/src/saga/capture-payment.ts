import { appendSagaReply, type IdempotentHandler } from '@tessera/events';
import type { PaymentProvider } from '../provider/payment-provider.js';
import { paymentsCollection } from '../repositories/payments.js';
import { commandPayload, type PaymentReply } from './payment-messages.js';
import { PaymentStateError } from './payment-state-error.js';

/**
 * `payment.capture-requested`: takes the authorized amount (the order is confirmed). An
 * `AUTHORIZED` payment is captured at the provider and becomes `CAPTURED`; a `CAPTURED` one is
 * left alone; both reply `payment.captured`. No payment, or one not authorized, is a saga bug:
 * a `PaymentStateError` (permanent).
 */
export function createCapturePaymentHandler(
  provider: PaymentProvider,
): IdempotentHandler<PaymentReply> {
  return async (envelope, run): Promise<PaymentReply> => {
    const { orderId } = commandPayload(envelope, 'payment.capture-requested');
    const { session } = run;
    const payments = paymentsCollection(run.db);
    const payment = await payments.findOne({ orderId }, { session });
    if (payment === null) throw new PaymentStateError('capture', orderId, null);
    if (payment.status === 'AUTHORIZED') {
      await provider.capture({ idempotencyKey: orderId });
      await payments.updateOne(
        { _id: payment._id, status: 'AUTHORIZED' },
        { $set: { status: 'CAPTURED', updatedAt: new Date() } },
        { session },
      );
    } else if (payment.status !== 'CAPTURED') {
      throw new PaymentStateError('capture', orderId, payment.status);
    }
    await appendSagaReply(run, envelope, 'payment.captured', { orderId });
    return 'payment.captured';
  };
}

import { appendSagaReply, type IdempotentHandler } from '@tessera/events';
import type { PaymentProvider } from '../provider/payment-provider.js';
import { PaymentDeclinedError } from '../provider/provider-errors.js';
import {
  newPaymentId,
  paymentsCollection,
  voidedTombstone,
  type PaymentDocument,
} from '../repositories/payments.js';
import { commandPayload, type PaymentReply } from './payment-messages.js';
import { recordPayment } from './record-payment.js';

/** The decline reason the saga gets when the order was cancelled before it was authorized. */
export const ORDER_CANCELLED = 'ORDER_CANCELLED';

/**
 * `payment.authorize-requested`: holds the order total on the customer's card, once per order.
 *
 * - The order has a payment already (a redelivery, or the saga asking again): `AUTHORIZED` or
 *   `CAPTURED` replies `payment.authorized` with it, `DECLINED` replies `payment.declined` again,
 *   `VOIDED` (the void came first) replies `payment.declined` `ORDER_CANCELLED` after making sure
 *   the provider holds nothing for the order.
 * - Otherwise it asks the provider (idempotency key: the order id, so a retry after a timeout
 *   finds the charge instead of making a second one). A charge records an `AUTHORIZED` payment;
 *   a decline records a `DECLINED` one and replies `payment.declined`: a business outcome, so the
 *   job succeeds. A provider that refuses because the order was voided gets a tombstone and
 *   `ORDER_CANCELLED`. Transient provider errors propagate: BullMQ retries with backoff.
 */
export function createAuthorizePaymentHandler(
  provider: PaymentProvider,
): IdempotentHandler<PaymentReply> {
  return async (envelope, run): Promise<PaymentReply> => {
    const { orderId, customerId, amount, paymentToken } = commandPayload(
      envelope,
      'payment.authorize-requested',
    );
    const { session } = run;
    const existing = await paymentsCollection(run.db).findOne({ orderId }, { session });

    const cancelled = async (): Promise<PaymentReply> => {
      await provider.void({ idempotencyKey: orderId });
      await appendSagaReply(run, envelope, 'payment.declined', {
        orderId,
        reason: ORDER_CANCELLED,
      });
      return 'payment.declined';
    };

    if (existing !== null) {
      switch (existing.status) {
        case 'AUTHORIZED':
        case 'CAPTURED':
          await appendSagaReply(run, envelope, 'payment.authorized', {
            orderId,
            paymentId: existing._id,
          });
          return 'payment.authorized';
        case 'VOIDED':
          run.logger.info({ orderId }, 'authorize after void: the order was cancelled');
          return cancelled();
        case 'DECLINED':
          await appendSagaReply(run, envelope, 'payment.declined', {
            orderId,
            reason: existing.declineReason ?? 'card_declined',
          });
          return 'payment.declined';
      }
    }

    const now = new Date();
    const payment = {
      orderId,
      customerId,
      amount,
      createdAt: now,
      updatedAt: now,
    } satisfies Partial<PaymentDocument>;
    try {
      const charge = await provider.authorize({
        idempotencyKey: orderId,
        token: paymentToken,
        amount,
      });
      const paymentId = newPaymentId();
      await recordPayment(run, {
        _id: paymentId,
        ...payment,
        status: 'AUTHORIZED',
        method: `card •••• ${charge.last4}`,
        providerChargeId: charge.chargeId,
      });
      await appendSagaReply(run, envelope, 'payment.authorized', { orderId, paymentId });
      return 'payment.authorized';
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error;
      if (error.reason === 'voided') {
        await recordPayment(run, voidedTombstone(orderId, now));
        return cancelled();
      }
      await recordPayment(run, {
        _id: newPaymentId(),
        ...payment,
        status: 'DECLINED',
        method: error.last4 === null ? 'card' : `card •••• ${error.last4}`,
        declineReason: error.reason,
      });
      run.logger.info({ orderId, reason: error.reason }, 'payment declined');
      await appendSagaReply(run, envelope, 'payment.declined', { orderId, reason: error.reason });
      return 'payment.declined';
    }
  };
}

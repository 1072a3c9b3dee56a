import type { IdempotentHandler } from '@tessera/events';
import type { PaymentProvider } from '../provider/payment-provider.js';
import { createAuthorizePaymentHandler } from './authorize-payment.js';
import { createCapturePaymentHandler } from './capture-payment.js';
import { createVoidPaymentHandler } from './void-payment.js';
import type { PaymentCommand, PaymentReply } from './payment-messages.js';

export interface PaymentHandlersDeps {
  readonly provider: PaymentProvider;
}

/**
 * Payments' part of the order saga: a handler per command on queue `payments`, for
 * `createMessaging({ consumes: { handlers } })`, which runs each as an idempotent consumer (one
 * effect per command id). Each resolves to the reply type it queued.
 */
export function createPaymentHandlers({
  provider,
}: PaymentHandlersDeps): Readonly<Record<PaymentCommand, IdempotentHandler<PaymentReply>>> {
  return {
    'payment.authorize-requested': createAuthorizePaymentHandler(provider),
    'payment.capture-requested': createCapturePaymentHandler(provider),
    'payment.void-requested': createVoidPaymentHandler(provider),
  };
}

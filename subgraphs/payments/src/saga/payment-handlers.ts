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
    'payment.authorize-requested': loggingReply(createAuthorizePaymentHandler(provider)),
    'payment.capture-requested': loggingReply(createCapturePaymentHandler(provider)),
    'payment.void-requested': loggingReply(createVoidPaymentHandler(provider)),
  };
}

/** Logs the reply a handler queued, once per handler run (each queues exactly one). */
function loggingReply(handler: IdempotentHandler<PaymentReply>): IdempotentHandler<PaymentReply> {
  return async (envelope, run) => {
    const reply = await handler(envelope, run);
    run.logger.info({ reply, attempts: run.attempt }, 'payment reply queued');
    return reply;
  };
}

export { createServer, type PaymentsServerDeps } from './server.js';
export { paymentsConfigSchema, loadPaymentsConfig, type PaymentsConfig } from './config.js';
export { paymentsIndexes } from './indexes.js';
export { createLoaders, type PaymentsLoaders } from './loaders.js';
export type { PaymentsContext } from './context.js';
export {
  PAYMENT_STATUSES,
  type PaymentDocument,
  type PaymentStatus,
  type MoneyValue,
} from './repositories/payments.js';
export type {
  AuthorizeRequest,
  PaymentProvider,
  ProviderCharge,
  ProviderKey,
  VoidResult,
} from './provider/payment-provider.js';
export {
  createFakePaymentProvider,
  TEST_CARD_LAST4,
  type CreateFakePaymentProviderOptions,
  type FakePaymentProvider,
} from './provider/create-fake-payment-provider.js';
export {
  PROVIDER_CHARGES_COLLECTION,
  providerChargesCollection,
  type ProviderChargeDocument,
  type ProviderChargeStatus,
} from './provider/provider-charges.js';
export {
  ChargeStateError,
  PaymentDeclinedError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  type DeclineReason,
} from './provider/provider-errors.js';
export { createPaymentHandlers, type PaymentHandlersDeps } from './saga/payment-handlers.js';
export { ORDER_CANCELLED } from './saga/authorize-payment.js';
export { PaymentStateError } from './saga/payment-state-error.js';
export {
  PAYMENT_COMMANDS,
  type PaymentCommand,
  type PaymentReply,
} from './saga/payment-messages.js';

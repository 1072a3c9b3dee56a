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

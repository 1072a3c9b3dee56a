export { createServer, type InventoryServerDeps } from './server.js';
export { inventoryConfigSchema, loadInventoryConfig, type InventoryConfig } from './config.js';
export { inventoryIndexes } from './indexes.js';
export { createLoaders, type InventoryLoaders } from './loaders.js';
export type { InventoryContext } from './context.js';
export type { StockDocument } from './repositories/stock.js';
export type {
  ReservationDocument,
  ReservationLine,
  ReservationStatus,
} from './repositories/reservations.js';
export { stockCommandHandlers } from './saga/stock-command-handlers.js';
export {
  ReservationFailureReasons,
  type ReservationFailureReason,
} from './saga/reservation-failure-reasons.js';
export { ReservationStateError, StockBooksError } from './saga/stock-command-error.js';
export { shippingEstimate, SHIPPING_TARIFF, type MoneyValue } from './shipping-estimate.js';

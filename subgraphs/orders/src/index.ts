export { createServer, type OrdersServerDeps } from './server.js';
export { ordersConfigSchema, loadOrdersConfig, type OrdersConfig } from './config.js';
export { ordersIndexes } from './indexes.js';
export { createLoaders, type OrdersLoaders, type CustomerOrdersPageKey } from './loaders.js';
export type { OrdersContext } from './context.js';
export {
  ORDER_STATUSES,
  type OrderDocument,
  type OrderLineDocument,
  type OrderStatus,
  type MoneyValue,
} from './repositories/orders.js';

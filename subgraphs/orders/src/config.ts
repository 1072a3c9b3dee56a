import { httpUrl, loadConfig, millis, type Env } from '@tessera/config';
import {
  messagingEnvShape,
  subgraphEnvSchema,
  toMessagingEnv,
  toSubgraphEnv,
  type MessagingEnv,
  type SubgraphEnv,
} from '@tessera/subgraph-kit';

/** Where orders asks catalog for product names and prices in dev (the CONTRACT port). */
export const DEFAULT_CATALOG_URL = 'http://127.0.0.1:4002/graphql';

export interface OrdersConfig extends SubgraphEnv, MessagingEnv {
  /**
   * `ORDERS_SAGA_STEP_TIMEOUT_MS`: how long a saga step (reserving stock, authorizing the
   * payment) may take before the saga compensates and cancels the order.
   * @defaultValue 30000
   */
  readonly sagaStepTimeoutMs: number;
  /**
   * `SUBGRAPH_CATALOG_URL`: catalog's GraphQL endpoint, asked for the name and price of each
   * ordered product when an order is placed (the same variable the gateway routes with).
   * @defaultValue {@link DEFAULT_CATALOG_URL}
   */
  readonly catalogUrl: URL;
}

export const ordersConfigSchema = subgraphEnvSchema('orders', 4004)
  .extend({
    ...messagingEnvShape(),
    ORDERS_SAGA_STEP_TIMEOUT_MS: millis(30_000).refine((ms) => ms >= 100, 'must be at least 100'),
    SUBGRAPH_CATALOG_URL: httpUrl().default(DEFAULT_CATALOG_URL),
  })
  .transform((vars): OrdersConfig => ({
    ...toSubgraphEnv('orders', vars),
    ...toMessagingEnv(vars),
    sagaStepTimeoutMs: vars.ORDERS_SAGA_STEP_TIMEOUT_MS,
    catalogUrl: new URL(vars.SUBGRAPH_CATALOG_URL),
  }));

/** Reads and validates the orders environment; throws a `ConfigError` listing every problem. */
export function loadOrdersConfig(env: Env = process.env): OrdersConfig {
  return loadConfig('orders', ordersConfigSchema, env);
}

import { loadConfig, type Env } from '@tessera/config';
import { subgraphConfigSchema, type SubgraphEnv } from '@tessera/subgraph-kit';

/** orders has no settings beyond the ones every subgraph reads (the saga will add its own). */
export type OrdersConfig = SubgraphEnv;

export const ordersConfigSchema = subgraphConfigSchema('orders', 4004);

/** Reads and validates the orders environment; throws a `ConfigError` listing every problem. */
export function loadOrdersConfig(env: Env = process.env): OrdersConfig {
  return loadConfig('orders', ordersConfigSchema, env);
}

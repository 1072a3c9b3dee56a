import { loadConfig, type Env } from '@tessera/config';
import {
  messagingEnvShape,
  subgraphEnvSchema,
  toMessagingEnv,
  toSubgraphEnv,
  type MessagingEnv,
  type SubgraphEnv,
} from '@tessera/subgraph-kit';

/**
 * inventory reads what every subgraph reads, plus where the saga's queues are: it consumes the
 * stock commands on `inventory` and replies on `orders`.
 */
export interface InventoryConfig extends SubgraphEnv, MessagingEnv {}

export const inventoryConfigSchema = subgraphEnvSchema('inventory', 4003)
  .extend(messagingEnvShape())
  .transform((vars): InventoryConfig => ({
    ...toSubgraphEnv('inventory', vars),
    ...toMessagingEnv(vars),
  }));

/** Reads and validates the inventory environment; throws a `ConfigError` listing every problem. */
export function loadInventoryConfig(env: Env = process.env): InventoryConfig {
  return loadConfig('inventory', inventoryConfigSchema, env);
}

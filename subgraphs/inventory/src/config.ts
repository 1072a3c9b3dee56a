import { loadConfig, type Env } from '@tessera/config';
import { subgraphConfigSchema, type SubgraphEnv } from '@tessera/subgraph-kit';

/** inventory has no settings beyond the ones every subgraph reads. */
export type InventoryConfig = SubgraphEnv;

export const inventoryConfigSchema = subgraphConfigSchema('inventory', 4003);

/** Reads and validates the inventory environment; throws a `ConfigError` listing every problem. */
export function loadInventoryConfig(env: Env = process.env): InventoryConfig {
  return loadConfig('inventory', inventoryConfigSchema, env);
}

import { loadConfig, type Env } from '@tessera/config';
import { subgraphConfigSchema, type SubgraphEnv } from '@tessera/subgraph-kit';

/** catalog has no settings beyond the ones every subgraph reads. */
export type CatalogConfig = SubgraphEnv;

export const catalogConfigSchema = subgraphConfigSchema('catalog', 4002);

/** Reads and validates the catalog environment; throws a `ConfigError` listing every problem. */
export function loadCatalogConfig(env: Env = process.env): CatalogConfig {
  return loadConfig('catalog', catalogConfigSchema, env);
}

import { loadConfig, type Env } from '@tessera/config';
import { subgraphConfigSchema, type SubgraphEnv } from '@tessera/subgraph-kit';

/** payments has no settings beyond the ones every subgraph reads. */
export type PaymentsConfig = SubgraphEnv;

export const paymentsConfigSchema = subgraphConfigSchema('payments', 4005);

/** Reads and validates the payments environment; throws a `ConfigError` listing every problem. */
export function loadPaymentsConfig(env: Env = process.env): PaymentsConfig {
  return loadConfig('payments', paymentsConfigSchema, env);
}

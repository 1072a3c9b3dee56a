import { loadConfig, millis, type Env } from '@tessera/config';
import {
  messagingEnvShape,
  subgraphEnvSchema,
  toMessagingEnv,
  toSubgraphEnv,
  type MessagingEnv,
  type SubgraphEnv,
} from '@tessera/subgraph-kit';

/**
 * payments' settings: every subgraph's, plus the Redis of the order saga's queues (it consumes
 * `payments` and replies on `orders`).
 */
export interface PaymentsConfig extends SubgraphEnv, MessagingEnv {
  /**
   * `PAYMENTS_PROVIDER_LATENCY_MS`: how long the fake provider takes to answer an authorization
   * (to try out timeouts and crashes mid-payment). @defaultValue 0
   */
  readonly providerLatencyMs: number;
}

export const paymentsConfigSchema = subgraphEnvSchema('payments', 4005)
  .extend({ ...messagingEnvShape(), PAYMENTS_PROVIDER_LATENCY_MS: millis(0) })
  .transform((vars): PaymentsConfig => ({
    ...toSubgraphEnv('payments', vars),
    ...toMessagingEnv(vars),
    providerLatencyMs: vars.PAYMENTS_PROVIDER_LATENCY_MS,
  }));

/** Reads and validates the payments environment; throws a `ConfigError` listing every problem. */
export function loadPaymentsConfig(env: Env = process.env): PaymentsConfig {
  return loadConfig('payments', paymentsConfigSchema, env);
}

import { loadConfig, type Env } from '@tessera/config';
import { subgraphConfigSchema, type SubgraphEnv } from '@tessera/subgraph-kit';

/** reviews has no settings beyond the ones every subgraph reads. */
export type ReviewsConfig = SubgraphEnv;

export const reviewsConfigSchema = subgraphConfigSchema('reviews', 4006);

/** Reads and validates the reviews environment; throws a `ConfigError` listing every problem. */
export function loadReviewsConfig(env: Env = process.env): ReviewsConfig {
  return loadConfig('reviews', reviewsConfigSchema, env);
}

import type { MessagingDeps } from './create-messaging.js';

/**
 * The messaging settings of a service's config (structurally `MessagingEnv` from
 * `@tessera/subgraph-kit`, without depending on it).
 */
export interface MessagingEnvLike {
  readonly redisUrl: string;
  readonly queueEnvironment: string;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
}

/**
 * The {@link MessagingDeps} a service's `main.ts` passes to `createServer`: Redis, the queue
 * environment and the worker's stalled-job settings from its config. Tests build theirs by
 * hand (shorter backoffs).
 */
export function messagingDepsFrom(env: MessagingEnvLike): MessagingDeps {
  return {
    connection: env.redisUrl,
    environment: env.queueEnvironment,
    worker: { lockDuration: env.lockDurationMs, stalledInterval: env.stalledIntervalMs },
  };
}

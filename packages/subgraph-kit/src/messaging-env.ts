import { z } from 'zod';
import { millis, redisUrl } from '@tessera/config';

/** Where the Redis of BullMQ is when `REDIS_URL` is not set (the dev default of CONTRACT). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The settings of a subgraph that sends or consumes messages (the order saga's services). */
export interface MessagingEnv {
  /** `REDIS_URL`. @defaultValue {@link DEFAULT_REDIS_URL} */
  readonly redisUrl: string;
  /**
   * `QUEUE_ENVIRONMENT`: the queues' Redis key prefix is `tessera:<it>`, so two stacks on one
   * Redis (dev and a test run) never see each other's jobs.
   * @defaultValue `dev` in development, else `NODE_ENV`
   */
  readonly queueEnvironment: string;
  /**
   * `QUEUE_LOCK_DURATION_MS`: how long a worker's lock on a job lasts without renewal; a killed
   * worker's job is redelivered about this long (plus the stalled interval) after it died.
   * @defaultValue 30000
   */
  readonly lockDurationMs: number;
  /** `QUEUE_STALLED_INTERVAL_MS`: how often workers look for stalled jobs. @defaultValue 15000 */
  readonly stalledIntervalMs: number;
}

/** The zod shape of the messaging variables, to `.extend()` a `subgraphEnvSchema` with. */
export function messagingEnvShape() {
  return {
    REDIS_URL: redisUrl().default(DEFAULT_REDIS_URL),
    QUEUE_ENVIRONMENT: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'must be letters, digits, "_", "-" or "." (at most 64)')
      .optional(),
    QUEUE_LOCK_DURATION_MS: millis(30_000).refine((ms) => ms >= 1_000, 'must be at least 1000'),
    QUEUE_STALLED_INTERVAL_MS: millis(15_000).refine((ms) => ms >= 500, 'must be at least 500'),
  };
}

/** Maps the parsed messaging variables (with `NODE_ENV`) to {@link MessagingEnv}. */
export function toMessagingEnv(vars: {
  readonly REDIS_URL: string;
  readonly QUEUE_ENVIRONMENT?: string | undefined;
  readonly QUEUE_LOCK_DURATION_MS: number;
  readonly QUEUE_STALLED_INTERVAL_MS: number;
  readonly NODE_ENV: string;
}): MessagingEnv {
  return {
    lockDurationMs: vars.QUEUE_LOCK_DURATION_MS,
    stalledIntervalMs: vars.QUEUE_STALLED_INTERVAL_MS,
    redisUrl: vars.REDIS_URL,
    queueEnvironment:
      vars.QUEUE_ENVIRONMENT ?? (vars.NODE_ENV === 'development' ? 'dev' : vars.NODE_ENV),
  };
}

import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { noopLogger, type EventsLogger } from './events-logger.js';
import type { MessageEnvelope } from './envelope.js';
import { redisConnectionOptions } from './redis-connection.js';

/**
 * Job defaults that replace BullMQ's (one attempt, nothing removed):
 * - 8 attempts with exponential backoff from 1 s and 50 % jitter: about 2 minutes of retries
 *   (1 + 2 + 4 + ... + 64 s), enough to ride out a restarting dependency, and the jitter keeps
 *   retries of a burst from arriving together;
 * - completed jobs kept for 1 h, at most 1,000: bounded memory. While a job is kept, a second
 *   `add` with its id is a no-op; after it is removed a re-publication makes a new job, which the
 *   idempotent consumer acknowledges without effect;
 * - failed jobs never removed: the failed set is the dead-letter set (`listDeadLetters`).
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: false,
} as const satisfies DefaultJobOptions;

/** The Redis key prefix of an environment: queues of `dev`, `test` and `production` never mix. */
export function queuePrefix(environment: string): string {
  if (!/^[\w.-]+$/.test(environment)) {
    throw new TypeError(`queuePrefix: "${environment}" must be letters, digits, "_", "-" or "."`);
  }
  return `tessera:${environment}`;
}

export interface CreateQueueOptions {
  /** A `redis://` URL or BullMQ connection options. */
  readonly connection: string | ConnectionOptions;
  /**
   * The environment whose key prefix the queue uses (`queuePrefix`). Workers must use the same.
   * @defaultValue 'dev'
   */
  readonly environment?: string;
  /** Overrides merged over `DEFAULT_JOB_OPTIONS`. @defaultValue {} */
  readonly defaultJobOptions?: DefaultJobOptions;
  /** Where connection errors go. @defaultValue a logger that drops everything */
  readonly logger?: EventsLogger;
}

/** A queue of message envelopes; the job name is the envelope's `type`. */
export type EnvelopeQueue = Queue<MessageEnvelope, unknown, string>;

/**
 * A BullMQ queue with Tessera's defaults (`DEFAULT_JOB_OPTIONS`) and the environment's prefix.
 * Connection errors are logged instead of crashing the process (an `error` event without a
 * listener would throw); commands wait for Redis to come back.
 */
export function createQueue(name: string, options: CreateQueueOptions): EnvelopeQueue {
  const logger = options.logger ?? noopLogger;
  const queue: EnvelopeQueue = new Queue<MessageEnvelope, unknown, string>(name, {
    connection:
      typeof options.connection === 'string'
        ? redisConnectionOptions(options.connection)
        : options.connection,
    prefix: queuePrefix(options.environment ?? 'dev'),
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...options.defaultJobOptions },
  });
  queue.on('error', (error: Error) => {
    logger.warn({ queue: name, err: error.message }, 'queue connection error');
  });
  return queue;
}

import { UnrecoverableError } from 'bullmq';

/**
 * A failure worth retrying: a dependency timed out or was briefly unavailable. A worker built by
 * `createWorker` lets BullMQ retry it with the queue's exponential backoff.
 *
 * Errors that are neither a `TransientError` nor an `UnrecoverableError` are retried too: a
 * consumer is idempotent, so an unnecessary retry costs time, never correctness.
 */
export class TransientError extends Error {
  readonly code = 'EVENTS_TRANSIENT' as const;
  override readonly name = 'TransientError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A message that is not a valid envelope, or whose payload breaks its registered contract.
 * It extends BullMQ's `UnrecoverableError`: retrying cannot fix the bytes, so the job goes straight
 * to the failed (dead-letter) set.
 */
export class InvalidEnvelopeError extends UnrecoverableError {
  readonly code = 'EVENTS_INVALID_ENVELOPE' as const;
  /** One line per problem, `path: message`. */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[]) {
    super(`${message}: ${issues.join('; ')}`);
    // BullMQ recognises permanent failures by class or by this name, so keep it.
    this.name = 'UnrecoverableError';
    this.issues = issues;
  }
}

/** `retryDeadLetter` was asked for a job that is not in the failed set. */
export class DeadLetterNotFoundError extends Error {
  readonly code = 'EVENTS_DEAD_LETTER_NOT_FOUND' as const;
  override readonly name = 'DeadLetterNotFoundError';
  readonly jobId: string;

  constructor(queueName: string, jobId: string) {
    super(`No failed job "${jobId}" in queue "${queueName}"`);
    this.jobId = jobId;
  }
}

export { UnrecoverableError };

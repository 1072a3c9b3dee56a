import type { Queue } from 'bullmq';
import { DeadLetterNotFoundError } from './events-error.js';

/** A failed job, as an operator inspects it. */
export interface DeadLetter {
  readonly jobId: string;
  /** The job name (the envelope's `type` for envelope queues). */
  readonly name: string;
  readonly data: unknown;
  /** The last error's message. */
  readonly failedReason: string;
  /** How many attempts ran before it failed. */
  readonly attemptsMade: number;
  /** When it failed, if BullMQ recorded it. */
  readonly failedAt: Date | undefined;
  /** The last error's stack lines, most recent attempt last. */
  readonly stacktrace: readonly string[];
}

export interface ListDeadLettersOptions {
  /** Index of the first failed job, newest first. @defaultValue 0 */
  readonly start?: number;
  /** Index of the last failed job, inclusive. @defaultValue 99 */
  readonly end?: number;
}

/**
 * The queue's dead letters: BullMQ's failed set, which `createQueue` never trims, holds every job
 * that exhausted its attempts or threw an `UnrecoverableError`.
 */
export async function listDeadLetters(
  queue: Queue,
  options: ListDeadLettersOptions = {},
): Promise<DeadLetter[]> {
  const jobs = await queue.getFailed(options.start ?? 0, options.end ?? 99);
  return jobs.map((job) => ({
    jobId: String(job.id),
    name: job.name,
    data: job.data as unknown,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn === undefined ? undefined : new Date(job.finishedOn),
    stacktrace: job.stacktrace ?? [],
  }));
}

/**
 * Moves a dead letter back to the wait list with its attempt counter reset, so it gets the full
 * retry budget again (after the cause was fixed). Same job id, so the consumer's idempotency
 * still applies.
 * @throws DeadLetterNotFoundError when no failed job has that id
 */
export async function retryDeadLetter(queue: Queue, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (job === undefined || !(await job.isFailed())) {
    throw new DeadLetterNotFoundError(queue.name, jobId);
  }
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
}

import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { parseEnvelope, type MessageContext, type MessageEnvelope } from './envelope.js';
import { noopLogger, type EventsLogger } from './events-logger.js';
import { jobLogBindings, runWithJobContext } from './job-context.js';
import { queuePrefix } from './queue-factory.js';
import { redisConnectionOptions } from './redis-connection.js';

/**
 * Stalled-job recovery. A worker holds a lock on its active job and renews it every
 * `lockDuration / 2`; a worker that dies (SIGKILL, OOM, lost host) stops renewing. Every
 * `stalledInterval` each live worker moves jobs whose lock expired back to wait, so another worker
 * redelivers them: a killed worker's job restarts within `lockDuration + stalledInterval` (~45 s).
 * - `lockDuration` 30 s: long enough that an event-loop stall of a busy worker does not lose the
 *   lock (a false stall runs the job twice; idempotency makes that harmless but wasteful);
 * - `stalledInterval` 15 s: the check costs one Redis script per worker, cheap at this rate;
 * - `maxStalledCount` 2: a job may be orphaned twice (two crashes) before it is failed. A job
 *   that crashes its worker every time is a poison message; it must reach the dead-letter set
 *   instead of killing workers forever. BullMQ's default of 1 fails a job after one crash.
 */
export const DEFAULT_STALLED_SETTINGS = {
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
} as const;

/** What a handler receives besides the envelope. */
export interface JobRun {
  /** Identity and trace of the message (also `currentJobContext()` inside the handler). */
  readonly context: MessageContext;
  /** A child logger bound to the message id, type, actor, request and trace. */
  readonly logger: EventsLogger;
  /** 1 for the first delivery, 2 for the first retry, ... */
  readonly attempt: number;
  /** The BullMQ job, for progress or logs; do not depend on its id (use `envelope.id`). */
  readonly job: Job<MessageEnvelope>;
}

export type EnvelopeHandler<R = unknown> = (
  envelope: MessageEnvelope,
  run: JobRun,
) => Promise<R> | R;

export interface CreateWorkerOptions {
  /** A `redis://` URL or BullMQ connection options. */
  readonly connection: string | ConnectionOptions;
  /** Must match the producing queue's environment (`queuePrefix`). @defaultValue 'dev' */
  readonly environment?: string;
  /** Jobs run in parallel by this worker. @defaultValue 1 */
  readonly concurrency?: number;
  /** See `DEFAULT_STALLED_SETTINGS`. @defaultValue 30000 */
  readonly lockDuration?: number;
  /** See `DEFAULT_STALLED_SETTINGS`. @defaultValue 15000 */
  readonly stalledInterval?: number;
  /** See `DEFAULT_STALLED_SETTINGS`. @defaultValue 2 */
  readonly maxStalledCount?: number;
  /** Start fetching jobs at once; else call `worker.run()`. @defaultValue true */
  readonly autorun?: boolean;
  /** Parent logger; each job logs through a child of it. @defaultValue a logger that drops everything */
  readonly logger?: EventsLogger;
}

/**
 * A BullMQ worker for envelope queues. For each job it
 * 1. validates the envelope (`parseEnvelope`); an invalid one fails at once, no retries;
 * 2. runs the handler with the message context, a child logger, and `currentJobContext()` set;
 * 3. lets the thrown error decide: `UnrecoverableError` (and `InvalidEnvelopeError`) fails the
 *    job for good, keeping it in the failed (dead-letter) set; anything else, `TransientError`
 *    included, is retried with the queue's backoff until `attempts` run out.
 */
export function createWorker<R>(
  queueName: string,
  handler: EnvelopeHandler<R>,
  options: CreateWorkerOptions,
): Worker<MessageEnvelope, R, string> {
  const logger = (options.logger ?? noopLogger).child({ queue: queueName });
  const worker = new Worker<MessageEnvelope, R, string>(
    queueName,
    async (job) => {
      const envelope = parseEnvelope(job.data);
      const jobLogger = logger.child({
        jobId: job.id,
        ...jobLogBindings(envelope.context, envelope),
      });
      const attempt = job.attemptsMade + 1;
      return runWithJobContext(envelope.context, () =>
        handler(envelope, { context: envelope.context, logger: jobLogger, attempt, job }),
      );
    },
    {
      connection:
        typeof options.connection === 'string'
          ? redisConnectionOptions(options.connection)
          : options.connection,
      prefix: queuePrefix(options.environment ?? 'dev'),
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDuration ?? DEFAULT_STALLED_SETTINGS.lockDuration,
      stalledInterval: options.stalledInterval ?? DEFAULT_STALLED_SETTINGS.stalledInterval,
      maxStalledCount: options.maxStalledCount ?? DEFAULT_STALLED_SETTINGS.maxStalledCount,
      autorun: options.autorun ?? true,
    },
  );
  worker.on('failed', (job, error) => {
    logger.warn(
      { jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message, name: error.name },
      'job attempt failed',
    );
  });
  worker.on('error', (error) => {
    logger.error({ err: error.message }, 'worker error');
  });
  return worker;
}

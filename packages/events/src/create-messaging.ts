import type { DefaultJobOptions, Worker } from 'bullmq';
import type { Db } from 'mongodb';
import { UnrecoverableError } from './events-error.js';
import { noopLogger, type EventsLogger } from './events-logger.js';
import type { MessageEnvelope } from './envelope.js';
import {
  createIdempotentConsumer,
  ensureProcessedMessageIndexes,
  type IdempotentHandler,
} from './idempotent-consumer.js';
import { ensureOutboxIndexes } from './outbox.js';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { createQueue, type EnvelopeQueue } from './queue-factory.js';
import { createWorker, type CreateWorkerOptions, type JobRun } from './worker-factory.js';

export interface CreateMessagingOptions {
  /** The service's name (`inventory`): consumers are named `<service>.<message type>`. */
  readonly service: string;
  /** The service's database: its outbox and `processed_messages` live there. */
  readonly db: Db;
  /** A `redis://` URL. */
  readonly connection: string;
  /** The queue key prefix's environment (`queuePrefix`); producers and consumers must agree. */
  readonly environment: string;
  /** The queues this service's outbox writes to. */
  readonly produces: readonly string[];
  /**
   * The queue this service consumes and its handlers by message type. Each handler runs as an
   * idempotent consumer: in one transaction with the `processed_messages` mark, so its writes
   * (and the outbox records it appends with `run.session`) have one effect per message.
   */
  readonly consumes?: {
    readonly queue: string;
    readonly handlers: Readonly<Record<string, IdempotentHandler<unknown>>>;
    /** @defaultValue 4 */
    readonly concurrency?: number;
  };
  /** Overrides of the queues' `DEFAULT_JOB_OPTIONS` (tests shorten the backoff). */
  readonly defaultJobOptions?: DefaultJobOptions;
  /** Relay tuning. @defaultValue the relay's defaults, polling every 100 ms */
  readonly relay?: Pick<OutboxRelayOptions, 'pollIntervalMs' | 'batchSize' | 'leaseMs'>;
  /** Worker tuning (stalled-job settings). */
  readonly worker?: Pick<
    CreateWorkerOptions,
    'lockDuration' | 'stalledInterval' | 'maxStalledCount'
  >;
  /** @defaultValue a logger that drops everything */
  readonly logger?: EventsLogger;
}

/**
 * What a service's `createServer(deps)` takes to run its messaging: where Redis is, and the
 * tuning tests change. Services build the rest (service name, queues, handlers) themselves.
 */
export type MessagingDeps = Pick<CreateMessagingOptions, 'connection' | 'environment'> &
  Partial<Pick<CreateMessagingOptions, 'defaultJobOptions' | 'relay' | 'worker'>>;

export interface Messaging {
  /** Producer queues by name (for dashboards and dead-letter tools), from `start()` to `stop()`. */
  readonly queues: Readonly<Record<string, EnvelopeQueue>>;
  readonly relay: OutboxRelay;
  /**
   * Opens the producer queues, ensures the outbox and idempotency indexes, then starts the relay
   * and the worker. A failure closes whatever it had opened before rejecting. A call while
   * started (or starting) is a no-op that resolves with the first call: one worker per service.
   */
  start(): Promise<void>;
  /**
   * Stops the worker (letting its active jobs finish), the relay, then closes the queues. Safe to
   * call twice, before `start()` and after a failed one; a later `start()` opens everything anew.
   */
  stop(): Promise<void>;
}

/**
 * The messaging side of one service: a relay from its outbox to the queues it produces to, and
 * a worker on the queue it consumes, dispatching by message type to idempotent handlers. A
 * message type without a handler is an `UnrecoverableError` (dead letter at once: retrying
 * cannot teach the service a new message).
 */
export function createMessaging(options: CreateMessagingOptions): Messaging {
  const logger = (options.logger ?? noopLogger).child({ component: 'messaging' });
  const { db, connection, environment } = options;
  // Filled by start(): a queue connects to Redis when it is created, and building a service
  // must not (createServer is pure). The relay reads this object at publish time.
  const queues: Record<string, EnvelopeQueue> = {};
  const relay = createOutboxRelay({
    db,
    queues,
    logger,
    pollIntervalMs: 100,
    ...options.relay,
  });

  const consumers = new Map<string, (envelope: MessageEnvelope, run: JobRun) => Promise<unknown>>();
  for (const [type, handler] of Object.entries(options.consumes?.handlers ?? {})) {
    consumers.set(
      type,
      createIdempotentConsumer({ name: `${options.service}.${type}`, db, handler }),
    );
  }
  let worker: Worker | undefined;

  const dispatch = async (envelope: MessageEnvelope, run: JobRun): Promise<unknown> => {
    const consumer = consumers.get(envelope.type);
    if (consumer === undefined) {
      throw new UnrecoverableError(
        `${options.service} has no handler for "${envelope.type}" on queue "${options.consumes?.queue ?? ''}"`,
      );
    }
    const outcome = await consumer(envelope, run);
    // The handler may have appended replies to the outbox: publish them without waiting a poll.
    relay.nudge();
    return outcome;
  };

  const open = async (): Promise<void> => {
    for (const name of options.produces) {
      queues[name] ??= createQueue(name, {
        connection,
        environment,
        logger,
        ...(options.defaultJobOptions ? { defaultJobOptions: options.defaultJobOptions } : {}),
      });
    }
    await ensureOutboxIndexes(db);
    await ensureProcessedMessageIndexes(db);
    relay.start();
    if (options.consumes) {
      worker = createWorker(options.consumes.queue, dispatch, {
        connection,
        environment,
        logger,
        concurrency: options.consumes.concurrency ?? 4,
        ...options.worker,
      });
    }
  };

  // Every step runs even when an earlier one fails, so a failing worker never leaves queues open.
  const close = async (): Promise<void> => {
    const closing = worker;
    worker = undefined;
    const openQueues = Object.values(queues);
    for (const name of Object.keys(queues)) delete queues[name];
    const results = [
      await Promise.allSettled([closing?.close()]),
      await Promise.allSettled([relay.stop()]),
      await Promise.allSettled(openQueues.map((queue) => queue.close())),
    ].flat();
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as unknown] : [],
    );
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, 'messaging: stop failed');
  };

  // The start in progress or done; undefined while stopped (and after a failed start).
  let started: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  return {
    queues,
    relay,
    start() {
      if (started) return started;
      const run = (async () => {
        // A stop in progress closes first; its failure is its caller's, not this start's.
        await stopping?.catch(() => undefined);
        try {
          await open();
        } catch (error) {
          await close().catch((closeError: unknown) => {
            logger.warn(
              { err: closeError instanceof Error ? closeError.message : String(closeError) },
              'closing messaging after a failed start failed',
            );
          });
          throw error;
        }
      })();
      started = run;
      // A failed start leaves the service stopped, so the next start() tries again.
      const forget = () => {
        if (started === run) started = undefined;
      };
      void run.then(undefined, forget);
      return run;
    },
    stop() {
      const run = started;
      started = undefined;
      if (stopping && !run) return stopping;
      // A start in flight (it waits for an earlier stop) finishes, or fails and cleans up, first.
      const current = (async () => {
        await run?.catch(() => undefined);
        await close();
      })();
      stopping = current;
      const settle = () => {
        if (stopping === current) stopping = undefined;
      };
      void current.then(settle, settle);
      return current;
    },
  };
}

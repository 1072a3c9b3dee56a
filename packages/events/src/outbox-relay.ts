import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Db } from 'mongodb';
import { noopLogger, type EventsLogger } from './events-logger.js';
import { OUTBOX_COLLECTION, type OutboxRecord } from './outbox.js';

export interface OutboxRelayOptions {
  /** The service's database, holding its `outbox` collection. */
  readonly db: Db;
  /** Destination queues by the name stored in each record (`OutboxMessage.queue`). */
  readonly queues: Readonly<Record<string, Queue>>;
  /** Wait between polls when the outbox is drained. @defaultValue 200 */
  readonly pollIntervalMs?: number;
  /** Records claimed and published per poll. @defaultValue 100 */
  readonly batchSize?: number;
  /**
   * How long a claim holds. The records a relay claimed before crashing become claimable again
   * when their lease ends. Must exceed `publishTimeoutMs`, or a slow publish could lose its claim
   * to another relay mid-flight (harmless, same job id, but wasteful).
   * @defaultValue 30000
   */
  readonly leaseMs?: number;
  /**
   * A publish that has not answered by then counts as failed (ioredis queues commands while
   * Redis is down; without a bound the relay would wait forever).
   * @defaultValue 5000
   */
  readonly publishTimeoutMs?: number;
  /** First backoff after a failed publish; doubles per failure, with 50 % jitter. @defaultValue 1000 */
  readonly retryDelayMs?: number;
  /** Backoff ceiling. @defaultValue 60000 */
  readonly maxRetryDelayMs?: number;
  /** This relay's id in `claimedBy`. @defaultValue a random UUID */
  readonly relayId?: string;
  /** @defaultValue a logger that drops everything */
  readonly logger?: EventsLogger;
}

export interface OutboxRelay {
  /** Polls until `stop()`. Idempotent. */
  start(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
  /** Claims and publishes one batch; resolves to the number of records published. */
  flushOnce(): Promise<number>;
  /**
   * Polls now instead of at the next interval, e.g. right after a commit that wrote to the
   * outbox, so a saga hop costs no poll interval. A no-op when the relay is stopped.
   */
  nudge(): void;
}

/** BullMQ did not accept the job in time (typically: Redis is down and ioredis is queueing). */
class PublishTimeoutError extends Error {
  override readonly name = 'PublishTimeoutError';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PublishTimeoutError(`publish timed out after ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Publishes outbox records to BullMQ, polling (change streams are not available everywhere).
 *
 * Guarantees:
 * - **at least once, never lost**: a record is marked published only after BullMQ accepted the
 *   job; a failed publish (Redis down, unknown queue) leaves it unpublished, retried with backoff;
 * - **no concurrent double publish**: each record is claimed with a conditional
 *   `findOneAndUpdate` lease (`claimedUntil`), so two relays never hold the same record, and a
 *   crashed relay's claim expires after `leaseMs`;
 * - **duplicates collapse**: the job id is the envelope id, so a re-publication after a crash
 *   between publish and mark finds the existing job (while it is in Redis); after that the
 *   idempotent consumer absorbs it;
 * - records are published oldest first within a relay (not a global order across relays).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const outbox = options.db.collection<OutboxRecord>(OUTBOX_COLLECTION);
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  const publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const relayId = options.relayId ?? randomUUID();
  if (leaseMs <= publishTimeoutMs) {
    throw new TypeError(
      `createOutboxRelay: leaseMs (${leaseMs}) must exceed publishTimeoutMs (${publishTimeoutMs})`,
    );
  }
  const logger = (options.logger ?? noopLogger).child({ component: 'outbox-relay', relayId });

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<number> | undefined;

  const claim = async (): Promise<OutboxRecord | null> => {
    const now = new Date();
    return outbox.findOneAndUpdate(
      {
        publishedAt: null,
        nextAttemptAt: { $lte: now },
        $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }],
      },
      { $set: { claimedUntil: new Date(now.getTime() + leaseMs), claimedBy: relayId } },
      { sort: { createdAt: 1 }, returnDocument: 'after' },
    );
  };

  const backoff = (attempts: number): number => {
    const base = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** Math.min(attempts, 30));
    return Math.round(base * (0.5 + Math.random() * 0.5));
  };

  const publish = async (record: OutboxRecord): Promise<void> => {
    const queue = options.queues[record.queue];
    if (queue === undefined) throw new Error(`no queue "${record.queue}" is configured`);
    // Records written before `deliverAt` existed have no such field.
    const deliverAt = record.deliverAt ?? null;
    const delay = deliverAt === null ? 0 : Math.max(0, deliverAt.getTime() - Date.now());
    await withTimeout(
      queue.add(record.envelope.type, record.envelope, {
        jobId: record.envelope.id,
        ...(delay > 0 ? { delay } : {}),
      }),
      publishTimeoutMs,
    );
  };

  const flush = async (): Promise<number> => {
    let published = 0;
    while (published < batchSize) {
      const record = await claim();
      if (record === null) break;
      try {
        await publish(record);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const delay = backoff(record.attempts);
        await outbox.updateOne(
          { _id: record._id, claimedBy: relayId },
          {
            $set: {
              claimedUntil: null,
              claimedBy: null,
              lastError: message,
              nextAttemptAt: new Date(Date.now() + delay),
            },
            $inc: { attempts: 1 },
          },
        );
        logger.warn(
          { messageId: record._id, queue: record.queue, err: message, retryInMs: delay },
          'outbox publish failed; will retry',
        );
        // Redis is likely down for every record: stop this batch instead of timing out on each.
        break;
      }
      // Conditional on our claim: if the lease expired and another relay re-published, its mark
      // wins and this one is a no-op; either way the job exists once.
      await outbox.updateOne(
        { _id: record._id, claimedBy: relayId },
        { $set: { publishedAt: new Date(), claimedUntil: null, lastError: null } },
      );
      published += 1;
    }
    return published;
  };

  const flushOnce = (): Promise<number> => {
    // One batch at a time per relay, so start() and a manual flushOnce() never race each other.
    const run = (inFlight ?? Promise.resolve(0)).then(flush, flush);
    inFlight = run.catch(() => 0);
    return run;
  };

  // One tick at a time: a nudge during a tick asks for another one right after it.
  let ticking = false;
  let again = false;
  const schedule = (ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };
  const tick = async (): Promise<void> => {
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let published = 0;
    try {
      published = await flushOnce();
    } catch (error) {
      logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'outbox poll failed',
      );
    } finally {
      ticking = false;
    }
    if (!running) return;
    // A full batch means more is waiting, and a nudge means new records: go again at once.
    const now = again || published >= batchSize;
    again = false;
    schedule(now ? 0 : pollIntervalMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      void tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
    flushOnce,
    nudge() {
      if (!running) return;
      if (ticking) again = true;
      else schedule(0);
    },
  };
}

import { MongoServerError, type ClientSession, type Db, type TransactionOptions } from 'mongodb';
import type { MessageEnvelope } from './envelope.js';
import type { JobRun } from './worker-factory.js';

/** The collection, in the consumer's own database, of the message ids it has processed. */
export const PROCESSED_MESSAGES_COLLECTION = 'processed_messages';

/** One processed message. `_id` is `${consumer}/${messageId}`. */
export interface ProcessedMessage {
  readonly _id: string;
  readonly consumer: string;
  readonly messageId: string;
  readonly type: string;
  readonly processedAt: Date;
}

/** What an idempotent handler receives: the job run plus the transaction to write in. */
export interface IdempotentRun extends JobRun {
  /** Every write of the handler's effect must pass this session. */
  readonly session: ClientSession;
  readonly db: Db;
}

export type IdempotentHandler<R> = (
  envelope: MessageEnvelope,
  run: IdempotentRun,
) => Promise<R> | R;

/** The outcome of one delivery. */
export type IdempotentResult<R> =
  { readonly duplicate: false; readonly result: R } | { readonly duplicate: true };

export interface IdempotentConsumerOptions<R> {
  /**
   * The consumer's stable name (e.g. `inventory.reserve-stock`). Two consumers of one message
   * each process it once, so the mark is per consumer.
   */
  readonly name: string;
  /** The consumer service's database; its client must reach a replica set (transactions). */
  readonly db: Db;
  readonly handler: IdempotentHandler<R>;
  /** @defaultValue majority write concern, snapshot read concern */
  readonly transactionOptions?: TransactionOptions;
}

const DUPLICATE_KEY = 11_000;

/** Creates the unique index on (consumer, message id); idempotent, call it at startup. */
export async function ensureProcessedMessageIndexes(db: Db): Promise<void> {
  await db
    .collection<ProcessedMessage>(PROCESSED_MESSAGES_COLLECTION)
    .createIndex({ consumer: 1, messageId: 1 }, { unique: true, name: 'consumer_message' });
}

/**
 * Wraps a handler so each envelope id has exactly one effect for this consumer, however many
 * times it is delivered (retries, re-publications, stalled-job redeliveries, replays).
 *
 * In one MongoDB transaction it checks the mark, runs the handler with the session, and records
 * the mark. A delivery after a success finds the mark and returns `{ duplicate: true }` without
 * running the handler. A handler that throws aborts the transaction: neither its effect nor the
 * mark is kept, and the error propagates (so BullMQ retries or dead-letters it). Two concurrent
 * deliveries collide on the mark (write conflict or duplicate key); the loser is retried by the
 * driver or reported as a duplicate, and its effect is rolled back. A duplicate key raised by the
 * handler's own writes (a unique index of its collections) is the handler's failure: it propagates
 * like any other error, and BullMQ retries the job.
 *
 * Effects outside the database (a payment provider call) are not covered: they need their own
 * idempotency key, e.g. the envelope id.
 */
export function createIdempotentConsumer<R>(
  options: IdempotentConsumerOptions<R>,
): (envelope: MessageEnvelope, run: JobRun) => Promise<IdempotentResult<R>> {
  const { db, name, handler } = options;
  const processed = db.collection<ProcessedMessage>(PROCESSED_MESSAGES_COLLECTION);
  const transactionOptions: TransactionOptions = options.transactionOptions ?? {
    readConcern: { level: 'snapshot' },
    writeConcern: { w: 'majority' },
  };

  // Only a duplicate key in `processed_messages` is a duplicate delivery: the handler's own
  // unique indexes (payments' one payment per order) raise 11000 too, and acknowledging those
  // would drop the message. MongoDB and the embedded server name the namespace in the message
  // (`E11000 duplicate key error collection: <db>.<coll> index: ...`); `keyPattern` cannot tell
  // (every `_id_` index has the same one). A server that words it otherwise fails safe: the
  // error propagates and the retry finds the mark.
  const markNamespace = `collection: ${processed.namespace} index:`;
  const isMarkCollision = (error: unknown): boolean =>
    error instanceof MongoServerError &&
    error.code === DUPLICATE_KEY &&
    error.message.includes(markNamespace);

  return async (envelope, run) => {
    const key = `${name}/${envelope.id}`;
    const session = db.client.startSession();
    try {
      return await session.withTransaction(async (): Promise<IdempotentResult<R>> => {
        const seen = await processed.findOne({ _id: key }, { session });
        if (seen !== null) {
          run.logger.info({ consumer: name }, 'duplicate delivery; acknowledged without effect');
          return { duplicate: true };
        }
        const result = await handler(envelope, { ...run, session, db });
        await processed.insertOne(
          {
            _id: key,
            consumer: name,
            messageId: envelope.id,
            type: envelope.type,
            processedAt: new Date(),
          },
          { session },
        );
        return { duplicate: false, result };
      }, transactionOptions);
    } catch (error) {
      // A concurrent delivery committed the mark first; ours was rolled back with its effect.
      if (isMarkCollision(error)) {
        run.logger.info({ consumer: name }, 'duplicate delivery (concurrent)');
        return { duplicate: true };
      }
      throw error;
    } finally {
      await session.endSession();
    }
  };
}

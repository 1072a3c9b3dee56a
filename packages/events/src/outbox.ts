import type { ClientSession, Db } from 'mongodb';
import type { MessageEnvelope } from './envelope.js';

/** The collection, in each service's own database, that holds messages waiting to be published. */
export const OUTBOX_COLLECTION = 'outbox';

/** One message to publish, and the queue it goes to. */
export interface OutboxMessage {
  /** The BullMQ queue name (without the environment prefix). */
  readonly queue: string;
  readonly envelope: MessageEnvelope;
  /**
   * Deliver no earlier than this: the job is published as a BullMQ delayed job (a saga's step
   * timeout). The delay counts from the state change, not from the publish, so a relay that
   * publishes late (Redis was down) does not push the deadline back.
   * @defaultValue undefined (deliver at once)
   */
  readonly deliverAt?: Date;
}

/** An outbox document. `_id` is the envelope id, so one message is written at most once. */
export interface OutboxRecord {
  readonly _id: string;
  readonly queue: string;
  readonly envelope: MessageEnvelope;
  /** See {@link OutboxMessage.deliverAt}; null delivers at once. */
  readonly deliverAt: Date | null;
  readonly createdAt: Date;
  /** Null until a relay has published it. */
  readonly publishedAt: Date | null;
  /** A relay's lease on the record; null or past = free to claim. */
  readonly claimedUntil: Date | null;
  readonly claimedBy: string | null;
  /** Failed publish attempts so far. */
  readonly attempts: number;
  /** No relay claims it before this time (backoff after a failed publish). */
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
}

/** Creates the relay's claim index; idempotent, call it at startup. */
export async function ensureOutboxIndexes(db: Db): Promise<void> {
  await db
    .collection<OutboxRecord>(OUTBOX_COLLECTION)
    .createIndex({ publishedAt: 1, nextAttemptAt: 1, createdAt: 1 }, { name: 'unpublished' });
}

/** The outbox document of a message not yet published. */
export function toOutboxRecord(message: OutboxMessage, now = new Date()): OutboxRecord {
  return {
    _id: message.envelope.id,
    queue: message.queue,
    envelope: message.envelope,
    deliverAt: message.deliverAt ?? null,
    createdAt: now,
    publishedAt: null,
    claimedUntil: null,
    claimedBy: null,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
  };
}

/**
 * Writes messages to the outbox. Pass the session of the transaction that makes the state change:
 * the messages then commit with it or not at all, so a crash between the commit and the publish
 * loses nothing (the relay publishes them later) and an aborted change publishes nothing.
 *
 * `session` null writes outside any transaction (a message with no state change of its own).
 * Re-writing a message id already in the outbox fails with a duplicate-key error (11000), which
 * aborts the transaction: a deterministic id makes a replayed producer harmless.
 *
 * Without a replica set, use the single-document form instead: keep the records in an array of
 * the aggregate document (`pendingEvents`, each built with `toOutboxRecord`) pushed by the same
 * update that changes the state, and have a relay move them out (README, "Single-document outbox").
 */
export async function appendToOutbox(
  session: ClientSession | null,
  db: Db,
  messages: OutboxMessage | readonly OutboxMessage[],
): Promise<void> {
  const list: readonly OutboxMessage[] = Array.isArray(messages)
    ? (messages as readonly OutboxMessage[])
    : [messages as OutboxMessage];
  if (list.length === 0) return;
  const now = new Date();
  await db.collection<OutboxRecord>(OUTBOX_COLLECTION).insertMany(
    list.map((message) => toOutboxRecord(message, now)),
    session === null ? { ordered: true } : { session, ordered: true },
  );
}

/**
 * Deletes published records older than `olderThanMs` (they are an audit trail, not state).
 * Run it periodically, or give `outbox` a TTL index on `publishedAt` in production instead.
 * Unpublished records are never touched.
 * @returns the number of records deleted
 */
export async function purgePublishedOutbox(db: Db, olderThanMs: number): Promise<number> {
  const result = await db
    .collection<OutboxRecord>(OUTBOX_COLLECTION)
    .deleteMany({ publishedAt: { $ne: null, $lt: new Date(Date.now() - olderThanMs) } });
  return result.deletedCount;
}

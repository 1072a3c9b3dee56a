import {
  createIdempotentConsumer,
  ensureOutboxIndexes,
  ensureProcessedMessageIndexes,
  noopLogger,
  OUTBOX_COLLECTION,
  PROCESSED_MESSAGES_COLLECTION,
  type EventsLogger,
  type EventPayload,
  type IdempotentResult,
  type JobRun,
  type MessageEnvelope,
  type OutboxRecord,
} from '@tessera/events';
import { sagaCommand } from '@tessera/events/testing';
import { ensureIndexes } from '@tessera/subgraph-kit';
import { withTestDb, type TestDb } from '@tessera/testing';
import type { Db } from 'mongodb';
import { inventoryIndexes } from '../src/indexes.js';
import {
  reservationsCollection,
  type ReservationDocument,
} from '../src/repositories/reservations.js';
import { stockCollection, type StockDocument } from '../src/repositories/stock.js';
import { stockCommandHandlers } from '../src/saga/stock-command-handlers.js';

/** The commands inventory consumes. */
export type StockCommandType = keyof typeof stockCommandHandlers;

/** A command as orders sends it (see `sagaCommand`), of the types this service consumes. */
export function stockCommand<N extends StockCommandType>(
  type: N,
  payload: EventPayload<N>,
  seq = 1,
): MessageEnvelope<EventPayload<N>> {
  return sagaCommand(type, payload, seq);
}

/** A database with inventory's, the outbox's and the idempotency indexes; dropped on dispose. */
export async function sagaTestDb(): Promise<TestDb> {
  const t = await withTestDb({ prefix: 'inventory_saga' });
  await ensureIndexes(t.db, inventoryIndexes);
  await ensureOutboxIndexes(t.db);
  await ensureProcessedMessageIndexes(t.db);
  return t;
}

/** Stock documents with nothing reserved or committed. */
export async function putStock(db: Db, available: Readonly<Record<string, number>>): Promise<void> {
  const updatedAt = new Date(Date.UTC(2026, 0, 1));
  await stockCollection(db).insertMany(
    Object.entries(available).map(([_id, units]) => ({
      _id,
      available: units,
      reserved: 0,
      committed: 0,
      updatedAt,
    })),
  );
}

/** A product's three counts (without `updatedAt`), or null without a stock document. */
export async function countsOf(
  db: Db,
  productId: string,
): Promise<Pick<StockDocument, 'available' | 'reserved' | 'committed'> | null> {
  return stockCollection(db).findOne(
    { _id: productId },
    { projection: { _id: 0, available: 1, reserved: 1, committed: 1 } },
  );
}

export function reservationOf(db: Db, orderId: string): Promise<ReservationDocument | null> {
  return reservationsCollection(db).findOne({ _id: orderId });
}

/** Every outbox record, oldest first. */
export function outbox(db: Db): Promise<OutboxRecord[]> {
  return db
    .collection<OutboxRecord>(OUTBOX_COLLECTION)
    .find()
    .sort({ createdAt: 1, _id: 1 })
    .toArray();
}

export function processedCount(db: Db): Promise<number> {
  return db.collection(PROCESSED_MESSAGES_COLLECTION).countDocuments();
}

export interface DeliverOptions {
  /** @defaultValue 1 */
  readonly attempt?: number;
  /** The previous attempt's error, as BullMQ keeps it. @defaultValue '' (none) */
  readonly failedReason?: string;
  /** @defaultValue a logger that drops everything */
  readonly logger?: EventsLogger;
}

/**
 * Delivers a command the way inventory's worker does, without Redis: through an idempotent
 * consumer named like `createMessaging` names it, with a fake job run.
 */
export function deliver(
  db: Db,
  command: MessageEnvelope,
  options: DeliverOptions = {},
): Promise<IdempotentResult<MessageEnvelope>> {
  const type = command.type as StockCommandType;
  const consumer = createIdempotentConsumer({
    name: `inventory.${type}`,
    db,
    handler: stockCommandHandlers[type],
  });
  const run: JobRun = {
    context: command.context,
    logger: options.logger ?? noopLogger,
    attempt: options.attempt ?? 1,
    job: { failedReason: options.failedReason ?? '' } as unknown as JobRun['job'],
  };
  return consumer(command, run);
}

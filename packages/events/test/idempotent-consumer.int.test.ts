import { testRedisUrl, uniqueName, waitFor, withTestDb } from '@tessera/testing';
import type { Db } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEnvelope } from '../src/envelope.js';
import { noopLogger } from '../src/events-logger.js';
import {
  createIdempotentConsumer,
  ensureProcessedMessageIndexes,
  PROCESSED_MESSAGES_COLLECTION,
  type IdempotentResult,
  type ProcessedMessage,
} from '../src/idempotent-consumer.js';
import { createQueue } from '../src/queue-factory.js';
import { createWorker, type JobRun } from '../src/worker-factory.js';
import { testEnvelope } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Stock {
  _id: string;
  reserved: number;
}

/** A consumer whose effect is one `$inc` of the product's reservation, in the given session. */
function reserveConsumer(db: Db, failWith?: () => Error | undefined) {
  return createIdempotentConsumer({
    name: 'inventory.reserve',
    db,
    handler: async (envelope, { session }) => {
      await db
        .collection<Stock>('stock')
        .updateOne({ _id: 'p1' }, { $inc: { reserved: 1 } }, { session });
      const error = failWith?.();
      if (error !== undefined) throw error;
      return envelope.id;
    },
  });
}

async function reserved(db: Db): Promise<number | undefined> {
  return (await db.collection<Stock>('stock').findOne({ _id: 'p1' }))?.reserved;
}

/** What the worker gives a handler; the consumer only passes it through. */
function fakeRun(envelope: MessageEnvelope): JobRun {
  return { context: envelope.context, logger: noopLogger, attempt: 1, job: undefined as never };
}

describe('createIdempotentConsumer', () => {
  it('applies one effect when the same envelope arrives in two jobs and then as a replay', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await ensureProcessedMessageIndexes(t.db);
    await t.db.collection<Stock>('stock').insertOne({ _id: 'p1', reserved: 0 });
    const name = uniqueName('idem');
    const queue = createQueue(name, { connection: testRedisUrl(), environment: 'test' });
    const worker = createWorker(name, reserveConsumer(t.db), {
      connection: testRedisUrl(),
      environment: 'test',
    });
    cleanups.push(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    });

    const envelope = testEnvelope({ seq: 1 });
    await queue.add(envelope.type, envelope, { jobId: 'delivery-a' });
    await queue.add(envelope.type, envelope, { jobId: 'delivery-b' });
    await waitFor(
      async () => (await queue.getJobCounts('completed')).completed === 2,
      'both deliveries',
    );
    await queue.add(envelope.type, envelope, { jobId: 'replay' });
    await waitFor(
      async () => (await queue.getJobCounts('completed')).completed === 3,
      'the replay',
    );

    const results = await Promise.all(
      ['delivery-a', 'delivery-b', 'replay'].map(
        async (id) => (await queue.getJob(id))?.returnvalue as IdempotentResult<string>,
      ),
    );
    expect(results.filter((result) => !result.duplicate)).toEqual([
      { duplicate: false, result: envelope.id },
    ]);
    expect(results.filter((result) => result.duplicate)).toHaveLength(2);
    expect(await reserved(t.db)).toBe(1);
    expect(await t.db.collection(PROCESSED_MESSAGES_COLLECTION).countDocuments()).toBe(1);
  });

  it('rolls back both the effect and the processed mark when the handler fails', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await t.db.collection<Stock>('stock').insertOne({ _id: 'p1', reserved: 0 });
    let fail = true;
    const consume = reserveConsumer(t.db, () => (fail ? new Error('boom') : undefined));
    const envelope = testEnvelope({ seq: 2 });

    await expect(consume(envelope, fakeRun(envelope))).rejects.toThrow('boom');
    expect(await reserved(t.db)).toBe(0);
    expect(await t.db.collection(PROCESSED_MESSAGES_COLLECTION).countDocuments()).toBe(0);

    fail = false;
    expect(await consume(envelope, fakeRun(envelope))).toEqual({
      duplicate: false,
      result: envelope.id,
    });
    expect(await consume(envelope, fakeRun(envelope))).toEqual({ duplicate: true });
    expect(await reserved(t.db)).toBe(1);
  });

  it('applies one effect when the same envelope is delivered concurrently', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await ensureProcessedMessageIndexes(t.db);
    await t.db.collection<Stock>('stock').insertOne({ _id: 'p1', reserved: 0 });
    const consume = reserveConsumer(t.db);
    const envelope = testEnvelope({ seq: 3 });

    const results = await Promise.all(
      Array.from({ length: 5 }, () => consume(envelope, fakeRun(envelope))),
    );
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await reserved(t.db)).toBe(1);
  });

  it('propagates a duplicate key of the handler’s own unique index instead of acknowledging a duplicate delivery', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await ensureProcessedMessageIndexes(t.db);
    const payments = t.db.collection<{ orderId: string; by: string }>('payments');
    await payments.createIndex({ orderId: 1 }, { unique: true });
    await payments.insertOne({ orderId: 'ord_1', by: 'another command' });
    const consume = createIdempotentConsumer({
      name: 'payments.authorize',
      db: t.db,
      handler: async (envelope, { session }) => {
        await payments.insertOne({ orderId: 'ord_1', by: envelope.id }, { session });
        return 'recorded';
      },
    });
    const envelope = testEnvelope({ seq: 5 });

    await expect(consume(envelope, fakeRun(envelope))).rejects.toMatchObject({
      code: 11000,
      keyPattern: { orderId: 1 },
    });
    expect(await t.db.collection(PROCESSED_MESSAGES_COLLECTION).countDocuments()).toBe(0);

    // The retry BullMQ makes of the failed job still has its effect once the clash is gone.
    await payments.deleteOne({ orderId: 'ord_1' });
    expect(await consume(envelope, fakeRun(envelope))).toEqual({
      duplicate: false,
      result: 'recorded',
    });
    expect(await payments.findOne({ orderId: 'ord_1' })).toMatchObject({ by: envelope.id });
  });

  it('acknowledges as a duplicate a delivery whose processed mark collides with one already recorded', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await ensureProcessedMessageIndexes(t.db);
    await t.db.collection<Stock>('stock').insertOne({ _id: 'p1', reserved: 0 });
    const envelope = testEnvelope({ seq: 6 });
    // The mark of (consumer, message id) under another `_id`: the lookup by `_id` misses it and
    // the insert of the mark collides on the `consumer_message` index.
    await t.db.collection<ProcessedMessage>(PROCESSED_MESSAGES_COLLECTION).insertOne({
      _id: 'recorded-elsewhere',
      consumer: 'inventory.reserve',
      messageId: envelope.id,
      type: envelope.type,
      processedAt: new Date(),
    });

    expect(await reserveConsumer(t.db)(envelope, fakeRun(envelope))).toEqual({ duplicate: true });
    expect(await reserved(t.db)).toBe(0);
  });

  it('keeps the marks of two consumers of one message apart', async () => {
    await using t = await withTestDb({ prefix: 'events_idem' });
    await ensureProcessedMessageIndexes(t.db);
    const envelope = testEnvelope({ seq: 4 });
    const first = createIdempotentConsumer({ name: 'a', db: t.db, handler: () => 'a' });
    const second = createIdempotentConsumer({ name: 'b', db: t.db, handler: () => 'b' });

    expect(await first(envelope, fakeRun(envelope))).toEqual({ duplicate: false, result: 'a' });
    expect(await second(envelope, fakeRun(envelope))).toEqual({ duplicate: false, result: 'b' });
    expect(await first(envelope, fakeRun(envelope))).toEqual({ duplicate: true });
  });
});

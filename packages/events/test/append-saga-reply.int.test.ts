import { withTestDb } from '@tessera/testing';
import type { Db } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { appendSagaReply } from '../src/append-saga-reply.js';
import { SagaQueues } from '../src/contracts.js';
import type { MessageEnvelope } from '../src/envelope.js';
import { noopLogger } from '../src/events-logger.js';
import {
  createIdempotentConsumer,
  ensureProcessedMessageIndexes,
} from '../src/idempotent-consumer.js';
import { OUTBOX_COLLECTION, type OutboxRecord } from '../src/outbox.js';
import type { JobRun } from '../src/worker-factory.js';
import { testEnvelope } from './helpers.js';

/**
 * Delivers a `stock.commit-requested` for `orderId` to a consumer that replies `stock.committed`,
 * as delivery `attempt` after a failure `failedReason` (as BullMQ keeps it); returns the command
 * and the outbox.
 */
async function commitAndReply(
  db: Db,
  orderId: string,
  attempt: number,
  failedReason?: string,
): Promise<{ command: MessageEnvelope; outbox: OutboxRecord[] }> {
  await ensureProcessedMessageIndexes(db);
  const command = testEnvelope({
    type: 'stock.commit-requested',
    aggregateId: orderId,
    seq: 1,
    payload: { orderId },
  });
  const consume = createIdempotentConsumer({
    name: 'inventory.stock.commit-requested',
    db,
    handler: (envelope, run) => appendSagaReply(run, envelope, 'stock.committed', { orderId }),
  });
  const job = failedReason === undefined ? {} : { failedReason };
  const run: JobRun = {
    context: command.context,
    logger: noopLogger,
    attempt,
    job: job as unknown as JobRun['job'],
  };
  expect(await consume(command, run)).toMatchObject({ duplicate: false });
  return { command, outbox: await db.collection<OutboxRecord>(OUTBOX_COLLECTION).find().toArray() };
}

describe('appendSagaReply', () => {
  it('queues one reply for the orders saga, with the command’s context and the attempt it took', async () => {
    await using t = await withTestDb({ prefix: 'events_reply' });

    const { command, outbox } = await commitAndReply(t.db, 'ord_1', 2);

    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      _id: `${command.id}/reply`,
      queue: SagaQueues.orders,
      envelope: {
        id: `${command.id}/reply`,
        type: 'stock.committed',
        aggregateId: 'ord_1',
        payload: { orderId: 'ord_1', attempts: 2, lastError: null },
        context: command.context,
      },
    });
  });

  it('reports the previous attempt’s error cut to the contract’s 1,000 characters', async () => {
    await using t = await withTestDb({ prefix: 'events_reply' });

    const { outbox } = await commitAndReply(t.db, 'ord_2', 3, `timeout ${'y'.repeat(1_500)}`);

    const payload = outbox[0]?.envelope.payload as { attempts: number; lastError: string };
    expect(payload.attempts).toBe(3);
    expect(payload.lastError).toHaveLength(1_000);
    expect(payload.lastError.startsWith('timeout y')).toBe(true);
  });
});

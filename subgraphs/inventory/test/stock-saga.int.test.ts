import { createQueue, SagaQueues, type EnvelopeQueue, type MessageEnvelope } from '@tessera/events';
import { createLogger } from '@tessera/subgraph-kit';
import {
  startTestSubgraph,
  testRedisUrl,
  uniqueName,
  waitFor,
  testSubgraphConfig,
} from '@tessera/testing';
import type { Db } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/server.js';
import { countsOf, outbox, putStock, sagaTestDb, stockCommand } from './saga-fixture.js';

// One queue prefix for this file: its jobs never meet another file's (or run's) on the shared Redis.
const environment = uniqueName('inv');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Stack {
  readonly db: Db;
  /** Where orders puts stock commands. */
  readonly commands: EnvelopeQueue;
  /** Where inventory's replies are published (nobody consumes it here). */
  readonly replies: EnvelopeQueue;
  /** Puts a command on the inventory queue, as orders' relay does (job id = envelope id). */
  send(command: MessageEnvelope, jobId?: string): Promise<void>;
  /** Waits until the reply to `command` is on the orders queue, and returns it. */
  replyTo(command: MessageEnvelope): Promise<MessageEnvelope>;
}

/** inventory with messaging on a fresh database and this file's queue prefix; torn down after the test. */
async function startStack(): Promise<Stack> {
  const t = await sagaTestDb();
  cleanups.push(() => t.dispose());
  const connection = testRedisUrl();
  const commands = createQueue(SagaQueues.inventory, {
    connection,
    environment,
    // A failing command is retried quickly here; an unrecoverable one is not retried at all.
    defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 50 } },
  });
  const replies = createQueue(SagaQueues.orders, { connection, environment });
  cleanups.push(async () => {
    for (const queue of [commands, replies]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
  const server = await startTestSubgraph(
    createServer({
      db: t.db,
      config: testSubgraphConfig(),
      verifyToken: null,
      logger: createLogger({ service: 'inventory', level: 'silent' }),
      messaging: { connection, environment, relay: { pollIntervalMs: 50 } },
    }),
  );
  cleanups.push(() => server.stop());
  return {
    db: t.db,
    commands,
    replies,
    send: async (command, jobId = command.id) => {
      await commands.add(command.type, command, { jobId });
    },
    replyTo: async (command) => {
      const id = `${command.id}/reply`;
      let reply: MessageEnvelope | undefined;
      await waitFor(async () => {
        reply = (await replies.getJob(id))?.data;
        return reply !== undefined;
      }, `the reply to ${command.id} on the orders queue`);
      return reply!;
    },
  };
}

describe('inventory on the saga queues', () => {
  it('reserves on a reserve command and publishes stock.reserved to the orders queue', async () => {
    const stack = await startStack();
    await putStock(stack.db, { prod_a: 5 });
    const command = stockCommand('stock.reserve-requested', {
      orderId: 'ord_1',
      lines: [{ productId: 'prod_a', quantity: 2 }],
    });

    await stack.send(command);

    expect(await stack.replyTo(command)).toMatchObject({
      type: 'stock.reserved',
      aggregateId: 'ord_1',
      payload: { orderId: 'ord_1', attempts: 1, lastError: null },
      context: command.context,
    });
    expect(await countsOf(stack.db, 'prod_a')).toEqual({ available: 3, reserved: 2, committed: 0 });
    await waitFor(
      async () => (await outbox(stack.db)).every((r) => r.publishedAt !== null),
      'the outbox record marked published',
    );
  });

  it('takes an order from reserve to commit: the units end up sold', async () => {
    const stack = await startStack();
    await putStock(stack.db, { prod_a: 5 });
    const reserve = stockCommand('stock.reserve-requested', {
      orderId: 'ord_1',
      lines: [{ productId: 'prod_a', quantity: 2 }],
    });
    const commit = stockCommand('stock.commit-requested', { orderId: 'ord_1' });

    await stack.send(reserve);
    await stack.replyTo(reserve);
    await stack.send(commit);

    expect((await stack.replyTo(commit)).type).toBe('stock.committed');
    expect(await countsOf(stack.db, 'prod_a')).toEqual({ available: 3, reserved: 0, committed: 2 });
  });

  it('answers a reserve that arrives after its release with ORDER_CANCELLED, holding nothing', async () => {
    const stack = await startStack();
    await putStock(stack.db, { prod_a: 5 });
    const release = stockCommand('stock.release-requested', { orderId: 'ord_1' });
    const reserve = stockCommand('stock.reserve-requested', {
      orderId: 'ord_1',
      lines: [{ productId: 'prod_a', quantity: 2 }],
    });

    await stack.send(release);
    expect((await stack.replyTo(release)).type).toBe('stock.released');
    await stack.send(reserve);

    expect((await stack.replyTo(reserve)).payload).toEqual({
      orderId: 'ord_1',
      reason: 'ORDER_CANCELLED',
      productId: null,
      attempts: 1,
      lastError: null,
    });
    expect(await countsOf(stack.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
  });

  it('dead-letters a commit for an order never reserved at once, without retries or a reply', async () => {
    const stack = await startStack();
    const commit = stockCommand('stock.commit-requested', { orderId: 'ord_1' });

    await stack.send(commit);

    await waitFor(
      async () => (await stack.commands.getJob(commit.id))?.finishedOn !== undefined,
      'the commit job to finish',
    );
    const job = await stack.commands.getJob(commit.id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/ord_1.*missing/);
    expect(await outbox(stack.db)).toEqual([]);
  });

  it('has one effect when the same command is published twice under two job ids', async () => {
    const stack = await startStack();
    await putStock(stack.db, { prod_a: 5 });
    const command = stockCommand('stock.reserve-requested', {
      orderId: 'ord_1',
      lines: [{ productId: 'prod_a', quantity: 2 }],
    });

    await stack.send(command, 'delivery-a');
    await stack.send(command, 'delivery-b');
    await waitFor(
      async () => (await stack.commands.getJobCounts('completed')).completed === 2,
      'both deliveries to complete',
    );

    expect(await countsOf(stack.db, 'prod_a')).toEqual({ available: 3, reserved: 2, committed: 0 });
    expect((await outbox(stack.db)).map((r) => r.envelope.type)).toEqual(['stock.reserved']);
    expect(await stack.replies.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  });

  it('of 30 orders of one unit racing for 10, publishes exactly 10 stock.reserved and 20 refusals', async () => {
    const stack = await startStack();
    await putStock(stack.db, { prod_a: 10 });
    const commands = Array.from({ length: 30 }, (_, i) =>
      stockCommand('stock.reserve-requested', {
        orderId: `ord_${i}`,
        lines: [{ productId: 'prod_a', quantity: 1 }],
      }),
    );

    await stack.commands.addBulk(
      commands.map((command) => ({
        name: command.type,
        data: command,
        opts: { jobId: command.id },
      })),
    );
    const replies = await Promise.all(commands.map((command) => stack.replyTo(command)));

    expect(replies.filter((r) => r.type === 'stock.reserved')).toHaveLength(10);
    expect(replies.filter((r) => r.type === 'stock.reservation-failed')).toHaveLength(20);
    expect(await countsOf(stack.db, 'prod_a')).toEqual({
      available: 0,
      reserved: 10,
      committed: 0,
    });
  });
});

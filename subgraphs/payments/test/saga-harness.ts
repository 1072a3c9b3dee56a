import {
  createQueue,
  OUTBOX_COLLECTION,
  SagaQueues,
  type EnvelopeQueue,
  type EventPayload,
  type MessageEnvelope,
  type OutboxRecord,
} from '@tessera/events';
import { sagaCommand } from '@tessera/events/testing';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  eventually,
  startTestSubgraph,
  testRedisUrl,
  uniqueName,
  waitFor,
  withTestDb,
  type RunningTestServer,
  type TestDb,
  type TestIssuer,
  testSubgraphConfig,
} from '@tessera/testing';
import type { Job, JobsOptions } from 'bullmq';
import type { Db } from 'mongodb';
import { paymentsIndexes } from '../src/indexes.js';
import {
  createFakePaymentProvider,
  type FakePaymentProvider,
} from '../src/provider/create-fake-payment-provider.js';
import { paymentsCollection, type PaymentDocument } from '../src/repositories/payments.js';
import type { PaymentCommand } from '../src/saga/payment-messages.js';
import { createServer } from '../src/server.js';

/** A command as orders sends it (see `sagaCommand`), of the types this service consumes. */
export function paymentCommand<N extends PaymentCommand>(
  type: N,
  payload: EventPayload<N>,
  seq = 1,
): MessageEnvelope<EventPayload<N>> {
  return sagaCommand(type, payload, seq);
}

/** A fresh order id per test, so tests share the harness without sharing state. */
export const newOrderId = (): string => uniqueName('ord');

/**
 * The payments server with its messaging on the run's Redis, under an environment (key prefix)
 * of its own, over a fresh database; commands go in through a real BullMQ queue `payments`.
 */
export interface SagaHarness extends AsyncDisposable {
  readonly db: Db;
  readonly provider: FakePaymentProvider;
  readonly server: RunningTestServer;
  readonly issuer: TestIssuer;
  /** Queue `payments`, as orders' relay fills it; retries every 50 ms. */
  readonly commands: EnvelopeQueue;
  /** Queue `orders`, where payments' relay publishes its replies (nothing consumes it here). */
  readonly replies: EnvelopeQueue;
  /** Adds the command as orders' relay does: job id = envelope id. */
  send(envelope: MessageEnvelope, options?: JobsOptions): Promise<void>;
  /** Waits until the command's job is `completed` (or `failed`, with `state`) and returns it. */
  settled(envelope: MessageEnvelope, state?: 'completed' | 'failed'): Promise<Job<MessageEnvelope>>;
  /** Waits for the command's reply in payments' outbox. */
  reply(envelope: MessageEnvelope): Promise<OutboxRecord>;
  /** The outbox records replying to `envelope` (0 or 1). */
  replyCount(envelope: MessageEnvelope): Promise<number>;
  payment(orderId: string): Promise<PaymentDocument | null>;
  dispose(): Promise<void>;
}

export async function startSagaHarness(): Promise<SagaHarness> {
  const t: TestDb = await withTestDb({ prefix: 'payments_saga' });
  await ensureIndexes(t.db, paymentsIndexes);
  const environment = uniqueName('payments_saga');
  const connection = testRedisUrl();
  const provider = createFakePaymentProvider({ db: t.db });
  const issuer = await createTestIssuer();
  const fast = { backoff: { type: 'fixed', delay: 50 } } as const;
  const commands = createQueue(SagaQueues.payments, {
    connection,
    environment,
    defaultJobOptions: fast,
  });
  const replies = createQueue(SagaQueues.orders, { connection, environment });
  const server = await startTestSubgraph(
    createServer({
      db: t.db,
      config: testSubgraphConfig(),
      verifyToken: issuer.verifyToken,
      logger: createLogger({ service: 'payments', level: 'silent' }),
      provider,
      messaging: { connection, environment, defaultJobOptions: fast },
    }),
  );
  const outbox = t.db.collection<OutboxRecord>(OUTBOX_COLLECTION);

  let disposing: Promise<void> | undefined;
  const dispose = () =>
    (disposing ??= (async () => {
      try {
        await server.stop();
        for (const queue of [commands, replies]) {
          await queue.obliterate({ force: true });
          await queue.close();
        }
      } finally {
        await t.dispose();
      }
    })());

  return {
    db: t.db,
    provider,
    server,
    issuer,
    commands,
    replies,
    async send(envelope, options) {
      await commands.add(envelope.type, envelope, { ...options, jobId: envelope.id });
    },
    async settled(envelope, state = 'completed') {
      await waitFor(
        async () => (await (await commands.getJob(envelope.id))?.getState()) === state,
        `${envelope.type} ${state}`,
      );
      // Read after the state: a job fetched before it finished lacks its return value.
      const job = await commands.getJob(envelope.id);
      if (job === undefined) throw new Error(`no job ${envelope.id}`);
      return job;
    },
    reply: (envelope) =>
      eventually(
        async () => (await outbox.findOne({ _id: `${envelope.id}/reply` })) ?? undefined,
        `the reply to ${envelope.type}`,
      ),
    replyCount: (envelope) => outbox.countDocuments({ _id: `${envelope.id}/reply` }),
    payment: (orderId) => paymentsCollection(t.db).findOne({ orderId }),
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

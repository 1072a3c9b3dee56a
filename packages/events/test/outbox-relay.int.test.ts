import {
  freePort,
  startTcpProxy,
  testRedisUrl,
  uniqueName,
  waitFor,
  withTestDb,
} from '@tessera/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendToOutbox,
  purgePublishedOutbox,
  ensureOutboxIndexes,
  OUTBOX_COLLECTION,
  type OutboxRecord,
} from '../src/outbox.js';
import { createOutboxRelay } from '../src/outbox-relay.js';
import { createQueue, type EnvelopeQueue } from '../src/queue-factory.js';
import { testEnvelope } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function testQueue(name: string, connection = testRedisUrl()): EnvelopeQueue {
  const queue = createQueue(name, { connection, environment: 'test' });
  cleanups.push(async () => {
    if (connection === testRedisUrl()) await queue.obliterate({ force: true });
    await queue.close();
  });
  return queue;
}

/** Counts `add` calls per job id, to see every publication, even deduplicated ones. */
function countAdds(queue: EnvelopeQueue): Map<string, number> {
  const counts = new Map<string, number>();
  const add = queue.add.bind(queue);
  queue.add = (name, data, opts) => {
    const id = String(opts?.jobId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
    return add(name, data, opts);
  };
  return counts;
}

describe('outbox and relay', () => {
  it('publishes a committed transaction’s message exactly once, with the envelope id as job id', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    await ensureOutboxIndexes(t.db);
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const envelope = testEnvelope({ aggregateId: 'order-7', seq: 1 });

    const session = t.client.startSession();
    await session.withTransaction(async () => {
      await t.db
        .collection('orders')
        .insertOne({ _id: 'order-7' as never, status: 'PENDING' }, { session });
      await appendToOutbox(session, t.db, { queue: queueName, envelope });
    });
    await session.endSession();

    const relay = createOutboxRelay({ db: t.db, queues: { [queueName]: queue } });
    expect(await relay.flushOnce()).toBe(1);
    expect(await relay.flushOnce()).toBe(0);

    const job = await queue.getJob(envelope.id);
    expect(job?.id).toBe('order-7/test.happened/1');
    expect(job?.data).toEqual(envelope);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    const record = await t.db
      .collection<OutboxRecord>(OUTBOX_COLLECTION)
      .findOne({ _id: envelope.id });
    expect(record?.publishedAt).toBeInstanceOf(Date);
  });

  it('publishes nothing when the transaction aborts', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);

    const session = t.client.startSession();
    await expect(
      session.withTransaction(async () => {
        await t.db.collection('orders').insertOne({ _id: 'order-8' as never }, { session });
        await appendToOutbox(session, t.db, { queue: queueName, envelope: testEnvelope() });
        throw new Error('validation failed after the writes');
      }),
    ).rejects.toThrow('validation failed');
    await session.endSession();

    const relay = createOutboxRelay({ db: t.db, queues: { [queueName]: queue } });
    expect(await relay.flushOnce()).toBe(0);
    expect(await t.db.collection(OUTBOX_COLLECTION).countDocuments()).toBe(0);
    expect(await t.db.collection('orders').countDocuments()).toBe(0);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('two relays running concurrently publish each record once', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    await ensureOutboxIndexes(t.db);
    const queueName = uniqueName('outbox');
    const envelopes = Array.from({ length: 40 }, (_, i) =>
      testEnvelope({ aggregateId: `o${i}`, seq: 1 }),
    );
    await appendToOutbox(
      null,
      t.db,
      envelopes.map((envelope) => ({ queue: queueName, envelope })),
    );

    const queueA = testQueue(queueName);
    const queueB = testQueue(queueName);
    const addsA = countAdds(queueA);
    const addsB = countAdds(queueB);
    const relayA = createOutboxRelay({ db: t.db, queues: { [queueName]: queueA }, batchSize: 7 });
    const relayB = createOutboxRelay({ db: t.db, queues: { [queueName]: queueB }, batchSize: 7 });

    let total = 0;
    while (total < envelopes.length) {
      const [a, b] = await Promise.all([relayA.flushOnce(), relayB.flushOnce()]);
      if (a + b === 0) break;
      total += a + b;
    }

    expect(total).toBe(envelopes.length);
    for (const envelope of envelopes) {
      expect((addsA.get(envelope.id) ?? 0) + (addsB.get(envelope.id) ?? 0)).toBe(1);
    }
    expect(addsA.size).toBeGreaterThan(0);
    expect(addsB.size).toBeGreaterThan(0);
    expect(await queueA.getJobCounts('waiting')).toEqual({ waiting: envelopes.length });
  });

  it('a re-publication after a crash between publish and mark adds no second job', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const envelope = testEnvelope({ seq: 3 });
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope }]);
    // The crashed relay's publish reached Redis; its mark never reached MongoDB.
    await queue.add(envelope.type, envelope, { jobId: envelope.id });

    const relay = createOutboxRelay({ db: t.db, queues: { [queueName]: queue } });
    expect(await relay.flushOnce()).toBe(1);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('keeps records unpublished while Redis is unreachable, then publishes them once', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const closedPort = await freePort();
    const deadQueue = testQueue(queueName, `redis://127.0.0.1:${closedPort}`);
    const envelope = testEnvelope({ seq: 9 });
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope }]);

    const failing = createOutboxRelay({
      db: t.db,
      queues: { [queueName]: deadQueue },
      publishTimeoutMs: 300,
      retryDelayMs: 10,
    });
    expect(await failing.flushOnce()).toBe(0);
    const outbox = t.db.collection<OutboxRecord>(OUTBOX_COLLECTION);
    const failed = await outbox.findOne({ _id: envelope.id });
    expect(failed).toMatchObject({ publishedAt: null, claimedUntil: null, attempts: 1 });
    expect(failed?.lastError).toEqual(expect.any(String));

    const queue = testQueue(queueName);
    const working = createOutboxRelay({
      db: t.db,
      queues: { [queueName]: queue },
      retryDelayMs: 10,
    });
    let published = 0;
    await waitFor(async () => (published += await working.flushOnce()) > 0, 'the retry');
    expect(published).toBe(1);
    expect(await working.flushOnce()).toBe(0);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect((await outbox.findOne({ _id: envelope.id }))?.publishedAt).toBeInstanceOf(Date);
  });

  it('publishes through the same queue once Redis is back', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    await using proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port));
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const viaProxy = createQueue(queueName, {
      connection: `redis://127.0.0.1:${proxy.port}`,
      environment: 'test',
    });
    cleanups.push(() => viaProxy.close());
    const relay = createOutboxRelay({
      db: t.db,
      queues: { [queueName]: viaProxy },
      publishTimeoutMs: 300,
      retryDelayMs: 10,
      maxRetryDelayMs: 100,
    });
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope: testEnvelope({ seq: 1 }) }]);
    expect(await relay.flushOnce()).toBe(1);

    await proxy.down();
    const envelope = testEnvelope({ seq: 2 });
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope }]);
    expect(await relay.flushOnce()).toBe(0);
    const outbox = t.db.collection<OutboxRecord>(OUTBOX_COLLECTION);
    expect(await outbox.findOne({ _id: envelope.id })).toMatchObject({
      publishedAt: null,
      attempts: 1,
    });

    await proxy.up();
    let published = 0;
    await waitFor(
      async () => (published += await relay.flushOnce()) > 0,
      'publication after Redis is back',
      { timeoutMs: 25_000 },
    );
    expect(published).toBe(1);
    expect(await queue.getJob(envelope.id)).toBeDefined();
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 2 });
  });

  it('takes over the records of a crashed relay once their lease has expired, not before', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const expired = testEnvelope({ seq: 1 });
    const held = testEnvelope({ seq: 2 });
    await appendToOutbox(null, t.db, [
      { queue: queueName, envelope: expired },
      { queue: queueName, envelope: held },
    ]);
    const outbox = t.db.collection<OutboxRecord>(OUTBOX_COLLECTION);
    const claim = (id: string, until: number) =>
      outbox.updateOne(
        { _id: id },
        { $set: { claimedBy: 'crashed', claimedUntil: new Date(until) } },
      );
    await claim(expired.id, Date.now() - 1_000);
    await claim(held.id, Date.now() + 60_000);

    const relay = createOutboxRelay({ db: t.db, queues: { [queueName]: queue } });
    expect(await relay.flushOnce()).toBe(1);
    expect(await queue.getJob(expired.id)).toBeDefined();
    expect(await queue.getJob(held.id)).toBeUndefined();
    expect((await outbox.findOne({ _id: held.id }))?.publishedAt).toBeNull();
  });

  it('purges published records past their age and never unpublished ones', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const published = testEnvelope({ seq: 1 });
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope: published }]);
    await createOutboxRelay({ db: t.db, queues: { [queueName]: queue } }).flushOnce();
    const pending = testEnvelope({ seq: 2 });
    await appendToOutbox(null, t.db, [{ queue: 'nowhere', envelope: pending }]);

    expect(await purgePublishedOutbox(t.db, 60_000)).toBe(0);
    expect(await purgePublishedOutbox(t.db, -1_000)).toBe(1);
    const left = await t.db.collection<OutboxRecord>(OUTBOX_COLLECTION).find().toArray();
    expect(left.map((record) => record._id)).toEqual([pending.id]);
  });

  it('start() publishes in the background until stop()', async () => {
    await using t = await withTestDb({ prefix: 'events_outbox' });
    const queueName = uniqueName('outbox');
    const queue = testQueue(queueName);
    const relay = createOutboxRelay({
      db: t.db,
      queues: { [queueName]: queue },
      pollIntervalMs: 20,
    });
    relay.start();
    cleanups.push(() => relay.stop());
    await appendToOutbox(null, t.db, [{ queue: queueName, envelope: testEnvelope({ seq: 1 }) }]);
    await waitFor(async () => (await queue.getJobCounts('waiting')).waiting === 1, 'publication');
    await relay.stop();
  });
});

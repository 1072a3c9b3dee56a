import { testRedisUrl, uniqueName, waitFor, withTestDb, type TestDb } from '@tessera/testing';
import { describe, expect, it } from 'vitest';
import { createMessaging, type Messaging } from '../src/create-messaging.js';
import type { MessageEnvelope } from '../src/envelope.js';
import { OUTBOX_COLLECTION } from '../src/outbox.js';
import { createQueue, type EnvelopeQueue } from '../src/queue-factory.js';
import { testEnvelope } from './helpers.js';

interface Setup extends AsyncDisposable {
  readonly messaging: Messaging;
  /** The queue the service consumes, seen from outside (to send it jobs and count workers). */
  readonly inbox: EnvelopeQueue;
  /** The envelope ids the handler has run for. */
  readonly handled: string[];
}

/** A service that produces to `outbound` and consumes `inbound`, in its own queue environment. */
function setup(t: TestDb): Setup {
  const environment = uniqueName('messaging');
  const inbound = uniqueName('inbound');
  const handled: string[] = [];
  const messaging = createMessaging({
    service: 'test',
    db: t.db,
    connection: testRedisUrl(),
    environment,
    produces: [uniqueName('outbound')],
    consumes: {
      queue: inbound,
      handlers: {
        'test.happened': (envelope: MessageEnvelope) => {
          handled.push(envelope.id);
        },
      },
    },
  });
  const inbox = createQueue(inbound, { connection: testRedisUrl(), environment });
  // Declared after the database, so `await using` stops the service before dropping it.
  const dispose = async () => {
    await messaging.stop();
    await inbox.obliterate({ force: true });
    await inbox.close();
  };
  return { messaging, inbox, handled, [Symbol.asyncDispose]: dispose };
}

/** Makes `ensureOutboxIndexes` fail: an index of the same name with other keys already exists. */
async function conflictOutboxIndex(t: TestDb): Promise<() => Promise<void>> {
  await t.db.collection(OUTBOX_COLLECTION).createIndex({ queue: 1 }, { name: 'unpublished' });
  return async () => {
    await t.db.collection(OUTBOX_COLLECTION).dropIndex('unpublished');
  };
}

describe('createMessaging', () => {
  it('when the indexes cannot be built, start() rejects and leaves no queue open (regression: leaked queues)', async () => {
    await using t = await withTestDb({ prefix: 'events_messaging' });
    await using s = setup(t);
    const { messaging, inbox } = s;
    await conflictOutboxIndex(t);

    await expect(messaging.start()).rejects.toThrow(/index/i);

    expect(Object.keys(messaging.queues)).toEqual([]);
    expect(await inbox.getWorkersCount()).toBe(0);
    await expect(messaging.stop()).resolves.toBeUndefined();
  });

  it('starts after a failed start once the cause is gone, and consumes its queue', async () => {
    await using t = await withTestDb({ prefix: 'events_messaging' });
    await using s = setup(t);
    const { messaging, inbox, handled } = s;
    const removeConflict = await conflictOutboxIndex(t);
    await expect(messaging.start()).rejects.toThrow(/index/i);

    await removeConflict();
    await messaging.start();

    expect(Object.keys(messaging.queues)).toHaveLength(1);
    const envelope = testEnvelope({ aggregateId: 'order-retry-start', seq: 1 });
    await inbox.add(envelope.type, envelope, { jobId: envelope.id });
    await waitFor(() => handled.includes(envelope.id), 'the handler to run');
  });

  it('a second start() while started is a no-op: one worker consumes the queue (regression: a second worker)', async () => {
    await using t = await withTestDb({ prefix: 'events_messaging' });
    await using s = setup(t);
    const { messaging, inbox, handled } = s;

    await Promise.all([messaging.start(), messaging.start()]);
    await messaging.start();

    // A message round trip proves the worker is connected before counting.
    const envelope = testEnvelope({ aggregateId: 'order-one-worker', seq: 1 });
    await inbox.add(envelope.type, envelope, { jobId: envelope.id });
    await waitFor(() => handled.includes(envelope.id), 'the handler to run');
    expect(await inbox.getWorkersCount()).toBe(1);

    await messaging.stop();
    await waitFor(async () => (await inbox.getWorkersCount()) === 0, 'every worker to close');
  });

  it('stop() is safe before start(), twice, and concurrently', async () => {
    await using t = await withTestDb({ prefix: 'events_messaging' });
    await using s = setup(t);
    const { messaging, inbox } = s;
    await expect(messaging.stop()).resolves.toBeUndefined();

    await messaging.start();
    await Promise.all([messaging.stop(), messaging.stop()]);
    await expect(messaging.stop()).resolves.toBeUndefined();

    expect(Object.keys(messaging.queues)).toEqual([]);
    await waitFor(async () => (await inbox.getWorkersCount()) === 0, 'the worker to close');
  });

  it('a stop() during start() leaves nothing running once both settle', async () => {
    await using t = await withTestDb({ prefix: 'events_messaging' });
    await using s = setup(t);
    const { messaging, inbox } = s;

    const starting = messaging.start();
    await messaging.stop();
    await starting;

    expect(Object.keys(messaging.queues)).toEqual([]);
    await waitFor(async () => (await inbox.getWorkersCount()) === 0, 'the worker to close');
  });
});

import { describe, expect, it } from 'vitest';
import type { ClientSession } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('sessions and transactions ($name)', (driver) => {
  const t = useConformance(server, driver);

  /** A session ended after the test body, whatever happens. */
  async function withSession<T>(body: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = t.client.startSession();
    try {
      return await body(session);
    } finally {
      await session.endSession();
    }
  }

  it('makes committed writes visible to everyone, and hides them before the commit', async () => {
    const coll = t.coll('acct');
    await coll.insertOne({ _id: 'seed' }); // collections are created outside the transaction
    await withSession(async (session) => {
      session.startTransaction();
      await coll.insertOne({ _id: 1, v: 'a' }, { session });
      await coll.updateOne({ _id: 'seed' }, { $set: { touched: true } }, { session });
      // Inside: own writes are visible. Outside: nothing yet.
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 'a' });
      expect(await coll.findOne({ _id: 1 })).toBeNull();
      expect(await coll.findOne({ _id: 'seed' })).toEqual({ _id: 'seed' });
      await session.commitTransaction();
    });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, v: 'a' });
    expect(await coll.findOne({ _id: 'seed' })).toEqual({ _id: 'seed', touched: true });
  });

  it('discards every write of an aborted transaction', async () => {
    const coll = t.coll('acct');
    await coll.insertOne({ _id: 1, n: 0 });
    await withSession(async (session) => {
      session.startTransaction();
      await coll.insertOne({ _id: 2 }, { session });
      await coll.updateOne({ _id: 1 }, { $inc: { n: 5 } }, { session });
      await coll.deleteOne({ _id: 1 }, { session });
      await session.abortTransaction();
    });
    expect(await coll.find({}).toArray()).toEqual([{ _id: 1, n: 0 }]);
  });

  it('reads from a snapshot: a concurrent committed write is not seen', async () => {
    const coll = t.coll('snap');
    await coll.insertMany([
      { _id: 1, v: 0 },
      { _id: 2, v: 0 },
    ]);
    await withSession(async (session) => {
      session.startTransaction({ readConcern: { level: 'snapshot' } });
      expect(await coll.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 0 });

      await coll.updateOne({ _id: 2 }, { $set: { v: 1 } }); // outside the transaction
      await coll.insertOne({ _id: 3, v: 1 });

      expect(await coll.findOne({ _id: 2 }, { session })).toEqual({ _id: 2, v: 0 });
      expect(await coll.countDocuments({}, { session })).toBe(2);
      await session.commitTransaction();
    });
    expect(await coll.countDocuments({ v: 1 })).toBe(2);
  });

  it('fails the second of two transactions writing one document with WriteConflict (112)', async () => {
    const coll = t.coll('wc');
    await coll.insertOne({ _id: 1, n: 0 });
    const first = t.client.startSession();
    const second = t.client.startSession();
    try {
      first.startTransaction();
      second.startTransaction();
      await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: first });
      const error = await rejection(
        coll.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: second }),
      );
      expect(error.code).toBe(112);
      expect(error.codeName).toBe('WriteConflict');
      expect(error.hasErrorLabel?.('TransientTransactionError')).toBe(true);
      await second.abortTransaction();
      await first.commitTransaction();
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('fails a transaction that writes a document changed after its snapshot (112)', async () => {
    const coll = t.coll('wc');
    await coll.insertOne({ _id: 1, n: 0 });
    await withSession(async (session) => {
      session.startTransaction();
      await coll.findOne({ _id: 1 }, { session }); // takes the snapshot
      await coll.updateOne({ _id: 1 }, { $inc: { n: 100 } }); // commits outside
      const error = await rejection(coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session }));
      expect(error.code).toBe(112);
      expect(error.hasErrorLabel?.('TransientTransactionError')).toBe(true);
      await session.abortTransaction();
    });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 100 });
  });

  it('withTransaction retries a callback that hit a write conflict, then commits', async () => {
    const coll = t.coll('retry');
    await coll.insertOne({ _id: 1, n: 0 });
    const blocker = t.client.startSession();
    let attempts = 0;
    try {
      blocker.startTransaction();
      await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: blocker });
      await withSession((session) =>
        session.withTransaction(async () => {
          attempts += 1;
          try {
            await coll.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session });
          } finally {
            // Let the retry through: the conflicting transaction finishes after the first try.
            if (blocker.inTransaction()) await blocker.commitTransaction();
          }
        }),
      );
    } finally {
      await blocker.endSession();
    }
    expect(attempts).toBe(2);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('aborts the transaction after a write error: the commit fails with NoSuchTransaction (251)', async () => {
    const coll = t.coll('err');
    await coll.insertOne({ _id: 1 });
    await withSession(async (session) => {
      session.startTransaction();
      await coll.insertOne({ _id: 2 }, { session });
      expect((await rejection(coll.insertOne({ _id: 1 }, { session }))).code).toBe(11000);
      const error = await rejection(session.commitTransaction());
      expect(error.code).toBe(251);
      expect(error.codeName).toBe('NoSuchTransaction');
    });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('runs find, aggregate and findAndModify inside a transaction', async () => {
    const coll = t.coll('ops');
    await coll.insertMany([
      { _id: 1, n: 1 },
      { _id: 2, n: 2 },
    ]);
    await withSession(async (session) => {
      session.startTransaction();
      const doc = await coll.findOneAndUpdate(
        { _id: 1 },
        { $inc: { n: 10 } },
        { session, returnDocument: 'after' },
      );
      expect(doc).toEqual({ _id: 1, n: 11 });
      const sum = await coll
        .aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }], { session })
        .toArray();
      expect(sum).toEqual([{ _id: null, total: 13 }]);
      await session.commitTransaction();
    });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('loses no $inc when many clients increment one document concurrently', async () => {
    const coll = t.coll('counter');
    await coll.insertOne({ _id: 'c', n: 0 });
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => t.connect()));
    await Promise.all(
      clients.map(async (client) => {
        const c = client.db(t.dbName).collection<{ _id: string; n: number }>('counter');
        for (let i = 0; i < 20; i += 1) await c.updateOne({ _id: 'c' }, { $inc: { n: 1 } });
      }),
    );
    expect(await coll.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 100 });
  });

  it('loses no increment when concurrent transactions conflict and withTransaction retries', async () => {
    const coll = t.coll('txcounter');
    await coll.insertOne({ _id: 'c', n: 0 });
    const clients = await Promise.all([1, 2, 3, 4].map(() => t.connect()));
    await Promise.all(
      clients.map(async (client) => {
        const c = client.db(t.dbName).collection<{ _id: string; n: number }>('txcounter');
        for (let i = 0; i < 5; i += 1) {
          const session = client.startSession();
          try {
            await session.withTransaction(async () => {
              const doc = await c.findOne({ _id: 'c' }, { session });
              await c.updateOne({ _id: 'c' }, { $set: { n: (doc?.n ?? 0) + 1 } }, { session });
            });
          } finally {
            await session.endSession();
          }
        }
      }),
    );
    expect(await coll.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 20 });
  });
});

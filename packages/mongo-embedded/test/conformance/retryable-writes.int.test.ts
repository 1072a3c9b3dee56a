import { describe, expect, it } from 'vitest';
import type { ClientSession, CommandStartedEvent, Db, Document } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

/**
 * A retried write is the same command sent again with the same `lsid` and `txnNumber` (what a
 * driver does after a network error). The tests send it twice with `db.command` on an explicit
 * session, which adds the `lsid`; the server must apply it once and answer the retry with the
 * original result.
 */
describe.each(drivers)('retryable writes ($name)', (driver) => {
  const t = useConformance(server, driver);
  const { Long } = driver.mongo;

  /**
   * A session of a fresh client: its lsid has never been used, so the txnNumbers below are not
   * older than ones the driver already sent on a pooled session.
   */
  async function withSession<T>(body: (session: ClientSession, db: Db) => Promise<T>): Promise<T> {
    const client = await t.connect();
    const session = client.startSession();
    try {
      return await body(session, client.db(t.dbName));
    } finally {
      await session.endSession();
    }
  }

  it('the driver sends a txnNumber with each write (the server supports retryable writes)', async () => {
    const client = await t.connect({ monitorCommands: true });
    const started: CommandStartedEvent[] = [];
    client.on('commandStarted', (event) => started.push(event));
    const coll = client.db(t.dbName).collection('auto');
    await coll.insertOne({ _id: 1 } as Document);
    await coll.updateOne({ _id: 1 } as Document, { $set: { a: 1 } });
    const writes = started.filter((e) => e.commandName === 'insert' || e.commandName === 'update');
    expect(writes).toHaveLength(2);
    for (const write of writes) {
      expect(write.command['txnNumber']).toBeDefined();
      expect(write.command['lsid']).toBeDefined();
    }
  });

  it('applies a repeated insert once and answers the retry with success', async () => {
    await withSession(async (session, db) => {
      const command = {
        insert: 'retried',
        documents: [{ _id: 1, v: 'x' }],
        txnNumber: Long.fromNumber(1),
      };
      const first = await db.command(command, { session });
      const retry = await db.command(command, { session });
      expect(first).toMatchObject({ ok: 1, n: 1 });
      expect(retry).toMatchObject({ ok: 1, n: 1 });
      expect(retry['writeErrors']).toBeUndefined();
    });
    expect(await t.coll('retried').find({}).toArray()).toEqual([{ _id: 1, v: 'x' }]);
  });

  it('applies a repeated $inc once and answers the retry with the original counts', async () => {
    await t.coll('retried').insertOne({ _id: 1, n: 0 });
    await withSession(async (session, db) => {
      const command = {
        update: 'retried',
        updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }],
        txnNumber: Long.fromNumber(7),
      };
      expect(await db.command(command, { session })).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect(await db.command(command, { session })).toMatchObject({ ok: 1, n: 1, nModified: 1 });
    });
    expect(await t.coll('retried').findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('applies a repeated findAndModify once and returns the same document', async () => {
    await t.coll('retried').insertOne({ _id: 1, n: 0 });
    await withSession(async (session, db) => {
      const command = {
        findAndModify: 'retried',
        query: { _id: 1 },
        update: { $inc: { n: 1 } },
        new: true,
        txnNumber: Long.fromNumber(3),
      };
      const first = await db.command(command, { session });
      const retry = await db.command(command, { session });
      expect(first['value']).toEqual({ _id: 1, n: 1 });
      expect(retry['value']).toEqual({ _id: 1, n: 1 });
    });
    expect(await t.coll('retried').findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('applies the next txnNumber of the session as a new write', async () => {
    await t.coll('retried').insertOne({ _id: 1, n: 0 });
    await withSession(async (session, db) => {
      for (const txnNumber of [1, 1, 2, 2, 3]) {
        await db.command(
          {
            update: 'retried',
            updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }],
            txnNumber: Long.fromNumber(txnNumber),
          },
          { session },
        );
      }
    });
    expect(await t.coll('retried').findOne({ _id: 1 })).toEqual({ _id: 1, n: 3 });
  });

  it('rejects a txnNumber older than the latest with TransactionTooOld (225)', async () => {
    await withSession(async (session, db) => {
      await db.command(
        { insert: 'retried', documents: [{ _id: 1 }], txnNumber: Long.fromNumber(5) },
        { session },
      );
      const error = await rejection(
        db.command(
          { insert: 'retried', documents: [{ _id: 2 }], txnNumber: Long.fromNumber(4) },
          { session },
        ),
      );
      expect(error.code).toBe(225);
      expect(error.codeName).toBe('TransactionTooOld');
    });
    expect(await t.coll('retried').countDocuments()).toBe(1);
  });

  it('keeps txnNumbers per session: another session may reuse the same number', async () => {
    const client = await t.connect();
    const db = client.db(t.dbName);
    const insert = (id: number, session: ClientSession): Promise<Document> =>
      db.command(
        { insert: 'retried', documents: [{ _id: id }], txnNumber: Long.fromNumber(1) },
        { session },
      );
    // Both sessions are open at once, so the driver cannot hand out the same lsid twice.
    const a = client.startSession();
    const b = client.startSession();
    try {
      expect(a.id).not.toEqual(b.id);
      await insert(1, a);
      await insert(2, b);
    } finally {
      await a.endSession();
      await b.endSession();
    }
    expect(await t.coll('retried').countDocuments()).toBe(2);
  });
});

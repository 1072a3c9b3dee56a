import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import { startEmbeddedMongo, silentLogger, type EmbeddedMongo } from '../src/index.js';

interface Account {
  _id: string;
  balance: number;
}

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0, logger: silentLogger });
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('transactions_test');
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

async function accounts(name: string, docs: Account[]): Promise<Collection<Account>> {
  const coll = db.collection<Account>(name);
  if (docs.length > 0) await coll.insertMany(docs);
  return coll;
}

describe('transactions', () => {
  it('makes all writes visible together at commit, and none before', async () => {
    const coll = await accounts('commit_atomic', []);
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ _id: 'a', balance: 1 }, { session });
      await coll.insertOne({ _id: 'b', balance: 2 }, { session });
      expect(await coll.findOne({ _id: 'a' })).toBeNull();
      expect(await coll.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', balance: 1 });
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await coll.find({}).toArray()).toHaveLength(2);
  });

  it('discards every write on abort', async () => {
    const coll = await accounts('abort_discards', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.replaceOne({ _id: 'a' }, { balance: 100 }, { session });
      await coll.deleteOne({ _id: 'a' }, { session });
      await coll.insertOne({ _id: 'b', balance: 2 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await coll.find({}).toArray()).toEqual([{ _id: 'a', balance: 1 }]);
  });

  it('reads the snapshot taken at its start, not later commits', async () => {
    const coll = await accounts('snapshot_reads', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      expect(await coll.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', balance: 1 });
      await coll.replaceOne({ _id: 'a' }, { balance: 5 });
      await coll.insertOne({ _id: 'late', balance: 9 });
      expect(await coll.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', balance: 1 });
      expect(await coll.findOne({ _id: 'late' }, { session })).toBeNull();
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
  });

  it('fails the second writer of a document with a transient WriteConflict 112', async () => {
    const coll = await accounts('first_writer_wins', [{ _id: 'a', balance: 1 }]);
    const first = client.startSession();
    const second = client.startSession();
    try {
      first.startTransaction();
      second.startTransaction();
      await coll.replaceOne({ _id: 'a' }, { balance: 10 }, { session: first });
      const error = await coll
        .replaceOne({ _id: 'a' }, { balance: 20 }, { session: second })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      // The server aborted the losing transaction: its next command finds no transaction.
      const next = await coll.findOne({ _id: 'a' }, { session: second }).catch((e: unknown) => e);
      expect(next).toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
      await first.commitTransaction();
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 10 });
  });

  it('fails a write to a document committed by others after the snapshot', async () => {
    const coll = await accounts('stale_snapshot', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.findOne({ _id: 'a' }, { session });
      await coll.replaceOne({ _id: 'a' }, { balance: 2 });
      const error = await coll
        .replaceOne({ _id: 'a' }, { balance: 3 }, { session })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 112 });
    } finally {
      await session.endSession();
    }
    expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 2 });
  });

  it('lets withTransaction retry after a conflict until it commits', async () => {
    const coll = await accounts('with_transaction', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    let attempts = 0;
    try {
      await session.withTransaction(async () => {
        attempts++;
        const current = await coll.findOne({ _id: 'a' }, { session });
        if (attempts === 1) await coll.replaceOne({ _id: 'a' }, { balance: 50 });
        await coll.replaceOne({ _id: 'a' }, { balance: (current?.balance ?? 0) + 1 }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(attempts).toBe(2);
    expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 51 });
  });

  it('makes a write outside the transaction wait for it, losing no update', async () => {
    const coll = await accounts('outside_waits', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    const events: string[] = [];
    try {
      session.startTransaction();
      await coll.replaceOne({ _id: 'a' }, { balance: 10 }, { session });
      const outside = coll
        .findOneAndReplace({ _id: 'a' }, { balance: 99 }, { returnDocument: 'before' })
        .then((before) => {
          events.push('outside');
          return before;
        });
      await coll.findOne({ _id: 'a' }, { session });
      events.push('commit');
      await session.commitTransaction();
      expect(await outside).toEqual({ _id: 'a', balance: 10 });
    } finally {
      await session.endSession();
    }
    expect(events).toEqual(['commit', 'outside']);
    expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 99 });
  });

  it('re-checks unique indexes at commit', async () => {
    const coll = db.collection<{ email: string }>('unique_at_commit');
    await coll.createIndex({ email: 1 }, { unique: true });
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ email: 'x@example.com' }, { session });
      await coll.insertOne({ email: 'x@example.com' });
      const error = await session.commitTransaction().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 112 });
    } finally {
      await session.endSession();
    }
    expect(await coll.find({}).toArray()).toHaveLength(1);
  });

  it('reports DuplicateKey for a clash inside the transaction view', async () => {
    const coll = await accounts('dup_in_txn', [{ _id: 'a', balance: 1 }]);
    const session = client.startSession();
    try {
      session.startTransaction();
      const error = await coll
        .insertOne({ _id: 'a', balance: 2 }, { session })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 11000 });
    } finally {
      await session.endSession();
    }
  });
});

describe('concurrent writers', () => {
  it('loses no $inc from many concurrent clients', async () => {
    const coll = await accounts('concurrent_inc', [{ _id: 'counter', balance: 0 }]);
    const clients = await Promise.all(
      Array.from({ length: 4 }, () => new MongoClient(server.uri).connect()),
    );
    try {
      await Promise.all(
        clients.flatMap((c) =>
          Array.from({ length: 25 }, () =>
            c
              .db('transactions_test')
              .collection<Account>('concurrent_inc')
              .updateOne({ _id: 'counter' }, { $inc: { balance: 1 } }),
          ),
        ),
      );
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    expect(await coll.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', balance: 100 });
  });

  it('serializes concurrent read-modify-write transactions through conflicts and retries', async () => {
    const coll = await accounts('concurrent_txn', [{ _id: 'counter', balance: 0 }]);
    const transfer = async (): Promise<void> => {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          const current = await coll.findOne({ _id: 'counter' }, { session });
          await coll.replaceOne(
            { _id: 'counter' },
            { balance: (current?.balance ?? 0) + 1 },
            { session },
          );
        });
      } finally {
        await session.endSession();
      }
    };
    await Promise.all(Array.from({ length: 10 }, transfer));
    expect(await coll.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', balance: 10 });
  });
});

describe('retryable writes', () => {
  it('returns the first reply for a repeated txnNumber without applying again', async () => {
    // Pooled server sessions carry earlier txnNumbers; a large one is new on any of them.
    const coll = db.collection<{ _id: number }>('retryable');
    const session = client.startSession();
    try {
      const command = {
        insert: 'retryable',
        documents: [{ _id: 1 }],
        txnNumber: Long.fromNumber(1_000_000),
      };
      const first = await db.command(command, { session });
      const again = await db.command(command, { session });
      expect(first).toMatchObject({ n: 1, ok: 1 });
      expect(again).toMatchObject({ n: 1, ok: 1 });
      expect(again).not.toHaveProperty('writeErrors');
    } finally {
      await session.endSession();
    }
    expect(await coll.find({}).toArray()).toEqual([{ _id: 1 }]);
  });
});

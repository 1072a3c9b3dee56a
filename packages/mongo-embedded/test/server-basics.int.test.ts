import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, MongoServerError } from 'mongodb';
import { MongoClient as MongoClient6 } from 'mongodb6';
import { startEmbeddedMongo, silentLogger, type EmbeddedMongo } from '../src/index.js';

let server: EmbeddedMongo;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0, logger: silentLogger });
});

afterAll(async () => {
  await server.stop();
});

// Both majors speak the same API; the 6.x client is typed as 7.x to keep one code path.
const drivers: [string, typeof MongoClient][] = [
  ['mongodb 7', MongoClient],
  ['mongodb 6', MongoClient6 as unknown as typeof MongoClient],
];

describe.each(drivers)('with the %s driver', (label, Client) => {
  let client: MongoClient;
  const dbName = `basics_${label.replace(/\W/g, '')}`;

  beforeAll(async () => {
    client = new Client(server.uri, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
  });

  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('discovers a replica set primary from a plain URI', async () => {
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      setName: 'tessera',
      hosts: [`127.0.0.1:${server.port}`],
      maxWireVersion: 21,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(hello).not.toHaveProperty('topologyVersion');
    const session = client.startSession();
    await client
      .db(dbName)
      .collection('s')
      .insertOne({ _id: 'x' } as never, { session });
    await session.endSession();
  });

  it('inserts, finds, replaces and deletes documents by _id', async () => {
    const users = client.db(dbName).collection<{ _id: string; name: string }>('users');
    await users.insertMany([
      { _id: 'a', name: 'Ada' },
      { _id: 'b', name: 'Bob' },
    ]);
    expect(await users.findOne({ _id: 'b' })).toEqual({ _id: 'b', name: 'Bob' });
    const replaced = await users.replaceOne({ _id: 'a' }, { name: 'Ada L.' });
    expect(replaced).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await users.findOne({ _id: 'a' })).toEqual({ _id: 'a', name: 'Ada L.' });
    expect((await users.deleteOne({ _id: 'b' })).deletedCount).toBe(1);
    expect(await users.findOne({ _id: 'b' })).toBeNull();
  });

  it('upserts a replacement that matched nothing', async () => {
    const items = client.db(dbName).collection<{ _id: string; qty?: number }>('items');
    // The replacement repeats the _id so this holds without the engine's query-seed extraction.
    const replacement = { _id: 'new', qty: 3 } as { qty: number };
    const result = await items.replaceOne({ _id: 'new' }, replacement, { upsert: true });
    expect(result).toMatchObject({ upsertedCount: 1, upsertedId: 'new' });
    expect(await items.findOne({ _id: 'new' })).toEqual({ _id: 'new', qty: 3 });
  });

  it('rejects a duplicate _id with DuplicateKey 11000 and its key', async () => {
    const dupes = client.db(dbName).collection<{ _id: number }>('dupes');
    await dupes.insertOne({ _id: 1 });
    const error = await dupes.insertOne({ _id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
  });

  it('pages through a large result with getMore', async () => {
    const many = client.db(dbName).collection<{ _id: number }>('many');
    await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })));
    const all = await many.find({}, { batchSize: 40 }).toArray();
    expect(all.map((d) => d._id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('answers an unknown command with CommandNotFound 59', async () => {
    const error = await client
      .db(dbName)
      .command({ noSuchCommand: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('counts one query per find in serverStatus opcounters', async () => {
    const admin = client.db('admin');
    const before = (await admin.command({ serverStatus: 1 })).opcounters;
    await client.db(dbName).collection<{ _id: number }>('counted').findOne({ _id: 1 });
    const after = (await admin.command({ serverStatus: 1 })).opcounters;
    expect(Number(after.query) - Number(before.query)).toBe(1);
  });
});

describe('robustness', () => {
  it('closes a connection that sends a malformed frame and keeps serving others', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    // A length prefix of 2 GB: rejected before any allocation.
    socket.write(Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4]));
    await closed;
    const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('reports errors as MongoServerError with a code', async () => {
    const client = new MongoClient(server.uri);
    try {
      const error = await client
        .db('basics_errors')
        .collection('missing')
        .listIndexes()
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect(error).toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
    } finally {
      await client.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoClient, type Db, type Document } from 'mongodb';
import { startEmbeddedMongo, silentLogger, type EmbeddedMongo } from '../src/index.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0, logger: silentLogger });
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('indexes_test');
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

async function explainFind(coll: string, filter: Document): Promise<Document> {
  return db.command({ explain: { find: coll, filter }, verbosity: 'executionStats' });
}

describe('unique indexes', () => {
  it('rejects a duplicate insert with keyPattern and keyValue', async () => {
    const users = db.collection('unique_users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'ada@example.com' });
    const error = await users.insertOne({ email: 'ada@example.com' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'ada@example.com' },
    });
    expect(await users.estimatedDocumentCount()).toBe(1);
  });

  it('rejects a replacement and an upsert that would duplicate a key', async () => {
    const users = db.collection<{ _id: number; email: string }>('unique_updates');
    await users.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    await users.insertMany([
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ]);
    const replaced = await users.replaceOne({ _id: 2 }, { email: 'a' }).catch((e: unknown) => e);
    expect(replaced).toMatchObject({ code: 11000, keyValue: { email: 'a' } });
    const upserted = await users
      .replaceOne({ _id: 3 }, { _id: 3, email: 'b' } as { email: string }, { upsert: true })
      .catch((e: unknown) => e);
    expect(upserted).toMatchObject({ code: 11000, keyPattern: { email: 1 } });
    expect(await users.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, email: 'a' },
      { _id: 2, email: 'b' },
    ]);
  });

  it('enforces compound keys on the combination only', async () => {
    const pairs = db.collection('unique_pairs');
    await pairs.createIndex({ a: 1, b: -1 }, { unique: true });
    await pairs.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const error = await pairs.insertOne({ a: 1, b: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { a: 1, b: -1 },
      keyValue: { a: 1, b: 2 },
    });
  });

  it('lets a sparse unique index hold many documents without the field', async () => {
    const sparse = db.collection('unique_sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ n: 1 }, { n: 2 }, { code: 'x' }]);
    const error = await sparse.insertOne({ code: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
  });

  it('treats missing fields as null in a non-sparse unique index', async () => {
    const dense = db.collection('unique_dense');
    await dense.createIndex({ code: 1 }, { unique: true });
    await dense.insertOne({ n: 1 });
    const error = await dense.insertOne({ n: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyValue: { code: null } });
  });

  it('fails to build a unique index over existing duplicates', async () => {
    const existing = db.collection('unique_existing');
    await existing.insertMany([{ k: 1 }, { k: 1 }]);
    const error = await existing.createIndex({ k: 1 }, { unique: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect((await existing.listIndexes().toArray()).map((i): unknown => i.name)).toEqual(['_id_']);
  });
});

describe('bulk write errors', () => {
  it('stops an ordered insert at the first duplicate and reports its index', async () => {
    const coll = db.collection<{ _id: number }>('bulk_ordered');
    const error = await coll
      .insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }], { ordered: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(1);
    expect(bulk.writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(await coll.estimatedDocumentCount()).toBe(1);
  });

  it('continues an unordered insert past duplicates', async () => {
    const coll = db.collection<{ _id: number }>('bulk_unordered');
    const error = await coll
      .insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }], { ordered: false })
      .catch((e: unknown) => e);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(2);
    const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(errors.map((e): unknown => e.index)).toEqual([1, 3]);
    expect(await coll.estimatedDocumentCount()).toBe(2);
  });
});

describe('index selection', () => {
  beforeAll(async () => {
    const people = db.collection('people');
    await people.insertMany(
      Array.from({ length: 200 }, (_, i) => ({
        _id: i,
        email: `p${i}@example.com`,
        age: i % 50,
        tags: [`t${i % 7}`, 'all'],
      })) as Document[],
    );
    await people.createIndexes([
      { key: { email: 1 }, unique: true },
      { key: { age: -1 } },
      { key: { tags: 1 } },
    ]);
  });

  it('finds by _id without scanning the collection', async () => {
    const stats = (await explainFind('people', { _id: 42 })).executionStats;
    expect(stats).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
  });

  it('finds by an indexed field, and by $in, without scanning', async () => {
    const one = (await explainFind('people', { email: 'p7@example.com' })).executionStats;
    expect(one).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
    const two = await explainFind('people', {
      email: { $in: ['p1@example.com', 'p2@example.com', 'nobody'] },
    });
    expect(two.executionStats).toMatchObject({ nReturned: 2, totalDocsExamined: 2 });
    expect(two.queryPlanner.winningPlan.inputStage.indexName).toBe('email_1');
  });

  it('answers a range on a descending index from the index', async () => {
    const range = (await explainFind('people', { age: { $gte: 10, $lt: 12 } })).executionStats;
    // Ages 10 and 11 (4 each); the upper bound is inclusive in the scan, so 12s are examined too.
    expect(range.nReturned).toBe(8);
    expect(range.totalDocsExamined).toBeLessThanOrEqual(12);
    const docs = await db
      .collection('people')
      .find({ age: { $gte: 10, $lt: 12 } })
      .toArray();
    expect(docs.map((d) => d._id as unknown as number).sort((a, b) => a - b)).toEqual([
      10, 11, 60, 61, 110, 111, 160, 161,
    ]);
  });

  it('finds array elements through a multikey index', async () => {
    const tagged = await explainFind('people', { tags: 't3' });
    expect(tagged.executionStats.nReturned).toBe(29);
    expect(tagged.executionStats.totalDocsExamined).toBe(29);
  });

  it('scans when no index applies', async () => {
    const scan = await explainFind('people', { name: 'nobody' });
    expect(scan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(scan.executionStats.totalDocsExamined).toBe(200);
  });
});

describe('index management', () => {
  it('lists, names and drops indexes', async () => {
    const coll = db.collection('managed');
    await coll.createIndex({ a: 1 });
    await coll.createIndex({ b: 1, c: -1 }, { name: 'bc', sparse: true });
    await coll.createIndex(
      { d: 1 },
      { unique: true, partialFilterExpression: { d: { $exists: true } } },
    );
    const listed = await coll.listIndexes().toArray();
    expect(listed).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1 }, name: 'a_1' },
      { v: 2, key: { b: 1, c: -1 }, name: 'bc', sparse: true },
      {
        v: 2,
        key: { d: 1 },
        name: 'd_1',
        unique: true,
        partialFilterExpression: { d: { $exists: true } },
      },
    ]);
    await coll.dropIndex('bc');
    await coll.dropIndex({ a: 1 } as never);
    expect((await coll.listIndexes().toArray()).map((i): unknown => i.name)).toEqual([
      '_id_',
      'd_1',
    ]);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i): unknown => i.name)).toEqual(['_id_']);
  });

  it('is idempotent for an identical index and rejects conflicting ones', async () => {
    const coll = db.collection('conflicts');
    await coll.createIndex({ a: 1 }, { name: 'first' });
    expect(await coll.createIndex({ a: 1 }, { name: 'first' })).toBe('first');
    const sameNameOtherKey = await coll
      .createIndex({ b: 1 }, { name: 'first' })
      .catch((e: unknown) => e);
    expect(sameNameOtherKey).toMatchObject({ code: 86, codeName: 'IndexKeySpecsConflict' });
    const sameKeyOtherName = await coll
      .createIndex({ a: 1 }, { name: 'second' })
      .catch((e: unknown) => e);
    expect(sameKeyOtherName).toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
  });

  it('reports a missing index with IndexNotFound 27', async () => {
    const coll = db.collection('missing_index');
    await coll.insertOne({ a: 1 });
    const error = await coll.dropIndex('nope').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 27, codeName: 'IndexNotFound' });
  });
});

describe('TTL indexes', () => {
  it('deletes documents whose indexed date has expired, and only those', async () => {
    const ttlServer = await startEmbeddedMongo({
      port: 0,
      logger: silentLogger,
      ttlMonitorIntervalMs: 50,
    });
    const ttlClient = new MongoClient(ttlServer.uri);
    try {
      const sessions = ttlClient.db('ttl_test').collection<{ _id: string; at: unknown }>('s');
      await sessions.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      await sessions.insertMany([
        { _id: 'old', at: new Date(Date.now() - 3_600_000) },
        { _id: 'fresh', at: new Date() },
        { _id: 'not-a-date', at: 'yesterday' },
      ]);
      // Poll for the monitor's pass; the test's timeout bounds the wait.
      while ((await sessions.findOne({ _id: 'old' })) !== null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const left = await sessions.find({}).sort({ _id: 1 }).toArray();
      expect(left.map((d) => d._id)).toEqual(['fresh', 'not-a-date']);
    } finally {
      await ttlClient.close();
      await ttlServer.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db, type Long } from 'mongodb';
import { startEmbeddedMongo, silentLogger, type EmbeddedMongo } from '../src/index.js';

let server: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0, logger: silentLogger });
  client = new MongoClient(server.uri);
  await client.connect();
  db = client.db('commands_test');
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

type Counters = Record<'insert' | 'query' | 'update' | 'delete' | 'getmore' | 'command', number>;

async function opcounters(): Promise<Counters> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  const counters = status.opcounters as Record<string, unknown>;
  return Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, Number(v)])) as Counters;
}

describe('cursors', () => {
  it('answers getMore on a killed cursor with CursorNotFound 43', async () => {
    const coll = db.collection<{ _id: number }>('cursors');
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i })));
    // getMore needs the id as a Long, as on a real mongod.
    const first = await db.command({ find: 'cursors', batchSize: 2 }, { promoteLongs: false });
    const id = first.cursor.id as Long;
    expect(first.cursor.firstBatch).toHaveLength(2);
    const killed = await db.command({ killCursors: 'cursors', cursors: [id] });
    expect((killed.cursorsKilled as unknown[]).map(Number)).toEqual([Number(id)]);
    const error = await db.command({ getMore: id, collection: 'cursors' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('returns everything in one batch for singleBatch and closes the cursor', async () => {
    const reply = await db.command({ find: 'cursors', batchSize: 3, singleBatch: true });
    expect(reply.cursor.firstBatch).toHaveLength(3);
    expect(Number(reply.cursor.id)).toBe(0);
  });
});

describe('namespaces', () => {
  it('creates collections explicitly, once', async () => {
    await db.createCollection('created');
    const error = await db.createCollection('created').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 48, codeName: 'NamespaceExists' });
  });

  it('lists collections with a filter and with nameOnly', async () => {
    const other = client.db('commands_list');
    await other.collection('alpha').insertOne({});
    await other.collection('beta').insertOne({});
    const names = await other.listCollections({}, { nameOnly: true }).toArray();
    expect(names).toEqual([
      { name: 'alpha', type: 'collection' },
      { name: 'beta', type: 'collection' },
    ]);
    const full = await other.listCollections({ name: 'beta' }).toArray();
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ name: 'beta', type: 'collection', idIndex: { name: '_id_' } });
  });

  it('reports database statistics', async () => {
    const stats = client.db('commands_stats');
    await stats.collection('a').insertMany([{ x: 1 }, { x: 2 }]);
    await stats.collection('a').createIndex({ x: 1 });
    expect(await stats.stats()).toMatchObject({
      db: 'commands_stats',
      collections: 1,
      objects: 2,
      indexes: 2,
    });
  });

  it('drops collections and databases, and lists databases', async () => {
    const scratch = client.db('commands_scratch');
    await scratch.collection('x').insertOne({ a: 1 });
    const listed = await client.db('admin').admin().listDatabases();
    expect(listed.databases.map((d) => d.name)).toContain('commands_scratch');
    expect(await scratch.collection('x').drop()).toBe(true);
    await scratch.collection('y').insertOne({ a: 1 });
    await scratch.dropDatabase();
    const after = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain('commands_scratch');
  });
});

describe('findAndModify', () => {
  it('replaces, upserts and removes with MongoDB lastErrorObject', async () => {
    const coll = db.collection<{ _id: string; v: number }>('fam');
    await coll.insertOne({ _id: 'a', v: 1 });
    const replaced = await db.command({
      findAndModify: 'fam',
      query: { _id: 'a' },
      update: { v: 2 },
      new: true,
    });
    expect(replaced.lastErrorObject).toEqual({ n: 1, updatedExisting: true });
    expect(replaced.value).toEqual({ _id: 'a', v: 2 });
    const upserted = await db.command({
      findAndModify: 'fam',
      query: { _id: 'b' },
      update: { _id: 'b', v: 3 },
      upsert: true,
    });
    expect(upserted.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 'b' });
    expect(upserted.value).toBeNull();
    const removed = await db.command({ findAndModify: 'fam', query: { _id: 'a' }, remove: true });
    expect(removed).toMatchObject({ lastErrorObject: { n: 1 }, value: { _id: 'a', v: 2 } });
    const error = await db
      .command({ findAndModify: 'fam', query: {}, remove: true, update: { v: 1 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9 });
  });

  it('refuses to change _id with ImmutableField 66', async () => {
    const coll = db.collection<{ _id: string; v: number }>('immutable');
    await coll.insertOne({ _id: 'a', v: 1 });
    const error = await coll
      .replaceOne({ _id: 'a' }, { _id: 'b', v: 2 } as { v: number })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 66, codeName: 'ImmutableField' });
  });
});

describe('count, distinct and aggregate', () => {
  it('counts through the _id index and lists distinct values, arrays expanded', async () => {
    const coll = db.collection<{ _id: number; tags: string[] }>('distinct');
    await coll.insertMany([
      { _id: 1, tags: ['a', 'b'] },
      { _id: 2, tags: ['b', 'c'] },
      { _id: 3, tags: [] },
    ]);
    expect((await db.command({ count: 'distinct', query: { _id: { $in: [1, 3] } } })).n).toBe(2);
    expect(await coll.distinct('tags')).toEqual(['a', 'b', 'c']);
  });

  it('requires the cursor option and rejects $out and $merge clearly', async () => {
    const noCursor = await db
      .command({ aggregate: 'distinct', pipeline: [] })
      .catch((e: unknown) => e);
    expect(noCursor).toMatchObject({ code: 9 });
    const out = await db
      .collection('distinct')
      .aggregate([{ $out: 'copy' }])
      .toArray()
      .catch((e: unknown) => e);
    expect(out).toMatchObject({ codeName: 'NotImplemented' });
  });
});

describe('serverStatus opcounters', () => {
  it('counts inserted documents, update and delete statements, and other commands', async () => {
    const coll = db.collection<{ _id: number }>('counted');
    const before = await opcounters();
    await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    await coll.bulkWrite([
      { replaceOne: { filter: { _id: 1 }, replacement: {} } },
      { replaceOne: { filter: { _id: 2 }, replacement: {} } },
    ]);
    await coll.deleteOne({ _id: 3 });
    await db.command({ ping: 1 });
    const after = await opcounters();
    expect(after.insert - before.insert).toBe(3);
    expect(after.update - before.update).toBe(2);
    expect(after.delete - before.delete).toBe(1);
    expect(after.query - before.query).toBe(0);
    // ping and the serverStatus that read `after`; driver heartbeats may add more.
    expect(after.command - before.command).toBeGreaterThanOrEqual(2);
  });
});

describe('unacknowledged writes', () => {
  it('applies a w:0 insert sent with moreToCome without replying', async () => {
    const coll = db.collection<{ _id: number }>('fire_and_forget');
    await coll.insertOne({ _id: 1 }, { writeConcern: { w: 0 } });
    // The next command on the same connection is answered after the fire-and-forget one ran.
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1 });
  });
});

describe('explain', () => {
  it('reports the index a find used and the documents it examined', async () => {
    const coll = db.collection<{ _id: number }>('explained');
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
    const plan = await coll.find({ _id: 7 }).explain('executionStats');
    expect(plan.executionStats).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
    expect(plan.queryPlanner.winningPlan.inputStage).toMatchObject({
      stage: 'IXSCAN',
      indexName: '_id_',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('namespaces ($name)', (driver) => {
  const t = useConformance(server, driver);

  async function collectionNames(): Promise<string[]> {
    const list = await t.db.listCollections({}, { nameOnly: true }).toArray();
    return list.map((c) => c.name).sort();
  }

  async function databaseNames(): Promise<string[]> {
    const reply = await t.client.db('admin').command({ listDatabases: 1, nameOnly: true });
    return (reply['databases'] as Document[]).map((d) => String(d['name']));
  }

  it('creates a collection explicitly and lists it with its type', async () => {
    await t.db.createCollection('made');
    const list = await t.db.listCollections().toArray();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'made', type: 'collection' });
  });

  it('creates a collection implicitly on the first insert', async () => {
    expect(await collectionNames()).toEqual([]);
    await t.coll('implicit').insertOne({ _id: 1 });
    expect(await collectionNames()).toEqual(['implicit']);
  });

  it('filters listCollections by name', async () => {
    await t.db.createCollection('a');
    await t.db.createCollection('b');
    const list = await t.db.listCollections({ name: 'b' }).toArray();
    expect(list.map((c) => c.name)).toEqual(['b']);
  });

  it('rejects creating an existing collection with NamespaceExists (48)', async () => {
    await t.db.createCollection('twice');
    const error = await rejection(t.db.createCollection('twice'));
    expect(error.code).toBe(48);
    expect(error.codeName).toBe('NamespaceExists');
  });

  it('drops a collection with its documents and indexes', async () => {
    const coll = t.coll('doomed');
    await coll.insertOne({ _id: 1, u: 'x' });
    await coll.createIndex({ u: 1 }, { unique: true });
    expect(await coll.drop()).toBe(true);
    expect(await collectionNames()).toEqual([]);
    expect(await coll.countDocuments()).toBe(0);
    // The unique index went with the collection.
    await coll.insertMany([
      { _id: 1, u: 'x' },
      { _id: 2, u: 'x' },
    ]);
    expect((await coll.listIndexes().toArray()).map((i): unknown => i['name'])).toEqual(['_id_']);
  });

  it('drops a missing collection without creating it (ok, or NamespaceNotFound before 7.0)', async () => {
    try {
      const reply = await t.db.command({ drop: 'never_there' });
      expect(reply['ok']).toBe(1);
    } catch (error) {
      expect((error as { code?: unknown }).code).toBe(26);
    }
    expect(await collectionNames()).toEqual([]);
  });

  it('drops a database with all its collections', async () => {
    await t.coll('one').insertOne({ _id: 1 });
    await t.coll('two').insertOne({ _id: 2 });
    expect(await databaseNames()).toContain(t.dbName);
    await t.db.dropDatabase();
    expect(await collectionNames()).toEqual([]);
    expect(await databaseNames()).not.toContain(t.dbName);
    expect(await t.coll('one').findOne({ _id: 1 })).toBeNull();
  });

  it('lists databases with their size once they hold data', async () => {
    await t.coll('c').insertOne({ _id: 1, payload: 'x'.repeat(100) });
    const reply = await t.client.db('admin').command({ listDatabases: 1 });
    expect(reply['ok']).toBe(1);
    const mine = (reply['databases'] as Document[]).find((d) => d['name'] === t.dbName);
    expect(mine).toBeDefined();
    expect(typeof mine?.['sizeOnDisk']).toBe('number');
    expect(mine?.['empty']).toBe(false);
    expect(typeof reply['totalSize']).toBe('number');
  });

  it('does not list a database that was never written to', async () => {
    t.db.collection('untouched');
    expect(await databaseNames()).not.toContain(t.dbName);
  });

  it('keeps databases apart: the same collection name holds different data', async () => {
    const other = t.otherDb();
    await t.coll('same').insertOne({ _id: 1, where: 'first' });
    await other.collection('same').insertOne({ _id: 1, where: 'second' } as Document);
    expect(await t.coll('same').findOne({ _id: 1 })).toEqual({ _id: 1, where: 'first' });
    expect(await other.collection('same').countDocuments()).toBe(1);
    await other.dropDatabase();
    expect(await t.coll('same').countDocuments()).toBe(1);
  });

  it('lists the collections of an empty database as none', async () => {
    expect(await t.db.listCollections().toArray()).toEqual([]);
    expect(await t.db.collections()).toEqual([]);
  });
});

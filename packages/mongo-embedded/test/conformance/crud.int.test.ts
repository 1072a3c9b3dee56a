import { describe, expect, it } from 'vitest';
import type { Collection, CommandStartedEvent, Document } from 'mongodb';
import { type Doc, drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('CRUD ($name)', (driver) => {
  const t = useConformance(server, driver);
  const { Long, ObjectId } = driver.mongo;

  async function monitoredClient(): Promise<{
    db: ReturnType<typeof t.client.db>;
    started: CommandStartedEvent[];
  }> {
    const client = await t.connect({ monitorCommands: true });
    const started: CommandStartedEvent[] = [];
    client.on('commandStarted', (event) => started.push(event));
    return { db: client.db(t.dbName), started };
  }

  describe('insert and find', () => {
    it('inserts one document and finds it by _id', async () => {
      const coll = t.coll('things');
      const result = await coll.insertOne({ _id: 'a', name: 'Ada', tags: ['x'] });
      expect(result.acknowledged).toBe(true);
      expect(result.insertedId).toBe('a');
      expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', name: 'Ada', tags: ['x'] });
    });

    it('generates an ObjectId _id when the document has none', async () => {
      const coll = t.coll('things');
      const result = await coll.insertOne({ name: 'no id' });
      expect(result.insertedId).toBeInstanceOf(ObjectId);
      const found = await coll.findOne({ name: 'no id' });
      expect(found?._id).toBeInstanceOf(ObjectId);
      expect(found?._id).toEqual(result.insertedId);
    });

    it('inserts many documents and reports every inserted id', async () => {
      const coll = t.coll('things');
      const result = await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
      expect(result.insertedCount).toBe(3);
      expect(result.insertedIds).toEqual({ 0: 1, 1: 2, 2: 3 });
      expect(await coll.countDocuments()).toBe(3);
    });

    it('rejects a second document with the same _id with E11000 (code 11000)', async () => {
      const coll = t.coll('things');
      await coll.insertOne({ _id: 7 });
      const error = await rejection(coll.insertOne({ _id: 7, other: true }));
      expect(error.code).toBe(11000);
      expect(error['keyPattern']).toEqual({ _id: 1 });
      expect(error['keyValue']).toEqual({ _id: 7 });
      expect(await coll.countDocuments()).toBe(1);
    });

    it('applies filter, sort, skip and limit together', async () => {
      const coll = t.coll('nums');
      await coll.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
      const docs = await coll.find({ even: true }).sort({ _id: -1 }).skip(2).limit(3).toArray();
      expect(docs.map((d) => d._id)).toEqual([14, 12, 10]);
    });

    it('returns null from findOne when nothing matches', async () => {
      expect(await t.coll('empty').findOne({ _id: 'missing' })).toBeNull();
    });

    it('finds nothing in a collection that does not exist', async () => {
      expect(await t.coll('never').find({}).toArray()).toEqual([]);
    });
  });

  describe('cursors', () => {
    it('returns every document across getMore batches with a small batchSize', async () => {
      const docs = Array.from({ length: 245 }, (_, i) => ({ _id: i, v: `doc-${i}` }));
      await t.coll('many').insertMany(docs);
      const { db, started } = await monitoredClient();

      const read = await db.collection('many').find({}).sort({ _id: 1 }).batchSize(10).toArray();

      expect(read).toEqual(docs);
      // 10 in the first batch, then 23 full getMores and a last one that returns 5 and ends.
      expect(started.filter((e) => e.commandName === 'getMore')).toHaveLength(24);
    });

    it('keeps the cursor id non-zero until the last batch, then returns 0', async () => {
      await t.coll('many').insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: i })));
      // Cursor ids are 64-bit: read them as Long (not promoted to a lossy number) to send back.
      const first = await t.db.command(
        { find: 'many', batchSize: 2, sort: { _id: 1 } },
        { promoteLongs: false },
      );
      const cursor = first['cursor'] as Document;
      expect(cursor['firstBatch']).toEqual([{ _id: 0 }, { _id: 1 }]);
      expect(cursor['ns']).toBe(`${t.dbName}.many`);
      const id = cursor['id'] as InstanceType<typeof Long>;
      expect(Number(id)).not.toBe(0);

      const more = await t.db.command({ getMore: id, collection: 'many', batchSize: 10 });
      const next = more['cursor'] as Document;
      expect(next['nextBatch']).toEqual([{ _id: 2 }, { _id: 3 }, { _id: 4 }]);
      expect(Number(next['id'])).toBe(0);
    });

    it('kills the server cursor when the driver closes it early (killCursors)', async () => {
      await t.coll('many').insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
      const { db, started } = await monitoredClient();
      const cursor = db.collection('many').find({}).sort({ _id: 1 }).batchSize(5);
      expect(await cursor.next()).toEqual({ _id: 0 });
      const id = cursor.id;
      expect(id).toBeDefined();
      await cursor.close();

      const kill = started.find((e) => e.commandName === 'killCursors');
      expect(kill).toBeDefined();
      const error = await rejection(t.db.command({ getMore: id, collection: 'many' }));
      expect(error.code).toBe(43);
      expect(error.codeName).toBe('CursorNotFound');
    });

    it('reports killed and unknown cursors in the killCursors reply', async () => {
      await t.coll('many').insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i })));
      const first = await t.db.command({ find: 'many', batchSize: 2 }, { promoteLongs: false });
      const id = (first['cursor'] as Document)['id'] as InstanceType<typeof Long>;
      const unknown = Long.fromNumber(424242);

      const reply = await t.db.command(
        { killCursors: 'many', cursors: [id, unknown] },
        { promoteLongs: false },
      );

      expect(reply['ok']).toBe(1);
      expect((reply['cursorsKilled'] as unknown[]).map(String)).toEqual([String(id)]);
      expect((reply['cursorsNotFound'] as unknown[]).map(String)).toEqual(['424242']);
    });
  });

  describe('update and replace', () => {
    it('reports matched and modified counts, and zero modified for a no-op', async () => {
      const coll = t.coll('u');
      await coll.insertMany([
        { _id: 1, s: 'a' },
        { _id: 2, s: 'a' },
        { _id: 3, s: 'b' },
      ]);
      const many = await coll.updateMany({ s: 'a' }, { $set: { s: 'c' } });
      expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2, upsertedCount: 0 });
      expect(many.upsertedId).toBeNull();
      const noop = await coll.updateOne({ _id: 3 }, { $set: { s: 'b' } });
      expect(noop).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
      const none = await coll.updateOne({ _id: 99 }, { $set: { s: 'z' } });
      expect(none).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    });

    it('upserts a new document seeded from the equality fields of the query', async () => {
      const coll = t.coll('u');
      const result = await coll.updateOne(
        { sku: 'abc', qty: { $gt: 5 } },
        { $set: { price: 10 } },
        { upsert: true },
      );
      expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
      expect(result.upsertedId).toBeInstanceOf(ObjectId);
      const doc = await coll.findOne({ sku: 'abc' }, { projection: { _id: 0 } });
      expect(doc).toEqual({ sku: 'abc', price: 10 });
    });

    it('upserts with the _id from the query', async () => {
      const coll = t.coll('u');
      const result = await coll.updateOne({ _id: 'k' }, { $inc: { n: 1 } }, { upsert: true });
      expect(result.upsertedId).toBe('k');
      expect(await coll.findOne({ _id: 'k' })).toEqual({ _id: 'k', n: 1 });
    });

    it('replaces a whole document but keeps its _id', async () => {
      const coll = t.coll('u');
      await coll.insertOne({ _id: 1, a: 1, b: 2 });
      const result = await coll.replaceOne({ _id: 1 }, { c: 3 });
      expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
    });

    it('upserts a replacement document', async () => {
      const coll = t.coll('u');
      const result = await coll.replaceOne({ _id: 5 }, { v: 'new' }, { upsert: true });
      expect(result.upsertedId).toBe(5);
      expect(await coll.findOne({ _id: 5 })).toEqual({ _id: 5, v: 'new' });
    });
  });

  describe('delete', () => {
    it('deletes one matching document, then all the others', async () => {
      const coll = t.coll('d');
      await coll.insertMany([
        { _id: 1, k: 'x' },
        { _id: 2, k: 'x' },
        { _id: 3, k: 'y' },
      ]);
      expect(await coll.deleteOne({ k: 'x' })).toMatchObject({ deletedCount: 1 });
      expect(await coll.deleteMany({ k: 'x' })).toMatchObject({ deletedCount: 1 });
      expect(await coll.deleteMany({ k: 'nothing' })).toMatchObject({ deletedCount: 0 });
      expect(await coll.find({}).toArray()).toEqual([{ _id: 3, k: 'y' }]);
    });

    it('deletes everything with an empty filter', async () => {
      const coll = t.coll('d');
      await coll.insertMany([{ _id: 1 }, { _id: 2 }]);
      expect(await coll.deleteMany({})).toMatchObject({ deletedCount: 2 });
      expect(await coll.countDocuments()).toBe(0);
    });
  });

  describe('findAndModify', () => {
    async function seed(): Promise<Collection<Doc>> {
      const coll = t.coll('fam');
      await coll.insertMany([
        { _id: 1, q: 'a', n: 1, secret: 's1' },
        { _id: 2, q: 'a', n: 2, secret: 's2' },
        { _id: 3, q: 'b', n: 3, secret: 's3' },
      ]);
      return coll;
    }

    it('returns the document before the update by default', async () => {
      const coll = await seed();
      const before = await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 10 } });
      expect(before).toEqual({ _id: 1, q: 'a', n: 1, secret: 's1' });
      expect((await coll.findOne({ _id: 1 }))?.['n']).toBe(11);
    });

    it('returns the document after the update with returnDocument: after', async () => {
      const coll = await seed();
      const after = await coll.findOneAndUpdate(
        { _id: 1 },
        { $inc: { n: 10 } },
        { returnDocument: 'after' },
      );
      expect(after).toEqual({ _id: 1, q: 'a', n: 11, secret: 's1' });
    });

    it('picks the first document in sort order and applies the projection', async () => {
      const coll = await seed();
      const doc = await coll.findOneAndUpdate(
        { q: 'a' },
        { $set: { picked: true } },
        { sort: { n: -1 }, projection: { secret: 0 }, returnDocument: 'after' },
      );
      expect(doc).toEqual({ _id: 2, q: 'a', n: 2, picked: true });
      expect(await coll.countDocuments({ picked: true })).toBe(1);
    });

    it('upserts and reports the upsert in lastErrorObject', async () => {
      const coll = await seed();
      const result = await coll.findOneAndUpdate(
        { _id: 9 },
        { $set: { q: 'new' } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      );
      expect(result.ok).toBe(1);
      expect(result.value).toEqual({ _id: 9, q: 'new' });
      expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 9 });
    });

    it('reports updatedExisting for an update of an existing document', async () => {
      const coll = await seed();
      const result = await coll.findOneAndUpdate(
        { _id: 3 },
        { $set: { q: 'c' } },
        { includeResultMetadata: true },
      );
      expect(result.value).toEqual({ _id: 3, q: 'b', n: 3, secret: 's3' });
      expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    });

    it('returns null when nothing matches and no upsert is asked', async () => {
      const coll = await seed();
      expect(await coll.findOneAndUpdate({ _id: 42 }, { $set: { x: 1 } })).toBeNull();
      expect(await coll.countDocuments()).toBe(3);
    });

    it('replaces a document and returns the replacement', async () => {
      const coll = await seed();
      const doc = await coll.findOneAndReplace(
        { _id: 2 },
        { q: 'replaced' },
        { returnDocument: 'after' },
      );
      expect(doc).toEqual({ _id: 2, q: 'replaced' });
    });

    it('upserts a replacement with findOneAndReplace', async () => {
      const coll = await seed();
      const doc = await coll.findOneAndReplace(
        { _id: 8 },
        { q: 'fresh' },
        { upsert: true, returnDocument: 'after' },
      );
      expect(doc).toEqual({ _id: 8, q: 'fresh' });
    });

    it('deletes the first document in sort order and returns it', async () => {
      const coll = await seed();
      const doc = await coll.findOneAndDelete({ q: 'a' }, { sort: { n: -1 } });
      expect(doc).toEqual({ _id: 2, q: 'a', n: 2, secret: 's2' });
      expect(await coll.find({}, { projection: { _id: 1 } }).toArray()).toEqual([
        { _id: 1 },
        { _id: 3 },
      ]);
    });

    it('applies an update pipeline in findOneAndUpdate', async () => {
      const coll = await seed();
      const doc = await coll.findOneAndUpdate(
        { _id: 3 },
        [{ $set: { double: { $multiply: ['$n', 2] } } }],
        { returnDocument: 'after', projection: { _id: 0, double: 1 } },
      );
      expect(doc).toEqual({ double: 6 });
    });
  });

  describe('count and distinct', () => {
    async function seed(): Promise<Collection<Doc>> {
      const coll = t.coll('cd');
      await coll.insertMany([
        { _id: 1, city: 'Oslo', tags: ['a', 'b'], dims: { h: 1 } },
        { _id: 2, city: 'Lima', tags: ['b', 'c'], dims: { h: 2 } },
        { _id: 3, city: 'Oslo', tags: [], dims: { h: 1 } },
        { _id: 4, city: 'Pune', tags: 'd' },
      ]);
      return coll;
    }

    it('counts documents with a filter, skip and limit', async () => {
      const coll = await seed();
      expect(await coll.countDocuments()).toBe(4);
      expect(await coll.countDocuments({ city: 'Oslo' })).toBe(2);
      expect(await coll.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
      expect(await coll.countDocuments({ city: 'Nowhere' })).toBe(0);
    });

    it('estimates the document count from the collection metadata', async () => {
      const coll = await seed();
      expect(await coll.estimatedDocumentCount()).toBe(4);
      expect(await t.coll('absent').estimatedDocumentCount()).toBe(0);
    });

    it('answers the count command with a query', async () => {
      await seed();
      const reply = await t.db.command({ count: 'cd', query: { city: 'Oslo' } });
      expect(reply).toMatchObject({ ok: 1, n: 2 });
    });

    it('returns distinct values, unwinding arrays', async () => {
      const coll = await seed();
      expect((await coll.distinct('city')).sort()).toEqual(['Lima', 'Oslo', 'Pune']);
      expect((await coll.distinct('tags')).sort()).toEqual(['a', 'b', 'c', 'd']);
    });

    it('returns distinct values of a dotted path under a filter', async () => {
      const coll = await seed();
      expect((await coll.distinct('dims.h', { city: 'Oslo' })).sort()).toEqual([1]);
      expect(await coll.distinct('city', { city: 'Nowhere' })).toEqual([]);
    });
  });
});

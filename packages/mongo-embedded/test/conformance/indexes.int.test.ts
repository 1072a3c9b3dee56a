import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('indexes ($name)', (driver) => {
  const t = useConformance(server, driver);
  const { Double, Long } = driver.mongo;

  async function indexes(name: string): Promise<Document[]> {
    const list: Document[] = await t.coll(name).listIndexes().toArray();
    return list.sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
  }

  describe('createIndexes and listIndexes', () => {
    it('creates single and compound indexes with generated names', async () => {
      const coll = t.coll('people');
      await coll.insertOne({ _id: 1 });
      expect(await coll.createIndex({ email: 1 })).toBe('email_1');
      expect(await coll.createIndex({ last: 1, first: -1 })).toBe('last_1_first_-1');
      const list = await indexes('people');
      expect(list.map((i): unknown => i['name'])).toEqual(['_id_', 'email_1', 'last_1_first_-1']);
      expect(list.find((i) => i['name'] === '_id_')?.['key']).toEqual({ _id: 1 });
      expect(list.find((i) => i['name'] === 'last_1_first_-1')?.['key']).toEqual({
        last: 1,
        first: -1,
      });
      for (const index of list) expect(index['v']).toBe(2);
    });

    it('lists unique, sparse and partial options', async () => {
      const coll = t.coll('opts');
      await coll.createIndex({ a: 1 }, { unique: true });
      await coll.createIndex({ b: 1 }, { sparse: true, name: 'b_sparse' });
      await coll.createIndex(
        { c: 1 },
        { unique: true, partialFilterExpression: { active: true }, name: 'c_active' },
      );
      const list = await indexes('opts');
      expect(list.find((i) => i['name'] === 'a_1')).toMatchObject({ key: { a: 1 }, unique: true });
      expect(list.find((i) => i['name'] === 'b_sparse')).toMatchObject({
        key: { b: 1 },
        sparse: true,
      });
      expect(list.find((i) => i['name'] === 'c_active')).toMatchObject({
        key: { c: 1 },
        unique: true,
        partialFilterExpression: { active: true },
      });
    });

    it('creates the collection when indexing a collection that does not exist', async () => {
      await t.coll('fresh').createIndex({ x: 1 });
      const names = (await t.db.listCollections().toArray()).map((c) => c.name);
      expect(names).toContain('fresh');
    });

    it('treats creating the same index again as a no-op', async () => {
      const coll = t.coll('again');
      await coll.createIndex({ x: 1 }, { unique: true });
      await coll.createIndex({ x: 1 }, { unique: true });
      expect((await indexes('again')).map((i): unknown => i['name'])).toEqual(['_id_', 'x_1']);
    });

    it('rejects another key under an existing index name with IndexKeySpecsConflict (86)', async () => {
      const coll = t.coll('clash');
      await coll.createIndex({ x: 1 }, { name: 'my_index' });
      const error = await rejection(coll.createIndex({ y: 1 }, { name: 'my_index' }));
      expect(error.code).toBe(86);
      expect(error.codeName).toBe('IndexKeySpecsConflict');
    });

    it('refuses to build a unique index over existing duplicates (11000)', async () => {
      const coll = t.coll('dups');
      await coll.insertMany([
        { _id: 1, e: 'x' },
        { _id: 2, e: 'x' },
      ]);
      const error = await rejection(coll.createIndex({ e: 1 }, { unique: true }));
      expect(error.code).toBe(11000);
      expect((await indexes('dups')).map((i): unknown => i['name'])).toEqual(['_id_']);
    });

    it('fails listIndexes on a missing collection with NamespaceNotFound (26)', async () => {
      const error = await rejection(t.db.command({ listIndexes: 'missing' }));
      expect(error.code).toBe(26);
      expect(error.codeName).toBe('NamespaceNotFound');
    });
  });

  describe('unique indexes', () => {
    it('rejects a duplicate insert with 11000, keyPattern and keyValue', async () => {
      const coll = t.coll('users');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, email: 'a@x' });
      const error = await rejection(coll.insertOne({ _id: 2, email: 'a@x' }));
      expect(error.code).toBe(11000);
      expect(error.codeName).toBe('DuplicateKey');
      expect(error['keyPattern']).toEqual({ email: 1 });
      expect(error['keyValue']).toEqual({ email: 'a@x' });
      expect(error.message).toContain('E11000 duplicate key error');
      expect(await coll.countDocuments()).toBe(1);
    });

    it('rejects an update that would duplicate a key and leaves the document unchanged', async () => {
      const coll = t.coll('users');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, email: 'a@x' },
        { _id: 2, email: 'b@x' },
      ]);
      const error = await rejection(coll.updateOne({ _id: 2 }, { $set: { email: 'a@x' } }));
      expect(error.code).toBe(11000);
      expect(error['keyPattern']).toEqual({ email: 1 });
      expect(error['keyValue']).toEqual({ email: 'a@x' });
      expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b@x' });
    });

    it('rejects an upsert that would insert a duplicate key', async () => {
      const coll = t.coll('users');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, email: 'a@x' });
      const error = await rejection(
        coll.updateOne({ _id: 9 }, { $set: { email: 'a@x' } }, { upsert: true }),
      );
      expect(error.code).toBe(11000);
      expect(error['keyValue']).toEqual({ email: 'a@x' });
      expect(await coll.countDocuments()).toBe(1);
    });

    it('rejects a findOneAndUpdate that would duplicate a key', async () => {
      const coll = t.coll('users');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, email: 'a@x' },
        { _id: 2, email: 'b@x' },
      ]);
      const error = await rejection(coll.findOneAndUpdate({ _id: 2 }, { $set: { email: 'a@x' } }));
      expect(error.code).toBe(11000);
      expect(error['keyPattern']).toEqual({ email: 1 });
    });

    it('frees a key when its document changes or is deleted', async () => {
      const coll = t.coll('users');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, email: 'a@x' },
        { _id: 2, email: 'b@x' },
      ]);
      await coll.updateOne({ _id: 1 }, { $set: { email: 'c@x' } });
      await coll.insertOne({ _id: 3, email: 'a@x' });
      await coll.deleteOne({ _id: 2 });
      await coll.insertOne({ _id: 4, email: 'b@x' });
      expect(await coll.countDocuments()).toBe(3);
    });

    it('enforces a compound unique index on the combination of fields', async () => {
      const coll = t.coll('pairs');
      await coll.createIndex({ a: 1, b: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, a: 1, b: 2 },
        { _id: 2, a: 1, b: 3 },
        { _id: 3, a: 2, b: 2 },
      ]);
      const error = await rejection(coll.insertOne({ _id: 4, a: 1, b: 2 }));
      expect(error.code).toBe(11000);
      expect(error['keyPattern']).toEqual({ a: 1, b: 1 });
      expect(error['keyValue']).toEqual({ a: 1, b: 2 });
    });

    it('treats a missing field as null, so a second document without it is a duplicate', async () => {
      const coll = t.coll('nulls');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertOne({ _id: 1 });
      const error = await rejection(coll.insertOne({ _id: 2 }));
      expect(error.code).toBe(11000);
      expect(error['keyValue']).toEqual({ email: null });
    });

    it('compares numbers across types: 1, 1.0 and Long(1) are the same key', async () => {
      const coll = t.coll('nums');
      await coll.createIndex({ n: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, n: 1 });
      expect((await rejection(coll.insertOne({ _id: 2, n: new Double(1) }))).code).toBe(11000);
      expect((await rejection(coll.insertOne({ _id: 3, n: Long.fromNumber(1) }))).code).toBe(11000);
    });

    it('indexes each element of an array (multikey) for uniqueness', async () => {
      const coll = t.coll('tags');
      await coll.createIndex({ tags: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, tags: ['a', 'b'] });
      const error = await rejection(coll.insertOne({ _id: 2, tags: ['c', 'b'] }));
      expect(error.code).toBe(11000);
      expect(error['keyValue']).toEqual({ tags: 'b' });
    });

    it('a sparse unique index allows many documents without the field', async () => {
      const coll = t.coll('sparse');
      await coll.createIndex({ email: 1 }, { unique: true, sparse: true });
      await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, email: 'a' }]);
      expect((await rejection(coll.insertOne({ _id: 4, email: 'a' }))).code).toBe(11000);
      expect(await coll.countDocuments()).toBe(3);
    });

    it('a partial unique index only constrains documents matching its filter', async () => {
      const coll = t.coll('partial');
      await coll.createIndex(
        { user: 1 },
        { unique: true, partialFilterExpression: { active: true } },
      );
      await coll.insertMany([
        { _id: 1, user: 'u', active: false },
        { _id: 2, user: 'u', active: false },
        { _id: 3, user: 'u', active: true },
      ]);
      const error = await rejection(coll.insertOne({ _id: 4, user: 'u', active: true }));
      expect(error.code).toBe(11000);
      expect(await coll.countDocuments({ user: 'u' })).toBe(3);
    });
  });

  describe('queries on indexed fields', () => {
    it('finds by equality and range on an indexed field, tracking every write', async () => {
      const coll = t.coll('idx');
      await coll.createIndex({ k: 1 });
      await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, k: i % 10 })));
      await coll.updateMany({ k: 3 }, { $set: { k: 30 } });
      await coll.deleteMany({ k: 4 });

      expect(await coll.countDocuments({ k: 3 })).toBe(0);
      expect(await coll.countDocuments({ k: 30 })).toBe(5);
      expect(await coll.countDocuments({ k: 4 })).toBe(0);
      const range = await coll
        .find({ k: { $gte: 8 } })
        .sort({ _id: 1 })
        .toArray();
      expect(range.map((d): unknown => d._id)).toEqual([
        3, 8, 9, 13, 18, 19, 23, 28, 29, 33, 38, 39, 43, 48, 49,
      ]);
    });

    it('finds numerically equal values of every numeric type through an index', async () => {
      const coll = t.coll('numidx');
      await coll.createIndex({ n: 1 });
      await coll.insertMany([
        { _id: 1, n: 2 },
        { _id: 2, n: new Double(2) },
        { _id: 3, n: Long.fromNumber(2) },
        { _id: 4, n: 2.5 },
      ]);
      const docs = await coll.find({ n: 2 }).sort({ _id: 1 }).toArray();
      expect(docs.map((d): unknown => d._id)).toEqual([1, 2, 3]);
    });

    it('finds by a compound index prefix', async () => {
      const coll = t.coll('compound');
      await coll.createIndex({ a: 1, b: 1 });
      await coll.insertMany([
        { _id: 1, a: 1, b: 1 },
        { _id: 2, a: 1, b: 2 },
        { _id: 3, a: 2, b: 1 },
      ]);
      expect(await coll.countDocuments({ a: 1 })).toBe(2);
      expect(await coll.countDocuments({ a: 1, b: 2 })).toBe(1);
      expect(await coll.countDocuments({ b: 1 })).toBe(2);
    });
  });

  describe('index use, as explain executionStats reports it', () => {
    async function examined(filter: Document): Promise<{ docs: number; returned: number }> {
      const plan = await t.coll('plan').find(filter).explain('executionStats');
      const stats = plan['executionStats'] as Document;
      return { docs: Number(stats['totalDocsExamined']), returned: Number(stats['nReturned']) };
    }

    async function seed(): Promise<void> {
      await t.coll('plan').createIndex({ k: 1 });
      await t
        .coll('plan')
        .insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i, k: i % 10, u: i })));
    }

    it('reads one document for a lookup by _id', async () => {
      await seed();
      expect(await examined({ _id: 42 })).toEqual({ docs: 1, returned: 1 });
    });

    it('reads only the matching documents for an equality on an indexed field', async () => {
      await seed();
      expect(await examined({ k: 3 })).toEqual({ docs: 10, returned: 10 });
    });

    it('reads every document for a filter on an unindexed field', async () => {
      await seed();
      expect(await examined({ u: 7 })).toEqual({ docs: 100, returned: 1 });
    });
  });

  describe('dropIndexes', () => {
    it('drops one index by name and keeps the others', async () => {
      const coll = t.coll('drop');
      await coll.createIndex({ a: 1 });
      await coll.createIndex({ b: 1 });
      await coll.dropIndex('a_1');
      expect((await indexes('drop')).map((i): unknown => i['name'])).toEqual(['_id_', 'b_1']);
    });

    it('drops every index but _id_', async () => {
      const coll = t.coll('drop');
      await coll.createIndex({ a: 1 });
      await coll.createIndex({ b: 1 }, { unique: true });
      await coll.dropIndexes();
      expect((await indexes('drop')).map((i): unknown => i['name'])).toEqual(['_id_']);
      await coll.insertMany([
        { _id: 1, b: 1 },
        { _id: 2, b: 1 },
      ]);
    });

    it('fails on an unknown index name with IndexNotFound (27)', async () => {
      const coll = t.coll('drop');
      await coll.insertOne({ _id: 1 });
      const error = await rejection(coll.dropIndex('nope_1'));
      expect(error.code).toBe(27);
      expect(error.codeName).toBe('IndexNotFound');
    });

    it('refuses to drop the _id index with InvalidOptions (72)', async () => {
      const coll = t.coll('drop');
      await coll.insertOne({ _id: 1 });
      const error = await rejection(coll.dropIndex('_id_'));
      expect(error.code).toBe(72);
      expect(error.codeName).toBe('InvalidOptions');
    });

    it('fails on a missing collection with NamespaceNotFound (26)', async () => {
      const error = await rejection(t.db.command({ dropIndexes: 'missing', index: 'a_1' }));
      expect(error.code).toBe(26);
      expect(error.codeName).toBe('NamespaceNotFound');
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('update operators ($name)', (driver) => {
  const t = useConformance(server, driver);
  const { Timestamp } = driver.mongo;

  /** Inserts `doc` as _id 1, applies `update`, and returns the stored document. */
  async function afterUpdate(
    doc: Document,
    update: Document | Document[],
    options: Document = {},
  ): Promise<Document | null> {
    const coll = t.coll('ops');
    await coll.insertOne({ _id: 1, ...doc });
    await coll.updateOne({ _id: 1 }, update, options);
    // _id is dropped here rather than by a projection, so these tests only judge the update.
    const stored = await coll.findOne({ _id: 1 });
    if (stored === null) return null;
    const { _id: _ignored, ...rest } = stored;
    return rest;
  }

  describe('field operators', () => {
    it('$set sets top-level and nested fields, creating missing parents', async () => {
      expect(await afterUpdate({ a: 1 }, { $set: { a: 2, 'b.c.d': 'deep', e: [1] } })).toEqual({
        a: 2,
        b: { c: { d: 'deep' } },
        e: [1],
      });
    });

    it('$set with a numeric path component sets an array element', async () => {
      expect(await afterUpdate({ arr: [1, 2, 3] }, { $set: { 'arr.1': 20 } })).toEqual({
        arr: [1, 20, 3],
      });
    });

    it('$set past the end of an array pads it with null', async () => {
      expect(await afterUpdate({ arr: [1] }, { $set: { 'arr.3': 4 } })).toEqual({
        arr: [1, null, null, 4],
      });
    });

    it('$unset removes fields and ignores missing ones', async () => {
      expect(
        await afterUpdate({ a: 1, b: { c: 1, d: 2 } }, { $unset: { a: '', 'b.c': 1, zz: 1 } }),
      ).toEqual({ b: { d: 2 } });
    });

    it('$inc adds to a number and creates a missing field', async () => {
      expect(await afterUpdate({ n: 5 }, { $inc: { n: -2, m: 3 } })).toEqual({ n: 3, m: 3 });
    });

    it('$mul multiplies and sets a missing field to 0', async () => {
      expect(await afterUpdate({ price: 2.5 }, { $mul: { price: 4, qty: 3 } })).toEqual({
        price: 10,
        qty: 0,
      });
    });

    it('$min and $max only replace a value that is greater or lower', async () => {
      expect(
        await afterUpdate(
          { lo: 5, mid: 5, hi: 5 },
          { $min: { lo: 3, mid: 9 }, $max: { hi: 2, top: 1 } },
        ),
      ).toEqual({ lo: 3, mid: 5, hi: 5, top: 1 });
    });

    it('$min and $max compare dates', async () => {
      const early = new Date('2020-01-01T00:00:00Z');
      const late = new Date('2024-01-01T00:00:00Z');
      expect(await afterUpdate({ d: late }, { $min: { d: early } })).toEqual({ d: early });
    });

    it('$rename moves a field, including into a sub-document', async () => {
      expect(
        await afterUpdate({ a: 1, b: { c: 2 } }, { $rename: { a: 'x', 'b.c': 'y.z' } }),
      ).toEqual({ b: {}, x: 1, y: { z: 2 } });
    });

    it('$currentDate sets a Date or a Timestamp', async () => {
      const start = Date.now();
      const doc = await afterUpdate(
        {},
        { $currentDate: { when: true, ts: { $type: 'timestamp' }, d: { $type: 'date' } } },
      );
      expect(doc?.['when']).toBeInstanceOf(Date);
      expect(doc?.['d']).toBeInstanceOf(Date);
      expect(doc?.['ts']).toBeInstanceOf(Timestamp);
      expect((doc?.['when'] as Date).getTime()).toBeGreaterThanOrEqual(start - 60_000);
    });

    it('$setOnInsert applies only when the update inserts', async () => {
      const coll = t.coll('soi');
      const update = { $set: { seen: true }, $setOnInsert: { createdBy: 'upsert' } };
      await coll.updateOne({ _id: 1 }, update, { upsert: true });
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, seen: true, createdBy: 'upsert' });

      await coll.insertOne({ _id: 2 });
      await coll.updateOne({ _id: 2 }, update, { upsert: true });
      expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, seen: true });
    });
  });

  describe('array operators', () => {
    it('$push appends, and creates the array when missing', async () => {
      expect(await afterUpdate({ a: [1] }, { $push: { a: 2, b: 'x' } })).toEqual({
        a: [1, 2],
        b: ['x'],
      });
    });

    it('$push with $each, $position, $sort and $slice', async () => {
      expect(
        await afterUpdate(
          { s: [{ v: 5 }, { v: 1 }] },
          { $push: { s: { $each: [{ v: 3 }, { v: 9 }], $sort: { v: 1 }, $slice: -3 } } },
        ),
      ).toEqual({ s: [{ v: 3 }, { v: 5 }, { v: 9 }] });
      const coll = t.coll('ops');
      const pushB: Document = { $push: { p: { $each: ['b', 'c'] } } };
      const pushA: Document = { $push: { p: { $each: ['a'], $position: 0 } } };
      await coll.updateOne({ _id: 1 }, pushB);
      await coll.updateOne({ _id: 1 }, pushA);
      expect((await coll.findOne({ _id: 1 }))?.['p']).toEqual(['a', 'b', 'c']);
    });

    it('$addToSet adds only values not already present', async () => {
      expect(
        await afterUpdate({ t: ['a', 'b'] }, { $addToSet: { t: { $each: ['b', 'c', 'c'] } } }),
      ).toEqual({ t: ['a', 'b', 'c'] });
      const coll = t.coll('ops');
      await coll.updateOne({ _id: 1 }, { $addToSet: { t: 'a' } });
      expect((await coll.findOne({ _id: 1 }))?.['t']).toEqual(['a', 'b', 'c']);
    });

    it('$pop removes the last or the first element', async () => {
      expect(await afterUpdate({ a: [1, 2, 3], b: [1, 2, 3] }, { $pop: { a: 1, b: -1 } })).toEqual({
        a: [1, 2],
        b: [2, 3],
      });
    });

    it('$pull removes values equal to a value or matching a condition', async () => {
      expect(
        await afterUpdate(
          { n: [1, 5, 7, 5], items: [{ q: 1 }, { q: 3 }, { q: 0 }] },
          { $pull: { n: 5, items: { q: { $lt: 2 } } } },
        ),
      ).toEqual({ n: [1, 7], items: [{ q: 3 }] });
    });

    it('$pullAll removes every listed value', async () => {
      expect(await afterUpdate({ n: [0, 2, 5, 5, 1, 0] }, { $pullAll: { n: [0, 5] } })).toEqual({
        n: [2, 1],
      });
    });

    it('$bit applies and, or and xor', async () => {
      expect(
        await afterUpdate(
          { a: 13, b: 3, c: 1 },
          { $bit: { a: { and: 10 }, b: { or: 5 }, c: { xor: 5 } } },
        ),
      ).toEqual({ a: 8, b: 7, c: 4 });
    });
  });

  describe('positional updates', () => {
    it('$ updates the first array element matched by the query', async () => {
      const coll = t.coll('pos');
      await coll.insertOne({ _id: 1, grades: [85, 80, 80] });
      await coll.updateOne({ _id: 1, grades: 80 }, { $set: { 'grades.$': 82 } });
      expect((await coll.findOne({ _id: 1 }))?.['grades']).toEqual([85, 82, 80]);
    });

    it('$ updates a field of the matched sub-document', async () => {
      const coll = t.coll('pos');
      await coll.insertOne({
        _id: 1,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 1 },
        ],
      });
      await coll.updateOne({ 'items.sku': 'b' }, { $inc: { 'items.$.qty': 5 } });
      expect((await coll.findOne({ _id: 1 }))?.['items']).toEqual([
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 6 },
      ]);
    });

    it('$ follows $elemMatch in the query', async () => {
      const coll = t.coll('pos');
      await coll.insertOne({
        _id: 1,
        rows: [
          { k: 1, v: 'x' },
          { k: 2, v: 'x' },
          { k: 2, v: 'y' },
        ],
      });
      await coll.updateOne(
        { rows: { $elemMatch: { k: 2, v: 'y' } } },
        { $set: { 'rows.$.v': 'z' } },
      );
      expect((await coll.findOne({ _id: 1 }))?.['rows']).toEqual([
        { k: 1, v: 'x' },
        { k: 2, v: 'x' },
        { k: 2, v: 'z' },
      ]);
    });

    it('$[] updates every element', async () => {
      expect(await afterUpdate({ a: [1, 2, 3] }, { $inc: { 'a.$[]': 10 } })).toEqual({
        a: [11, 12, 13],
      });
    });

    it('$[identifier] updates the elements selected by arrayFilters', async () => {
      expect(
        await afterUpdate(
          {
            grades: [
              { g: 80, m: 0 },
              { g: 95, m: 0 },
              { g: 100, m: 0 },
            ],
          },
          { $set: { 'grades.$[high].m': 1 } },
          { arrayFilters: [{ 'high.g': { $gte: 90 } }] },
        ),
      ).toEqual({
        grades: [
          { g: 80, m: 0 },
          { g: 95, m: 1 },
          { g: 100, m: 1 },
        ],
      });
    });

    it('applies arrayFilters to every matched document in updateMany', async () => {
      const coll = t.coll('af');
      await coll.insertMany([
        { _id: 1, v: [1, 5, 9] },
        { _id: 2, v: [6, 2] },
      ]);
      const result = await coll.updateMany(
        {},
        { $set: { 'v.$[big]': 0 } },
        { arrayFilters: [{ big: { $gt: 4 } }] },
      );
      expect(result.modifiedCount).toBe(2);
      expect(await coll.find({}).sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, v: [1, 0, 0] },
        { _id: 2, v: [0, 2] },
      ]);
    });
  });

  describe('pipeline updates', () => {
    it('computes fields from other fields and removes with $unset', async () => {
      expect(
        await afterUpdate({ a: 2, b: 3, tmp: true }, [
          { $set: { sum: { $add: ['$a', '$b'] }, label: { $concat: ['n', 'x'] } } },
          { $unset: 'tmp' },
        ]),
      ).toEqual({ a: 2, b: 3, sum: 5, label: 'nx' });
    });

    it('updates many documents each from its own values', async () => {
      const coll = t.coll('pipe');
      await coll.insertMany([
        { _id: 1, price: 10, qty: 2 },
        { _id: 2, price: 3, qty: 5 },
      ]);
      await coll.updateMany({}, [{ $set: { total: { $multiply: ['$price', '$qty'] } } }]);
      expect(
        await coll
          .find({}, { projection: { total: 1 } })
          .sort({ _id: 1 })
          .toArray(),
      ).toEqual([
        { _id: 1, total: 20 },
        { _id: 2, total: 15 },
      ]);
    });
  });

  describe('invalid updates', () => {
    it('rejects two operators on the same path with ConflictingUpdateOperators (40)', async () => {
      const coll = t.coll('bad');
      await coll.insertOne({ _id: 1, a: 1 });
      const error = await rejection(coll.updateOne({ _id: 1 }, { $set: { a: 2 }, $inc: { a: 1 } }));
      expect(error.code).toBe(40);
      expect(error.codeName).toBe('ConflictingUpdateOperators');
    });

    it('rejects $inc of a string field with TypeMismatch (14)', async () => {
      const coll = t.coll('bad');
      await coll.insertOne({ _id: 1, a: 'text' });
      const error = await rejection(coll.updateOne({ _id: 1 }, { $inc: { a: 1 } }));
      expect(error.code).toBe(14);
      expect(error.codeName).toBe('TypeMismatch');
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 'text' });
    });

    it('rejects an unknown update operator with FailedToParse (9)', async () => {
      const coll = t.coll('bad');
      await coll.insertOne({ _id: 1 });
      const error = await rejection(coll.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } }));
      expect(error.code).toBe(9);
      expect(error.codeName).toBe('FailedToParse');
    });
  });
});

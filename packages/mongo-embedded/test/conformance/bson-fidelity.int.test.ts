import { calculateObjectSize } from 'bson';
import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { bsonType, drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

const MAX_BSON = 16 * 1024 * 1024;

describe.each(drivers)('BSON fidelity ($name)', (driver) => {
  const t = useConformance(server, driver);
  const {
    Binary,
    BSONRegExp,
    Decimal128,
    Double,
    Int32,
    Long,
    MaxKey,
    MinKey,
    ObjectId,
    Timestamp,
  } = driver.mongo;

  /** Reads documents without promoting numbers, so their BSON types are visible. */
  async function raw(name: string, filter: Document = {}): Promise<Document[]> {
    return t.coll(name).find(filter, { promoteValues: false }).sort({ _id: 1 }).toArray();
  }

  describe('comparison and sort order across types', () => {
    it("sorts values of different types in MongoDB's canonical order", async () => {
      const coll = t.coll('order');
      // Inserted in scrambled order; the expected order is MongoDB's documented one:
      // MinKey, null, numbers, strings, objects, (arrays: see below), binary, ObjectId, booleans,
      // dates, timestamps, regular expressions, MaxKey.
      const byType: [string, unknown][] = [
        ['maxkey', new MaxKey()],
        ['regex', new BSONRegExp('a', 'i')],
        ['timestamp', new Timestamp({ t: 1, i: 1 })],
        ['date', new Date('2020-01-01T00:00:00Z')],
        ['true', true],
        ['false', false],
        ['objectid', new ObjectId('000000000000000000000001')],
        ['binary', new Binary(Buffer.from([1, 2]))],
        ['object', { a: 1 }],
        ['string', 'abc'],
        ['number', 5],
        ['null', null],
        ['minkey', new MinKey()],
      ];
      await coll.insertMany(byType.map(([name, v]) => ({ _id: name, v })));
      const ascending = await coll.find({}).sort({ v: 1 }).toArray();
      expect(ascending.map((d): unknown => d._id)).toEqual([
        'minkey',
        'null',
        'number',
        'string',
        'object',
        'binary',
        'objectid',
        'false',
        'true',
        'date',
        'timestamp',
        'regex',
        'maxkey',
      ]);
      const descending = await coll.find({}).sort({ v: -1 }).toArray();
      expect(descending.map((d): unknown => d._id)).toEqual(
        ascending.map((d): unknown => d._id).reverse(),
      );
    });

    it('sorts all numeric types together by value', async () => {
      const coll = t.coll('nums');
      await coll.insertMany([
        { _id: 'd4.5', v: Decimal128.fromString('4.5') },
        { _id: 'l3', v: Long.fromNumber(3) },
        { _id: 'f2.5', v: 2.5 },
        { _id: 'i1', v: 1 },
        { _id: 'neg', v: new Double(-7) },
        { _id: 'big', v: Long.fromString('9007199254740993') },
      ]);
      const docs = await coll.find({}).sort({ v: 1 }).toArray();
      expect(docs.map((d): unknown => d._id)).toEqual(['neg', 'i1', 'f2.5', 'l3', 'd4.5', 'big']);
    });

    it('sorts null and missing fields together, before numbers', async () => {
      const coll = t.coll('nulls');
      await coll.insertMany([{ _id: 3, v: 0 }, { _id: 1 }, { _id: 2, v: null }]);
      const docs = await coll.find({}).sort({ v: 1, _id: 1 }).toArray();
      expect(docs.map((d): unknown => d._id)).toEqual([1, 2, 3]);
    });

    it('sorts arrays by their smallest element ascending and their largest descending', async () => {
      const coll = t.coll('arrays');
      await coll.insertMany([
        { _id: 'a', v: [3, 1] },
        { _id: 'b', v: 2 },
        { _id: 'c', v: [4] },
      ]);
      const up = await coll.find({}).sort({ v: 1 }).toArray();
      expect(up.map((d): unknown => d._id)).toEqual(['a', 'b', 'c']);
      const down = await coll.find({}).sort({ v: -1 }).toArray();
      expect(down.map((d): unknown => d._id)).toEqual(['c', 'a', 'b']);
    });

    it('matches equal numbers of every numeric type with one filter', async () => {
      const coll = t.coll('eq');
      await coll.insertMany([
        { _id: 1, v: new Int32(2) },
        { _id: 2, v: Long.fromNumber(2) },
        { _id: 3, v: new Double(2) },
        { _id: 4, v: Decimal128.fromString('2.0') },
        { _id: 5, v: '2' },
        { _id: 6, v: 2.000001 },
      ]);
      const ids = async (filter: Document): Promise<unknown[]> =>
        (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d): unknown => d._id);
      expect(await ids({ v: 2 })).toEqual([1, 2, 3, 4]);
      expect(await ids({ v: Long.fromNumber(2) })).toEqual([1, 2, 3, 4]);
      expect(await ids({ v: Decimal128.fromString('2') })).toEqual([1, 2, 3, 4]);
      expect(await ids({ v: { $in: [new Double(2), 'x'] } })).toEqual([1, 2, 3, 4]);
      expect(
        await ids({ v: { $gt: Decimal128.fromString('1.5'), $lt: Long.fromNumber(3) } }),
      ).toEqual([1, 2, 3, 4, 6]);
    });

    it('compares only within the same type class (no string-to-number coercion)', async () => {
      const coll = t.coll('brackets');
      await coll.insertMany([
        { _id: 1, v: 10 },
        { _id: 2, v: 'zzz' },
        { _id: 3, v: new Date('2020-01-01T00:00:00Z') },
        { _id: 4, v: true },
      ]);
      const gt = await coll.find({ v: { $gt: 5 } }).toArray();
      expect(gt.map((d): unknown => d._id)).toEqual([1]);
      const ltString = await coll.find({ v: { $lt: 'zzzz' } }).toArray();
      expect(ltString.map((d): unknown => d._id)).toEqual([2]);
    });

    it('selects numeric types with $type', async () => {
      const coll = t.coll('types');
      await coll.insertMany([
        { _id: 1, v: new Int32(1) },
        { _id: 2, v: Long.fromNumber(1) },
        { _id: 3, v: new Double(1) },
        { _id: 4, v: Decimal128.fromString('1') },
        { _id: 5, v: '1' },
      ]);
      const ids = async (type: string): Promise<unknown[]> =>
        (
          await coll
            .find({ v: { $type: type } })
            .sort({ _id: 1 })
            .toArray()
        ).map((d): unknown => d._id);
      expect(await ids('int')).toEqual([1]);
      expect(await ids('long')).toEqual([2]);
      expect(await ids('double')).toEqual([3]);
      expect(await ids('decimal')).toEqual([4]);
      expect(await ids('number')).toEqual([1, 2, 3, 4]);
    });
  });

  describe('numeric types through updates', () => {
    it('$inc keeps the type of the stored number', async () => {
      await t.coll('inc').insertMany([
        { _id: 1, v: new Int32(1) },
        { _id: 2, v: Long.fromNumber(1) },
        { _id: 3, v: new Double(1) },
        { _id: 4, v: Decimal128.fromString('1.1') },
      ]);
      await t.coll('inc').updateMany({}, { $inc: { v: new Int32(2) } });
      const docs = await raw('inc');
      expect(docs.map((d) => [bsonType(d['v']), String(d['v'])])).toEqual([
        ['Int32', '3'],
        ['Long', '3'],
        ['Double', '3'],
        ['Decimal128', '3.1'],
      ]);
    });

    it('$inc widens to the wider operand type', async () => {
      await t.coll('widen').insertMany([
        { _id: 1, v: new Int32(1) },
        { _id: 2, v: new Int32(1) },
        { _id: 3, v: Long.fromNumber(1) },
        { _id: 4, v: new Int32(1) },
      ]);
      await t.coll('widen').updateOne({ _id: 1 }, { $inc: { v: Long.fromNumber(1) } });
      await t.coll('widen').updateOne({ _id: 2 }, { $inc: { v: 0.5 } });
      await t.coll('widen').updateOne({ _id: 3 }, { $inc: { v: Decimal128.fromString('1') } });
      await t.coll('widen').updateOne({ _id: 4 }, { $inc: { missing: Long.fromNumber(5) } });
      const docs = await raw('widen');
      expect(docs.map((d) => bsonType(d['v']))).toEqual(['Long', 'Double', 'Decimal128', 'Int32']);
      expect(bsonType(docs[3]?.['missing'])).toBe('Long');
    });

    it('$inc past the Int32 range promotes the value to a Long', async () => {
      await t.coll('overflow').insertOne({ _id: 1, v: new Int32(2_147_483_647) });
      await t.coll('overflow').updateOne({ _id: 1 }, { $inc: { v: new Int32(1) } });
      const [doc] = await raw('overflow');
      expect(bsonType(doc?.['v'])).toBe('Long');
      expect(String(doc?.['v'])).toBe('2147483648');
    });

    it('adds Decimal128 values exactly', async () => {
      await t.coll('dec').insertOne({ _id: 1, v: Decimal128.fromString('0.1') });
      await t.coll('dec').updateOne({ _id: 1 }, { $inc: { v: Decimal128.fromString('0.2') } });
      const [doc] = await raw('dec');
      expect(bsonType(doc?.['v'])).toBe('Decimal128');
      expect(String(doc?.['v'])).toBe('0.3');
    });

    it('keeps a Long beyond 2^53 exact (read back as a bigint)', async () => {
      await t.coll('long').insertOne({ _id: 1, v: Long.fromString('9007199254740993') });
      await t.coll('long').updateOne({ _id: 1 }, { $inc: { v: Long.fromNumber(2) } });
      const doc = await t.coll('long').findOne({ _id: 1 }, { useBigInt64: true });
      expect(doc?.['v']).toBe(9007199254740995n);
    });

    it('keeps a Double 1.0 a Double through a round trip and an unrelated update', async () => {
      await t.coll('dbl').insertOne({ _id: 1, v: new Double(1), w: 0 });
      await t.coll('dbl').updateOne({ _id: 1 }, { $set: { w: 1 } });
      const [doc] = await raw('dbl');
      expect(bsonType(doc?.['v'])).toBe('Double');
    });
  });

  describe('round trips', () => {
    it('returns every BSON type as it was stored', async () => {
      const value = {
        _id: new ObjectId(),
        str: 'héllo ✓',
        int: new Int32(-5),
        long: Long.fromString('-9007199254740993'),
        dbl: new Double(0.1),
        dec: Decimal128.fromString('123.4500'),
        date: new Date('2024-02-29T12:34:56.789Z'),
        bin: new Binary(Buffer.from('bytes'), 0x80),
        re: new BSONRegExp('^a.c$', 'im'),
        ts: new Timestamp({ t: 1700000000, i: 7 }),
        min: new MinKey(),
        max: new MaxKey(),
        nul: null,
        bool: false,
        nested: { a: [new Int32(1), { b: [] }], 'key with space': {} },
      };
      await t.coll('rt').insertOne(value);
      const doc = await t.coll('rt').findOne({}, { promoteValues: false, bsonRegExp: true });
      expect(doc).toEqual(value);
      expect(Object.keys(doc ?? {})).toEqual(Object.keys(value));
    });

    it('stores _id first even when the inserted document lists it later', async () => {
      await t.coll('order').insertOne({ a: 1, b: 2, _id: 'x' });
      const doc = await t.coll('order').findOne({ _id: 'x' });
      expect(Object.keys(doc ?? {})).toEqual(['_id', 'a', 'b']);
    });
  });

  describe('_id immutability', () => {
    it('rejects $set of a different _id with ImmutableField (66)', async () => {
      const coll = t.coll('ids');
      await coll.insertOne({ _id: 1, a: 1 });
      const error = await rejection(coll.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
      expect(error.code).toBe(66);
      expect(error.codeName).toBe('ImmutableField');
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
    });

    it('rejects a replacement with a different _id with ImmutableField (66)', async () => {
      const coll = t.coll('ids');
      await coll.insertOne({ _id: 1, a: 1 });
      const error = await rejection(coll.replaceOne({ _id: 1 }, { _id: 2, a: 2 }));
      expect(error.code).toBe(66);
      expect(await coll.find({}).toArray()).toEqual([{ _id: 1, a: 1 }]);
    });

    it('accepts $set of the same _id value', async () => {
      const coll = t.coll('ids');
      await coll.insertOne({ _id: 1, a: 1 });
      await coll.updateOne({ _id: 1 }, { $set: { _id: 1, a: 2 } });
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2 });
    });
  });

  describe('the 16 MiB document limit', () => {
    const overhead = calculateObjectSize({ _id: 1, x: '' });

    it('stores and returns a document of exactly 16 MiB', async () => {
      const coll = t.coll('big');
      await coll.insertOne({ _id: 1, x: 'a'.repeat(MAX_BSON - overhead) });
      const doc = await coll.findOne({ _id: 1 });
      expect((doc?.['x'] as string).length).toBe(MAX_BSON - overhead);
    });

    it('rejects inserting a document one byte over the limit with BadValue (2)', async () => {
      const coll = t.coll('big');
      const error = await rejection(
        coll.insertOne({ _id: 1, x: 'a'.repeat(MAX_BSON - overhead + 1) }),
      );
      expect(error.code).toBe(2);
      expect(await coll.countDocuments()).toBe(0);
    });

    it('rejects an update that grows a document past the limit (17419)', async () => {
      const coll = t.coll('big');
      await coll.insertOne({ _id: 1 });
      const error = await rejection(
        coll.updateOne({ _id: 1 }, { $set: { x: 'a'.repeat(MAX_BSON - overhead + 1) } }),
      );
      // MongoDB 7 answers 17419; newer releases 8375908 (jstests/core/max_doc_size.js).
      expect([17419, 8375908]).toContain(error.code);
      expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1 });
    });

    it('rejects an upserted replacement over the limit (17420)', async () => {
      const coll = t.coll('big');
      const error = await rejection(
        coll.replaceOne({ _id: 1 }, { x: 'a'.repeat(MAX_BSON - overhead + 1) }, { upsert: true }),
      );
      expect(error.code).toBe(17420);
      expect(await coll.countDocuments()).toBe(0);
    });
  });
});

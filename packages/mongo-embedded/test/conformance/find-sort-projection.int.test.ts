import { describe, expect, it } from 'vitest';
import type { Collection, Document, Filter } from 'mongodb';
import { type Doc, drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

const people: Document[] = [
  { _id: 1, name: 'Ada', age: 36, tags: ['math', 'code'], addr: { city: 'London', zip: 'N1' } },
  { _id: 2, name: 'Bob', age: 25, tags: ['code'], addr: { city: 'Paris' }, nick: null },
  {
    _id: 3,
    name: 'cy',
    age: 41,
    tags: [],
    scores: [
      { s: 5, k: 'a' },
      { s: 9, k: 'b' },
    ],
  },
  { _id: 4, name: 'Dee', age: 25, tags: ['art', 'math', 'code'], scores: [{ s: 7, k: 'a' }] },
  { _id: 5, name: 'Eve', addr: { city: 'Oslo', zip: 'O2' }, grid: [[1, 2], [3]] },
];

describe.each(drivers)('find, sort and projection ($name)', (driver) => {
  const t = useConformance(server, driver);

  async function seed(): Promise<Collection<Doc>> {
    const coll = t.coll('people');
    await coll.insertMany(people.map((p) => ({ ...p })));
    return coll;
  }

  async function ids(filter: Filter<Doc>): Promise<unknown[]> {
    const coll = t.coll('people');
    const docs = await coll
      .find(filter, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((d) => d._id);
  }

  describe('query operators', () => {
    const cases: [string, Filter<Doc>, number[]][] = [
      ['equality on a field', { name: 'Bob' }, [2]],
      ['$eq and $ne', { age: { $ne: 25 } }, [1, 3, 5]],
      ['$gt/$gte/$lt/$lte', { age: { $gte: 25, $lt: 40 } }, [1, 2, 4]],
      ['$in and $nin', { age: { $in: [36, 41] } }, [1, 3]],
      ['$nin also matches a missing field', { age: { $nin: [25, 36] } }, [3, 5]],
      ['$exists true and false', { nick: { $exists: true } }, [2]],
      ['null matches null and missing', { nick: null }, [1, 2, 3, 4, 5]],
      ['a value matches any array element', { tags: 'math' }, [1, 4]],
      ['whole-array equality is exact', { tags: ['code'] }, [2]],
      ['$all', { tags: { $all: ['code', 'math'] } }, [1, 4]],
      ['$size', { tags: { $size: 0 } }, [3]],
      ['a dotted path into a sub-document', { 'addr.city': 'Oslo' }, [5]],
      ['a dotted path into an array of sub-documents', { 'scores.k': 'b' }, [3]],
      ['a numeric path component', { 'tags.0': 'art' }, [4]],
      ['$elemMatch on sub-documents', { scores: { $elemMatch: { s: { $gt: 6 }, k: 'a' } } }, [4]],
      ['$elemMatch on scalars', { tags: { $elemMatch: { $gte: 'm' } } }, [1, 4]],
      ['$and', { $and: [{ age: 25 }, { tags: 'art' }] }, [4]],
      ['$or', { $or: [{ age: 41 }, { name: 'Eve' }] }, [3, 5]],
      ['$nor', { $nor: [{ age: 25 }, { age: { $exists: false } }] }, [1, 3]],
      ['$not', { age: { $not: { $gt: 30 } } }, [2, 4, 5]],
      ['$regex with options', { name: { $regex: '^[a-c]', $options: 'i' } }, [1, 2, 3]],
      ['a RegExp literal', { name: /^D/ }, [4]],
      ['$type', { nick: { $type: 'null' } }, [2]],
      ['$mod', { age: { $mod: [5, 0] } }, [2, 4]],
      [
        '$expr over computed values',
        { $expr: { $gt: [{ $size: { $ifNull: ['$tags', []] } }, 1] } },
        [1, 4],
      ],
      [
        '$expr comparing two fields',
        { $expr: { $gt: ['$age', { $multiply: ['$_id', 10] }] } },
        [1, 2, 3],
      ],
      ['nested arrays are matched one level down', { grid: [3] }, [5]],
    ];

    it.each(cases)('%s', async (_label, filter, expected) => {
      await seed();
      expect(await ids(filter)).toEqual(expected);
    });
  });

  describe('sort', () => {
    it('sorts by several keys in both directions', async () => {
      const coll = await seed();
      const docs = await coll
        .find({ age: { $exists: true } })
        .sort({ age: -1, name: 1 })
        .toArray();
      expect(docs.map((d) => d._id)).toEqual([3, 1, 2, 4]);
    });

    it('sorts by a dotted path, missing values first in ascending order', async () => {
      const coll = await seed();
      const docs = await coll.find({}).sort({ 'addr.city': 1, _id: 1 }).toArray();
      expect(docs.map((d) => d._id)).toEqual([3, 4, 1, 5, 2]);
    });

    it('sorts strings by code point (upper case before lower case)', async () => {
      const coll = await seed();
      const docs = await coll.find({}).sort({ name: 1 }).toArray();
      expect(docs.map((d): unknown => d['name'])).toEqual(['Ada', 'Bob', 'Dee', 'Eve', 'cy']);
    });

    it('applies skip and limit after the sort', async () => {
      const coll = await seed();
      const docs = await coll.find({}).sort({ _id: -1 }).skip(1).limit(2).toArray();
      expect(docs.map((d) => d._id)).toEqual([4, 3]);
    });
  });

  describe('projection', () => {
    it('includes the listed fields and _id by default', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 1 }, { projection: { name: 1 } })).toEqual({
        _id: 1,
        name: 'Ada',
      });
    });

    it('excludes _id when asked', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 1 }, { projection: { name: 1, _id: 0 } })).toEqual({
        name: 'Ada',
      });
    });

    it('excludes the listed fields', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 2 }, { projection: { tags: 0, addr: 0 } })).toEqual({
        _id: 2,
        name: 'Bob',
        age: 25,
        nick: null,
      });
    });

    it('includes a dotted path as a partial sub-document', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 1 }, { projection: { 'addr.zip': 1, _id: 0 } })).toEqual({
        addr: { zip: 'N1' },
      });
    });

    it('projects a dotted path through an array of sub-documents', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 3 }, { projection: { 'scores.s': 1, _id: 0 } })).toEqual({
        scores: [{ s: 5 }, { s: 9 }],
      });
    });

    it('$slice limits an array and keeps the other fields', async () => {
      const coll = await seed();
      expect(await coll.findOne({ _id: 4 }, { projection: { tags: { $slice: 2 } } })).toEqual({
        ...people[3],
        tags: ['art', 'math'],
      });
      expect(await coll.findOne({ _id: 4 }, { projection: { tags: { $slice: -1 } } })).toEqual({
        ...people[3],
        tags: ['code'],
      });
    });

    it('$elemMatch returns only the first matching element', async () => {
      const coll = await seed();
      expect(
        await coll.findOne(
          { _id: 3 },
          { projection: { scores: { $elemMatch: { s: { $gt: 6 } } } } },
        ),
      ).toEqual({ _id: 3, scores: [{ s: 9, k: 'b' }] });
    });

    it('the positional $ projection returns the element the query matched', async () => {
      const coll = await seed();
      expect(
        await coll.findOne({ 'scores.k': 'b' }, { projection: { 'scores.$': 1, _id: 0 } }),
      ).toEqual({ scores: [{ s: 9, k: 'b' }] });
    });

    it('rejects mixing inclusion and exclusion with code 31254', async () => {
      const coll = await seed();
      const error = await rejection(coll.findOne({ _id: 1 }, { projection: { name: 1, age: 0 } }));
      expect(error.code).toBe(31254);
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Document } from 'bson';
import { Collection } from '../src/storage/collection.js';
import { normalizeIndexSpec } from '../src/storage/index-spec.js';
import { findRecords, type PlanStats } from '../src/storage/query-planner.js';

function collectionWith(docs: Document[], indexes: Document[] = []): Collection {
  const collection = new Collection('db', 'c');
  docs.forEach((doc, i) => collection.insert(doc, i + 1));
  for (const index of indexes) collection.createIndex(normalizeIndexSpec(index));
  return collection;
}

function run(collection: Collection, filter: Document): { ids: unknown[]; stats: PlanStats } {
  const stats: PlanStats = { stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0 };
  const ids = findRecords(collection, filter, stats).map((r) => r.doc._id as unknown);
  return { ids, stats };
}

const people = Array.from({ length: 100 }, (_, i) => ({
  _id: i,
  age: i % 10,
  city: i % 2 === 0 ? 'even' : 'odd',
  tags: [`t${i % 3}`, `u${i % 5}`],
}));

describe('index selection', () => {
  it('looks up an _id through the _id index', () => {
    const { ids, stats } = run(collectionWith(people), { _id: 42 });
    expect(ids).toEqual([42]);
    expect(stats).toMatchObject({ stage: 'IXSCAN', indexName: '_id_', docsExamined: 1 });
  });

  it('answers $in with one interval per value', () => {
    const { ids, stats } = run(collectionWith(people), { _id: { $in: [3, 99, 500] } });
    expect(ids).toEqual([3, 99]);
    expect(stats.docsExamined).toBe(2);
  });

  it('bounds both ends of a range on a descending index', () => {
    const collection = collectionWith(people, [{ key: { age: -1 }, name: 'age_-1' }]);
    const { ids, stats } = run(collection, { age: { $gt: 2, $lte: 4 } });
    expect(ids).toHaveLength(20);
    expect(stats).toMatchObject({ stage: 'IXSCAN', indexName: 'age_-1' });
    // The scan is inclusive (2..4); the filter drops the 10 documents with age 2.
    expect(stats.docsExamined).toBe(30);
  });

  it('uses an equality prefix of a compound index with a range on the next field', () => {
    const collection = collectionWith(people, [{ key: { city: 1, age: 1 }, name: 'city_age' }]);
    const { ids, stats } = run(collection, { city: 'even', age: { $gte: 8 } });
    expect(ids).toEqual([8, 18, 28, 38, 48, 58, 68, 78, 88, 98]);
    expect(stats.docsExamined).toBe(10);
  });

  it('keeps a multikey range one-sided, so elements meeting different bounds still match', () => {
    const docs = [
      { _id: 1, v: [1, 20] },
      { _id: 2, v: [7] },
      { _id: 3, v: [30] },
    ];
    const collection = collectionWith(docs, [{ key: { v: 1 }, name: 'v_1' }]);
    const { ids, stats } = run(collection, { v: { $gt: 5, $lt: 10 } });
    // MongoDB semantics: [1, 20] matches because 20 > 5 and 1 < 10.
    expect(ids).toEqual([1, 2]);
    expect(stats.stage).toBe('IXSCAN');
  });

  it('finds array elements through a multikey index', () => {
    const collection = collectionWith(people, [{ key: { tags: 1 }, name: 'tags_1' }]);
    const { ids, stats } = run(collection, { tags: 'u4' });
    expect(ids).toEqual([
      4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59, 64, 69, 74, 79, 84, 89, 94, 99,
    ]);
    expect(stats.docsExamined).toBe(20);
  });

  it('answers a top-level $or from the union of its branches when each can use an index', () => {
    const collection = collectionWith(people, [{ key: { age: 1 }, name: 'age_1' }]);
    const { ids, stats } = run(collection, { $or: [{ _id: 5 }, { age: 9 }] });
    expect(ids).toEqual([5, 9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
    expect(stats).toMatchObject({ stage: 'IXSCAN', docsExamined: 11 });
    expect(run(collection, { $or: [{ _id: 5 }, { city: 'odd' }] }).stats.stage).toBe('COLLSCAN');
  });

  it('does not use a partial index, which may lack matching documents', () => {
    const collection = collectionWith(people, [
      { key: { age: 1 }, name: 'partial', partialFilterExpression: { city: 'even' } },
    ]);
    const { ids, stats } = run(collection, { age: 1 });
    expect(ids).toHaveLength(10);
    expect(stats.stage).toBe('COLLSCAN');
  });

  it('scans for null, which also matches missing fields', () => {
    const collection = collectionWith(
      [{ _id: 1 }, { _id: 2, a: null }, { _id: 3, a: 1 }],
      [{ key: { a: 1 }, name: 'a_1' }],
    );
    const { ids, stats } = run(collection, { a: null });
    expect(ids).toEqual([1, 2]);
    expect(stats.stage).toBe('COLLSCAN');
  });

  it('keeps index entries in step with replacements and deletes', () => {
    const collection = collectionWith(people, [{ key: { city: 1 }, name: 'city_1' }]);
    collection.replace(1, { _id: 0, age: 0, city: 'moved' }, 200);
    collection.delete(3);
    expect(run(collection, { city: 'moved' }).ids).toEqual([0]);
    expect(run(collection, { city: 'even' }).ids).toHaveLength(48);
  });
});

describe('unique indexes', () => {
  it('rejects a colliding insert and replace without changing anything', () => {
    const collection = collectionWith(
      [
        { _id: 1, email: 'a' },
        { _id: 2, email: 'b' },
      ],
      [{ key: { email: 1 }, name: 'email_1', unique: true }],
    );
    expect(() => collection.insert({ _id: 3, email: 'a' }, 9)).toThrow(
      expect.objectContaining({
        code: 11000,
        extra: expect.objectContaining({ keyValue: { email: 'a' } }),
      }) as Error,
    );
    expect(() => collection.replace(2, { _id: 2, email: 'a' }, 9)).toThrow(
      expect.objectContaining({ code: 11000 }) as Error,
    );
    expect(run(collection, { email: 'b' }).ids).toEqual([2]);
    expect(collection.records.size).toBe(2);
  });

  it('treats numerically equal keys of different types as duplicates', async () => {
    const { Double, Int32, Long } = await import('bson');
    const collection = collectionWith([{ _id: new Int32(1) }]);
    expect(() => collection.insert({ _id: new Double(1) }, 2)).toThrow(
      expect.objectContaining({ code: 11000 }) as Error,
    );
    expect(() => collection.insert({ _id: Long.fromNumber(1) }, 3)).toThrow(
      expect.objectContaining({ code: 11000 }) as Error,
    );
  });

  it('refuses to index parallel arrays in a compound key', () => {
    const collection = collectionWith([], [{ key: { a: 1, b: 1 }, name: 'a_b' }]);
    expect(() => collection.insert({ _id: 1, a: [1, 2], b: [3, 4] }, 1)).toThrow(
      expect.objectContaining({ code: 171 }) as Error,
    );
    expect(collection.records.size).toBe(0);
  });
});

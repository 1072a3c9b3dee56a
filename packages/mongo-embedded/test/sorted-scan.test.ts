import { describe, expect, it } from 'vitest';
import type { Document } from 'bson';
import { Collection } from '../src/storage/collection.js';
import { normalizeIndexSpec } from '../src/storage/index-spec.js';
import type { PlanStats } from '../src/storage/query-planner.js';
import { findSortedByIndex } from '../src/storage/sorted-scan.js';

function collectionWith(docs: Document[], indexes: Document[] = []): Collection {
  const collection = new Collection('db', 'c');
  docs.forEach((doc, i) => collection.insert(doc, i + 1));
  for (const index of indexes) collection.createIndex(normalizeIndexSpec(index));
  return collection;
}

const stats = (): PlanStats => ({ stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0 });
// Inserted out of order, so natural order differs from every sort order.
const orders = [5, 1, 9, 3, 7, 2, 8, 4, 6, 0].map((n) => ({
  _id: n,
  at: 100 - n,
  even: n % 2 === 0,
}));

describe('sorted reads from an index', () => {
  it('pages by _id after a cursor, stopping at the limit', () => {
    const s = stats();
    const page = findSortedByIndex(collectionWith(orders), { _id: { $gt: 3 } }, { _id: 1 }, 3, s);
    expect(page?.map((r) => r.doc._id as unknown)).toEqual([4, 5, 6]);
    expect(s).toMatchObject({ stage: 'IXSCAN', indexName: '_id_', docsExamined: 4 });
  });

  it('walks an index backwards for the opposite direction, filtering as it goes', () => {
    const collection = collectionWith(orders, [{ key: { at: 1 }, name: 'at_1' }]);
    const page = findSortedByIndex(collection, { even: true }, { at: -1 }, 2);
    expect(page?.map((r) => r.doc._id as unknown)).toEqual([0, 2]);
  });

  it('reads a descending range backwards within its bounds', () => {
    const page = findSortedByIndex(collectionWith(orders), { _id: { $lt: 6 } }, { _id: -1 }, 4);
    expect(page?.map((r) => r.doc._id as unknown)).toEqual([5, 4, 3, 2]);
  });

  it('declines when no index has the sort order, or the index is multikey', () => {
    expect(findSortedByIndex(collectionWith(orders), {}, { at: 1 }, 3)).toBeUndefined();
    const tagged = collectionWith([{ _id: 1, t: [3, 1] }], [{ key: { t: 1 }, name: 't_1' }]);
    expect(findSortedByIndex(tagged, {}, { t: 1 }, 3)).toBeUndefined();
  });
});

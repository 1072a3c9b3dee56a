import { beforeEach, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { type Doc, drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

const orders: Document[] = [
  { _id: 1, cust: 'ann', item: 'pen', qty: 2, price: 1.5, tags: ['blue', 'ink'] },
  { _id: 2, cust: 'bob', item: 'pad', qty: 1, price: 4, tags: ['paper'] },
  { _id: 3, cust: 'ann', item: 'pad', qty: 3, price: 4, tags: [] },
  { _id: 4, cust: 'cat', item: 'pen', qty: 10, price: 1.5 },
  { _id: 5, cust: 'bob', item: 'ink', qty: 5, price: 2, tags: ['ink'] },
];

describe.each(drivers)('aggregate ($name)', (driver) => {
  const t = useConformance(server, driver);

  let seeded = false;
  beforeEach(() => {
    seeded = false;
  });

  async function seed(): Promise<Collection<Doc>> {
    const coll = t.coll('orders');
    await coll.insertMany(orders.map((o) => ({ ...o })));
    return coll;
  }

  /** Runs a pipeline over the seeded orders (seeding once per test). */
  async function run(pipeline: Document[]): Promise<Document[]> {
    const coll = seeded ? t.coll('orders') : await seed();
    seeded = true;
    return coll.aggregate(pipeline).toArray();
  }

  it('$match filters with query operators', async () => {
    const docs = await run([{ $match: { qty: { $gte: 3 } } }, { $sort: { _id: 1 } }]);
    expect(docs.map((d): unknown => d['_id'])).toEqual([3, 4, 5]);
  });

  it('$group with $sum, $avg, $min, $max, $push, $addToSet and a count', async () => {
    const docs = await run([
      { $sort: { _id: 1 } },
      {
        $group: {
          _id: '$cust',
          total: { $sum: { $multiply: ['$qty', '$price'] } },
          avgQty: { $avg: '$qty' },
          minQty: { $min: '$qty' },
          maxQty: { $max: '$qty' },
          items: { $push: '$item' },
          distinctItems: { $addToSet: '$item' },
          n: { $sum: 1 },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(
      docs.map((d) => ({ ...d, distinctItems: [...(d['distinctItems'] as string[])].sort() })),
    ).toEqual([
      {
        _id: 'ann',
        total: 15,
        avgQty: 2.5,
        minQty: 2,
        maxQty: 3,
        items: ['pen', 'pad'],
        distinctItems: ['pad', 'pen'],
        n: 2,
      },
      {
        _id: 'bob',
        total: 14,
        avgQty: 3,
        minQty: 1,
        maxQty: 5,
        items: ['pad', 'ink'],
        distinctItems: ['ink', 'pad'],
        n: 2,
      },
      {
        _id: 'cat',
        total: 15,
        avgQty: 10,
        minQty: 10,
        maxQty: 10,
        items: ['pen'],
        distinctItems: ['pen'],
        n: 1,
      },
    ]);
  });

  it('$group with $first and $last after a $sort', async () => {
    const docs = await run([
      { $sort: { qty: 1 } },
      { $group: { _id: '$item', first: { $first: '$_id' }, last: { $last: '$_id' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(docs).toEqual([
      { _id: 'ink', first: 5, last: 5 },
      { _id: 'pad', first: 2, last: 3 },
      { _id: 'pen', first: 1, last: 4 },
    ]);
  });

  it('$group by null and by a compound key', async () => {
    expect(await run([{ $group: { _id: null, qty: { $sum: '$qty' } } }])).toEqual([
      { _id: null, qty: 21 },
    ]);
    const byPair = await run([
      { $group: { _id: { c: '$cust', i: '$item' }, n: { $sum: 1 } } },
      { $sort: { '_id.c': 1, '_id.i': 1 } },
      { $limit: 2 },
    ]);
    expect(byPair).toEqual([
      { _id: { c: 'ann', i: 'pad' }, n: 1 },
      { _id: { c: 'ann', i: 'pen' }, n: 1 },
    ]);
  });

  it('$project includes, excludes and computes fields', async () => {
    const docs = await run([
      { $match: { _id: 1 } },
      {
        $project: {
          _id: 0,
          item: 1,
          total: { $multiply: ['$qty', '$price'] },
          label: { $concat: [{ $toUpper: '$cust' }, ':', '$item'] },
          big: { $cond: [{ $gte: ['$qty', 5] }, 'yes', 'no'] },
          nTags: { $size: { $ifNull: ['$tags', []] } },
          firstTag: { $arrayElemAt: ['$tags', 0] },
        },
      },
    ]);
    expect(docs).toEqual([
      { item: 'pen', total: 3, label: 'ANN:pen', big: 'no', nTags: 2, firstTag: 'blue' },
    ]);
    expect(await run([{ $match: { _id: 2 } }, { $project: { tags: 0, price: 0 } }])).toEqual([
      { _id: 2, cust: 'bob', item: 'pad', qty: 1 },
    ]);
  });

  it('$addFields and its alias $set add computed fields and keep the others', async () => {
    const docs = await run([
      { $match: { _id: 2 } },
      { $addFields: { total: { $multiply: ['$qty', '$price'] } } },
      { $set: { 'meta.flag': true } },
    ]);
    expect(docs).toEqual([{ ...orders[1], total: 4, meta: { flag: true } }]);
  });

  it('$sort, $skip and $limit run in pipeline order', async () => {
    const docs = await run([{ $sort: { qty: -1 } }, { $skip: 1 }, { $limit: 2 }]);
    expect(docs.map((d): unknown => d['_id'])).toEqual([5, 3]);
  });

  it('$unwind emits one document per array element and drops empty or missing arrays', async () => {
    const docs = await run([{ $unwind: '$tags' }, { $sort: { _id: 1, tags: 1 } }]);
    expect(docs.map((d): unknown[] => [d['_id'], d['tags']])).toEqual([
      [1, 'blue'],
      [1, 'ink'],
      [2, 'paper'],
      [5, 'ink'],
    ]);
  });

  it('$unwind with preserveNullAndEmptyArrays and includeArrayIndex', async () => {
    const docs = await run([
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
      { $project: { _id: 1, tags: 1, i: 1 } },
      { $sort: { _id: 1, i: 1 } },
    ]);
    expect(docs).toEqual([
      { _id: 1, tags: 'blue', i: 0 },
      { _id: 1, tags: 'ink', i: 1 },
      { _id: 2, tags: 'paper', i: 0 },
      { _id: 3, i: null },
      { _id: 4, i: null },
      { _id: 5, tags: 'ink', i: 0 },
    ]);
  });

  it('$lookup joins another collection by local and foreign field', async () => {
    await t.coll('customers').insertMany([
      { _id: 'c1', name: 'ann', city: 'Oslo' },
      { _id: 'c2', name: 'bob', city: 'Lima' },
      { _id: 'c3', name: 'bob', city: 'Pune' },
    ]);
    const docs = await run([
      { $match: { _id: { $in: [1, 2, 4] } } },
      { $lookup: { from: 'customers', localField: 'cust', foreignField: 'name', as: 'who' } },
      { $project: { _id: 1, cities: '$who.city' } },
      { $sort: { _id: 1 } },
    ]);
    expect(docs.map((d) => ({ ...d, cities: [...(d['cities'] as string[])].sort() }))).toEqual([
      { _id: 1, cities: ['Oslo'] },
      { _id: 2, cities: ['Lima', 'Pune'] },
      { _id: 4, cities: [] },
    ]);
  });

  it('$lookup with let and a sub-pipeline', async () => {
    await t.coll('stock').insertMany([
      { _id: 's1', item: 'pen', onHand: 1 },
      { _id: 's2', item: 'pen', onHand: 50 },
      { _id: 's3', item: 'pad', onHand: 2 },
    ]);
    const docs = await run([
      { $match: { _id: { $in: [1, 4] } } },
      {
        $lookup: {
          from: 'stock',
          let: { wanted: '$qty', item: '$item' },
          pipeline: [
            {
              $match: {
                $expr: { $and: [{ $eq: ['$item', '$$item'] }, { $gte: ['$onHand', '$$wanted'] }] },
              },
            },
            { $project: { _id: 1 } },
            { $sort: { _id: 1 } },
          ],
          as: 'enough',
        },
      },
      { $project: { enough: 1 } },
      { $sort: { _id: 1 } },
    ]);
    expect(docs).toEqual([
      { _id: 1, enough: [{ _id: 's2' }] },
      { _id: 4, enough: [{ _id: 's2' }] },
    ]);
  });

  it('$lookup from a collection that does not exist yields empty arrays', async () => {
    const docs = await run([
      { $match: { _id: { $in: [1, 2] } } },
      { $lookup: { from: 'nowhere', localField: 'cust', foreignField: 'name', as: 'who' } },
      { $project: { who: 1 } },
      { $sort: { _id: 1 } },
    ]);
    expect(docs).toEqual([
      { _id: 1, who: [] },
      { _id: 2, who: [] },
    ]);
  });

  it('converts an ObjectId with $toString and reads its creation time with $toDate', async () => {
    const { ObjectId } = driver.mongo;
    const id = new ObjectId('65a1b2c3d4e5f60718293a4b');
    await t.coll('ids').insertOne({ _id: id });
    const docs = await t
      .coll('ids')
      .aggregate([{ $project: { _id: 0, hex: { $toString: '$_id' }, at: { $toDate: '$_id' } } }])
      .toArray();
    expect(docs).toEqual([{ hex: '65a1b2c3d4e5f60718293a4b', at: id.getTimestamp() }]);
  });

  it('$facet runs several sub-pipelines over the same input', async () => {
    const docs = await run([
      {
        $facet: {
          byItem: [{ $group: { _id: '$item', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          top: [{ $sort: { qty: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          total: [{ $count: 'n' }],
        },
      },
    ]);
    expect(docs).toEqual([
      {
        byItem: [
          { _id: 'ink', n: 1 },
          { _id: 'pad', n: 2 },
          { _id: 'pen', n: 2 },
        ],
        top: [{ _id: 4 }],
        total: [{ n: 5 }],
      },
    ]);
  });

  it('$count returns one document with the count, or none for no input', async () => {
    expect(await run([{ $match: { item: 'pen' } }, { $count: 'pens' }])).toEqual([{ pens: 2 }]);
    const coll = t.coll('orders');
    expect(await coll.aggregate([{ $match: { item: 'none' } }, { $count: 'n' }]).toArray()).toEqual(
      [],
    );
  });

  it('returns every result across getMore batches with a small batchSize', async () => {
    const coll = t.coll('big');
    await coll.insertMany(Array.from({ length: 120 }, (_, i) => ({ _id: i, g: i % 7 })));
    const docs = await coll
      .aggregate([{ $match: { g: { $ne: 0 } } }, { $sort: { _id: 1 } }], { batchSize: 5 })
      .toArray();
    expect(docs).toHaveLength(102);
    expect(docs[0]).toEqual({ _id: 1, g: 1 });
    expect(docs.at(-1)).toEqual({ _id: 118, g: 6 }); // 119 = 7 * 17 is filtered out
  });

  it('returns nothing for a collection that does not exist', async () => {
    expect(
      await t
        .coll('ghost')
        .aggregate([{ $match: {} }])
        .toArray(),
    ).toEqual([]);
  });

  it('rejects an unknown stage with code 40324', async () => {
    const coll = await seed();
    const error = await rejection(coll.aggregate([{ $frobnicate: {} }]).toArray());
    expect(error.code).toBe(40324);
  });

  it('rejects a $group without _id with code 15955', async () => {
    const coll = await seed();
    const error = await rejection(coll.aggregate([{ $group: { n: { $sum: 1 } } }]).toArray());
    expect(error.code).toBe(15955);
  });
});

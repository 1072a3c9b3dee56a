import { Decimal128, Double, Int32, Long, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/engine/pipeline.js';

const orders: Document[] = [
  { _id: 1, cust: 'a', item: 'x', qty: new Int32(2), price: new Double(1.5), tags: ['red', 'big'] },
  { _id: 2, cust: 'b', item: 'y', qty: new Int32(1), price: new Double(10), tags: [] },
  { _id: 3, cust: 'a', item: 'y', qty: new Int32(5), price: new Double(10) },
];
const customers: Document[] = [
  { _id: 'a', name: 'Ann', city: 'Oslo' },
  { _id: 'b', name: 'Bob', city: 'Rome' },
];
const collections: Record<string, Document[]> = { customers, orders };
const run = (
  docs: Document[],
  pipeline: Document[],
  variables?: Record<string, unknown>,
): Document[] =>
  runPipeline(docs, pipeline, {
    collection: (name) => collections[name] ?? [],
    now: new Date('2026-01-01T00:00:00Z'),
    ...(variables ? { variables } : {}),
  });
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('runPipeline: basic stages', () => {
  it('$match, $sort, $skip and $limit', () => {
    const out = run(orders, [
      { $match: { item: 'y' } },
      { $sort: { qty: -1 } },
      { $skip: 0 },
      { $limit: 1 },
    ]);
    expect(out.map((d): unknown => d._id)).toStrictEqual([3]);
  });

  it('$project and $addFields compute fields with numeric types kept', () => {
    const [first] = run(orders, [
      { $project: { total: { $multiply: ['$qty', '$price'] }, _id: 0 } },
    ]);
    expect(first).toStrictEqual({ total: new Double(3) });
    const [added] = run(orders, [{ $addFields: { q2: { $add: ['$qty', 1] } } }, { $limit: 1 }]);
    expect(added?.q2).toStrictEqual(new Int32(3));
  });

  it('$set and $unset', () => {
    const out = run(orders.slice(0, 1), [{ $set: { a: 1 } }, { $unset: ['tags', 'price'] }]);
    expect(out[0]).toStrictEqual({ _id: 1, cust: 'a', item: 'x', qty: new Int32(2), a: 1 });
  });

  it('$replaceRoot and $replaceWith require a document', () => {
    expect(run([{ a: { b: 1 } }], [{ $replaceRoot: { newRoot: '$a' } }])).toStrictEqual([{ b: 1 }]);
    expect(run([{ a: { b: 1 } }], [{ $replaceWith: '$a' }])).toStrictEqual([{ b: 1 }]);
    expect(codeOf(() => run([{ a: 1 }], [{ $replaceWith: '$a' }]))).toBe(40228);
  });

  it('$count counts documents and emits nothing for no input', () => {
    expect(run(orders, [{ $count: 'n' }])).toStrictEqual([{ n: new Int32(3) }]);
    expect(run([], [{ $count: 'n' }])).toStrictEqual([]);
    expect(codeOf(() => run(orders, [{ $count: '' }]))).toBe(40156);
  });

  it('rejects an unknown stage with 40324 and a malformed stage with 40323', () => {
    let error: unknown;
    try {
      run(orders, [{ $bogus: {} }]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 40324,
      message: "Unrecognized pipeline stage name: '$bogus'",
    });
    expect(codeOf(() => run(orders, [{ $match: {}, $limit: 1 }]))).toBe(40323);
  });

  it('rejects stages the engine does not run with NotImplemented 238', () => {
    expect(codeOf(() => run(orders, [{ $out: 'x' }]))).toBe(238);
    expect(codeOf(() => run(orders, [{ $graphLookup: {} }]))).toBe(238);
  });

  it('rejects a non-positive $limit and a negative $skip', () => {
    expect(codeOf(() => run(orders, [{ $limit: 0 }]))).toBe(15958);
    expect(codeOf(() => run(orders, [{ $skip: -1 }]))).toBe(15956);
  });

  it('provides $$NOW and aggregate variables', () => {
    const [out] = run([{}], [{ $project: { now: '$$NOW', v: '$$x' } }], { x: 5 });
    expect(out).toStrictEqual({ now: new Date('2026-01-01T00:00:00Z'), v: 5 });
  });
});

describe('runPipeline: $group', () => {
  it('groups with every accumulator', () => {
    const out = run(orders, [
      {
        $group: {
          _id: '$cust',
          n: { $count: {} },
          qty: { $sum: '$qty' },
          avg: { $avg: '$qty' },
          min: { $min: '$qty' },
          max: { $max: '$qty' },
          first: { $first: '$item' },
          last: { $last: '$item' },
          items: { $push: '$item' },
          set: { $addToSet: '$item' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(out[0]).toStrictEqual({
      _id: 'a',
      n: new Int32(2),
      qty: new Int32(7),
      avg: new Double(3.5),
      min: new Int32(2),
      max: new Int32(5),
      first: 'x',
      last: 'y',
      items: ['x', 'y'],
      set: ['x', 'y'],
    });
  });

  it('groups numerically equal keys of different types together and null with missing', () => {
    const docs = [
      { k: new Int32(1) },
      { k: Long.fromNumber(1) },
      { k: new Double(1) },
      { k: null },
      {},
    ];
    const out = run(docs, [{ $group: { _id: '$k', n: { $sum: 1 } } }]);
    expect(out).toStrictEqual([
      { _id: new Int32(1), n: new Int32(3) },
      { _id: null, n: new Int32(2) },
    ]);
  });

  it('sums Int32 into Long on overflow and Decimal128 exactly', () => {
    const big = [{ v: new Int32(2147483647) }, { v: new Int32(1) }];
    expect(run(big, [{ $group: { _id: null, s: { $sum: '$v' } } }])[0]?.s).toStrictEqual(
      Long.fromNumber(2147483648),
    );
    const dec = [{ v: Decimal128.fromString('0.1') }, { v: Decimal128.fromString('0.2') }];
    expect(String(run(dec, [{ $group: { _id: null, s: { $sum: '$v' } } }])[0]?.s)).toBe('0.3');
  });

  it('groups by a compound _id and counts everything with _id null', () => {
    const out = run(orders, [{ $group: { _id: { c: '$cust', i: '$item' }, n: { $sum: 1 } } }]);
    expect(out).toHaveLength(3);
    expect(run(orders, [{ $group: { _id: null, n: { $sum: 1 } } }])).toStrictEqual([
      { _id: null, n: new Int32(3) },
    ]);
  });

  it('rejects a group without _id and an unknown accumulator', () => {
    expect(codeOf(() => run(orders, [{ $group: { n: { $sum: 1 } } }]))).toBe(15955);
    expect(codeOf(() => run(orders, [{ $group: { _id: null, n: { $bogus: 1 } } }]))).toBe(15952);
  });

  it('$sortByCount groups and sorts by descending count', () => {
    expect(run(orders, [{ $sortByCount: '$item' }])).toStrictEqual([
      { _id: 'y', count: new Int32(2) },
      { _id: 'x', count: new Int32(1) },
    ]);
  });
});

describe('runPipeline: $unwind', () => {
  it('unwinds arrays, dropping empty and missing ones', () => {
    const out = run(orders, [{ $unwind: '$tags' }]);
    expect(out.map((d): unknown[] => [d._id, d.tags])).toStrictEqual([
      [1, 'red'],
      [1, 'big'],
    ]);
  });

  it('preserves null and empty arrays and records the index when asked', () => {
    const out = run(orders, [
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
    ]);
    expect(out.map((d): unknown[] => [d._id, d.tags, d.i])).toStrictEqual([
      [1, 'red', Long.fromNumber(0)],
      [1, 'big', Long.fromNumber(1)],
      [2, undefined, null],
      [3, undefined, null],
    ]);
  });

  it('treats a scalar as a one-element array', () => {
    expect(run([{ a: 5 }], [{ $unwind: '$a' }])).toStrictEqual([{ a: 5 }]);
  });

  it('rejects a path without $ with 28818', () => {
    expect(codeOf(() => run(orders, [{ $unwind: 'tags' }]))).toBe(28818);
  });
});

describe('runPipeline: $lookup, $facet, $unionWith', () => {
  it('$lookup joins by localField and foreignField', () => {
    const out = run(orders.slice(0, 1), [
      { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'c' } },
    ]);
    expect(out[0]?.c).toStrictEqual([customers[0]]);
  });

  it('$lookup matches array elements and treats a missing local field as null', () => {
    const out = run(
      [{ ids: ['a', 'b'] }, {}],
      [{ $lookup: { from: 'customers', localField: 'ids', foreignField: '_id', as: 'c' } }],
    );
    expect(out[0]?.c).toHaveLength(2);
    expect(out[1]?.c).toStrictEqual([]);
  });

  it('$lookup with let and a pipeline', () => {
    const out = run(customers, [
      {
        $lookup: {
          from: 'orders',
          let: { c: '$_id' },
          pipeline: [{ $match: { $expr: { $eq: ['$cust', '$$c'] } } }, { $project: { _id: 1 } }],
          as: 'orders',
        },
      },
    ]);
    expect(out.map((d): unknown => d.orders)).toStrictEqual([
      [{ _id: 1 }, { _id: 3 }],
      [{ _id: 2 }],
    ]);
  });

  it('$lookup from a missing collection yields empty arrays', () => {
    const out = run(orders.slice(0, 1), [
      { $lookup: { from: 'nope', localField: 'a', foreignField: 'b', as: 'x' } },
    ]);
    expect(out[0]?.x).toStrictEqual([]);
  });

  it('$facet runs sub-pipelines on the same input', () => {
    const out = run(orders, [
      {
        $facet: {
          count: [{ $count: 'n' }],
          ys: [{ $match: { item: 'y' } }, { $project: { _id: 1 } }],
        },
      },
    ]);
    expect(out).toStrictEqual([{ count: [{ n: new Int32(3) }], ys: [{ _id: 2 }, { _id: 3 }] }]);
  });

  it('$unionWith appends another collection', () => {
    expect(run(orders, [{ $unionWith: 'customers' }, { $count: 'n' }])).toStrictEqual([
      { n: new Int32(5) },
    ]);
  });
});

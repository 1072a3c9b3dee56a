import { Int32, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { applyUpdate } from '../../src/engine/update.js';
import type { UpdateOptions } from '../../src/engine/index.js';

const update = (
  doc: Document,
  u: Document | Document[],
  options: Partial<UpdateOptions> = {},
): Document => applyUpdate(doc, u, { isUpsertInsert: false, ...options });
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('applyUpdate: $push', () => {
  it('appends to an array and creates a missing one', () => {
    expect(update({ a: [1] }, { $push: { a: 2 } })).toStrictEqual({ a: [1, 2] });
    expect(update({}, { $push: { a: 2 } })).toStrictEqual({ a: [2] });
    expect(update({}, { $push: { a: [1, 2] } })).toStrictEqual({ a: [[1, 2]] });
  });

  it('supports $each with $position, $sort and $slice', () => {
    expect(update({ a: [1, 2] }, { $push: { a: { $each: [9, 8], $position: 1 } } })).toStrictEqual({
      a: [1, 9, 8, 2],
    });
    expect(update({ a: [1, 2] }, { $push: { a: { $each: [0], $position: -1 } } })).toStrictEqual({
      a: [1, 0, 2],
    });
    expect(update({ a: [3, 1] }, { $push: { a: { $each: [2], $sort: 1 } } })).toStrictEqual({
      a: [1, 2, 3],
    });
    expect(
      update({ a: [3, 1] }, { $push: { a: { $each: [2], $sort: -1, $slice: 2 } } }),
    ).toStrictEqual({
      a: [3, 2],
    });
    expect(update({ a: [1, 2, 3] }, { $push: { a: { $each: [4], $slice: -2 } } })).toStrictEqual({
      a: [3, 4],
    });
    expect(update({ a: [1] }, { $push: { a: { $each: [], $slice: 0 } } })).toStrictEqual({ a: [] });
  });

  it('sorts sub-documents by a field spec', () => {
    const out = update(
      {
        s: [
          { n: 'b', v: 2 },
          { n: 'a', v: 3 },
        ],
      },
      { $push: { s: { $each: [{ n: 'c', v: 1 }], $sort: { v: -1 } } } },
    );
    expect(out.s).toStrictEqual([
      { n: 'a', v: 3 },
      { n: 'b', v: 2 },
      { n: 'c', v: 1 },
    ]);
  });

  it('rejects a non-array field and bad modifiers with BadValue', () => {
    expect(codeOf(() => update({ _id: 1, a: 1 }, { $push: { a: 2 } }))).toBe(2);
    expect(codeOf(() => update({}, { $push: { a: { $each: 1 } } }))).toBe(2);
    expect(codeOf(() => update({}, { $push: { a: { $each: [], $foo: 1 } } }))).toBe(2);
    expect(codeOf(() => update({}, { $push: { a: { $each: [], $sort: 2 } } }))).toBe(2);
  });
});

describe('applyUpdate: $addToSet', () => {
  it('adds only values not already present, comparing numbers across types', () => {
    expect(update({ a: [1, 2] }, { $addToSet: { a: 2 } })).toStrictEqual({ a: [1, 2] });
    expect(update({ a: [new Int32(1)] }, { $addToSet: { a: 1.0 } })).toStrictEqual({
      a: [new Int32(1)],
    });
    expect(update({ a: [1] }, { $addToSet: { a: { $each: [1, 3, 3] } } })).toStrictEqual({
      a: [1, 3],
    });
    expect(update({}, { $addToSet: { a: 'x' } })).toStrictEqual({ a: ['x'] });
  });

  it('treats sub-documents with different field order as distinct', () => {
    expect(update({ a: [{ x: 1, y: 2 }] }, { $addToSet: { a: { y: 2, x: 1 } } }).a).toHaveLength(2);
  });

  it('rejects a non-array field with BadValue', () => {
    expect(codeOf(() => update({ a: 1 }, { $addToSet: { a: 2 } }))).toBe(2);
  });
});

describe('applyUpdate: $pop, $pull, $pullAll', () => {
  it('$pop removes the last or first element', () => {
    expect(update({ a: [1, 2, 3] }, { $pop: { a: 1 } })).toStrictEqual({ a: [1, 2] });
    expect(update({ a: [1, 2, 3] }, { $pop: { a: -1 } })).toStrictEqual({ a: [2, 3] });
    expect(update({}, { $pop: { a: 1 } })).toStrictEqual({});
    expect(codeOf(() => update({ a: [1] }, { $pop: { a: 2 } }))).toBe(9);
  });

  it('$pull removes equal values and values matching a condition', () => {
    expect(update({ a: [1, 2, 1] }, { $pull: { a: 1 } })).toStrictEqual({ a: [2] });
    expect(update({ a: [1, 5, 9] }, { $pull: { a: { $gte: 5 } } })).toStrictEqual({ a: [1] });
    expect(update({ a: ['ab', 'cd'] }, { $pull: { a: /^a/ } })).toStrictEqual({ a: ['cd'] });
  });

  it('$pull with a document removes sub-documents matching it as a query', () => {
    const doc = {
      r: [
        { s: 8, i: 'B' },
        { s: 8, i: 'A' },
        { s: 9, i: 'B' },
      ],
    };
    expect(update(doc, { $pull: { r: { s: 8, i: 'B' } } })).toStrictEqual({
      r: [
        { s: 8, i: 'A' },
        { s: 9, i: 'B' },
      ],
    });
    expect(update(doc, { $pull: { r: { s: { $gt: 8 } } } }).r).toHaveLength(2);
  });

  it('$pullAll removes every listed value', () => {
    expect(update({ a: [0, 2, 5, 5, 1, 0] }, { $pullAll: { a: [0, 5] } })).toStrictEqual({
      a: [2, 1],
    });
    expect(codeOf(() => update({ a: [1] }, { $pullAll: { a: 1 } }))).toBe(2);
  });

  it('$pull on a non-array field fails with BadValue', () => {
    expect(codeOf(() => update({ a: 1 }, { $pull: { a: 1 } }))).toBe(2);
  });
});

describe('applyUpdate: positional operators', () => {
  it('$ updates the first array element the query matched', () => {
    const doc = { _id: 1, grades: [80, 85, 90] };
    expect(
      update(doc, { $set: { 'grades.$': 82 } }, { query: { _id: 1, grades: 85 } }),
    ).toStrictEqual({
      _id: 1,
      grades: [80, 82, 90],
    });
  });

  it('$ works with $elemMatch and nested fields', () => {
    const doc = {
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 1 },
      ],
    };
    const out = update(
      doc,
      { $inc: { 'items.$.qty': 2 } },
      { query: { items: { $elemMatch: { sku: 'b' } } } },
    );
    expect(out.items).toStrictEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: new Int32(3) },
    ]);
  });

  it('$ without a matching array condition fails with BadValue', () => {
    expect(codeOf(() => update({ a: [1] }, { $set: { 'a.$': 2 } }, { query: { b: 1 } }))).toBe(2);
    expect(codeOf(() => update({ a: [1] }, { $set: { 'a.$': 2 } }))).toBe(2);
  });

  it('$[] updates every element', () => {
    expect(update({ a: [1, 2] }, { $inc: { 'a.$[]': 10 } })).toStrictEqual({
      a: [new Int32(11), new Int32(12)],
    });
    expect(update({ a: [{ b: 1 }, { b: 2 }] }, { $set: { 'a.$[].c': 0 } })).toStrictEqual({
      a: [
        { b: 1, c: 0 },
        { b: 2, c: 0 },
      ],
    });
  });

  it('$[identifier] updates the elements matching arrayFilters', () => {
    const doc = {
      g: [
        { s: 80, n: 1 },
        { s: 95, n: 2 },
        { s: 99, n: 3 },
      ],
    };
    const out = update(
      doc,
      { $set: { 'g.$[hi].top': true } },
      { arrayFilters: [{ 'hi.s': { $gte: 90 } }] },
    );
    expect(out.g).toStrictEqual([
      { s: 80, n: 1 },
      { s: 95, n: 2, top: true },
      { s: 99, n: 3, top: true },
    ]);
    expect(
      update({ a: [1, 5, 9] }, { $set: { 'a.$[x]': 0 } }, { arrayFilters: [{ x: { $gt: 4 } }] }),
    ).toStrictEqual({
      a: [1, 0, 0],
    });
  });

  it('supports nested $[] and $[identifier]', () => {
    const doc = { a: [{ b: [1, 5] }, { b: [7] }] };
    const out = update(
      doc,
      { $inc: { 'a.$[].b.$[big]': 100 } },
      { arrayFilters: [{ big: { $gt: 4 } }] },
    );
    expect(out).toStrictEqual({ a: [{ b: [1, new Int32(105)] }, { b: [new Int32(107)] }] });
  });

  it('rejects missing or unused array filters and array updates on non-arrays', () => {
    expect(codeOf(() => update({ a: [1] }, { $set: { 'a.$[x]': 0 } }))).toBe(2);
    expect(
      codeOf(() => update({ a: [1] }, { $set: { a: [] } }, { arrayFilters: [{ x: 1 }] })),
    ).toBe(9);
    expect(codeOf(() => update({ a: 1 }, { $set: { 'a.$[]': 0 } }))).toBe(2);
    expect(codeOf(() => update({}, { $set: { 'a.$[]': 0 } }))).toBe(2);
  });

  it('rejects two updates reaching the same element with ConflictingUpdateOperators', () => {
    expect(codeOf(() => update({ a: [1, 2] }, { $set: { 'a.$[]': 0, 'a.0': 5 } }))).toBe(40);
  });
});
describe('applyUpdate: pipeline-style updates', () => {
  it('runs $set, $unset and $replaceWith stages', () => {
    const out = update({ _id: 1, a: 1, b: 2 }, [
      { $set: { c: { $add: ['$a', '$b'] } } },
      { $unset: 'a' },
    ]);
    expect(out).toStrictEqual({ _id: 1, b: 2, c: new Int32(3) });
  });

  it('keeps _id when a stage drops it and rejects changing it', () => {
    expect(update({ _id: 1, a: 1 }, [{ $replaceWith: { b: '$a' } }])).toStrictEqual({
      _id: 1,
      b: 1,
    });
    expect(codeOf(() => update({ _id: 1 }, [{ $set: { _id: 2 } }]))).toBe(66);
  });

  it('rejects stages not allowed in an update', () => {
    expect(codeOf(() => update({ _id: 1 }, [{ $group: { _id: null } }]))).toBe(72);
  });
});

import { Decimal128, Int32, Long, MinKey, ObjectId, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileSort, sortDocuments } from '../../src/engine/sort.js';

const sorted = (docs: Document[], spec: Document): unknown[] =>
  [...docs].sort(compileSort(spec)).map((d) => d._id as unknown);

describe('compileSort', () => {
  it('sorts ascending and descending on one field', () => {
    const docs = [
      { _id: 1, a: 2 },
      { _id: 2, a: 1 },
      { _id: 3, a: 3 },
    ];
    expect(sorted(docs, { a: 1 })).toStrictEqual([2, 1, 3]);
    expect(sorted(docs, { a: -1 })).toStrictEqual([3, 1, 2]);
  });

  it('sorts by several keys in order', () => {
    const docs = [
      { _id: 1, a: 1, b: 1 },
      { _id: 2, a: 1, b: 2 },
      { _id: 3, a: 0, b: 0 },
    ];
    expect(sorted(docs, { a: 1, b: -1 })).toStrictEqual([3, 2, 1]);
  });

  it('orders numbers numerically across numeric types', () => {
    const docs = [
      { _id: 1, a: Long.fromNumber(10) },
      { _id: 2, a: new Int32(2) },
      { _id: 3, a: Decimal128.fromString('3.5') },
      { _id: 4, a: 2.5 },
    ];
    expect(sorted(docs, { a: 1 })).toStrictEqual([2, 4, 3, 1]);
  });

  it('orders mixed types by BSON type order with missing as null', () => {
    const docs = [
      { _id: 'str', a: 'x' },
      { _id: 'num', a: 1 },
      { _id: 'missing' },
      { _id: 'oid', a: new ObjectId() },
      { _id: 'bool', a: true },
      { _id: 'min', a: new MinKey() },
    ];
    expect(sorted(docs, { a: 1 })).toStrictEqual(['min', 'missing', 'num', 'str', 'oid', 'bool']);
  });

  it('sorts arrays by their smallest element ascending and largest descending', () => {
    const docs = [
      { _id: 1, a: [1, 9] },
      { _id: 2, a: [5] },
      { _id: 3, a: 3 },
    ];
    expect(sorted(docs, { a: 1 })).toStrictEqual([1, 3, 2]);
    expect(sorted(docs, { a: -1 })).toStrictEqual([1, 2, 3]);
  });

  it('puts an empty array before null and missing ascending, and last descending', () => {
    const docs = [{ _id: 'missing' }, { _id: 'one', a: 1 }, { _id: 'empty', a: [] }];
    expect(sorted(docs, { a: 1 })).toStrictEqual(['empty', 'missing', 'one']);
    expect(sorted(docs, { a: -1 })).toStrictEqual(['one', 'missing', 'empty']);
  });

  it('sorts by dotted paths, through arrays of sub-documents', () => {
    const docs = [
      { _id: 1, a: { b: 3 } },
      { _id: 2, a: [{ b: 5 }, { b: 0 }] },
      { _id: 3, a: { b: 1 } },
    ];
    expect(sorted(docs, { 'a.b': 1 })).toStrictEqual([2, 3, 1]);
  });

  it('rejects directions other than 1 and -1', () => {
    expect(() => compileSort({ a: 2 })).toThrow(expect.objectContaining({ code: 15975 }) as Error);
    expect(() => compileSort({ a: 'asc' })).toThrow();
  });

  it('keeps the input order of equal keys (stable)', () => {
    const docs = [
      { _id: 1, a: 1 },
      { _id: 2, a: 1 },
      { _id: 3, a: 0 },
    ];
    expect(sorted(docs, { a: 1 })).toStrictEqual([3, 1, 2]);
  });
});

describe('sortDocuments', () => {
  it('sorts like compileSort into a new array, stably', () => {
    const docs = [{ _id: 1, a: [3] }, { _id: 2, a: 1 }, { _id: 3 }, { _id: 4, a: 1 }];
    const out = sortDocuments(docs, { a: 1 });
    expect(out.map((d) => d._id)).toStrictEqual([3, 2, 4, 1]);
    expect(docs.map((d) => d._id)).toStrictEqual([1, 2, 3, 4]);
  });
});

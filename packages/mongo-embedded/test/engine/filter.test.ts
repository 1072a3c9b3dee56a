import {
  BSONRegExp,
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  type Document,
} from 'bson';
import { describe, expect, it } from 'vitest';
import { compileFilter, matchPosition } from '../../src/engine/filter.js';

const matches = (filter: Document, doc: Document): boolean => compileFilter(filter)(doc);
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('compileFilter: equality', () => {
  it('matches equal values across numeric types', () => {
    expect(matches({ a: 2 }, { a: Long.fromNumber(2) })).toBe(true);
    expect(matches({ a: new Int32(2) }, { a: new Double(2) })).toBe(true);
    expect(matches({ a: Decimal128.fromString('2.0') }, { a: 2 })).toBe(true);
    expect(matches({ a: 2 }, { a: '2' })).toBe(false);
  });

  it('matches an array field when any element equals the value', () => {
    expect(matches({ tags: 'b' }, { tags: ['a', 'b'] })).toBe(true);
    expect(matches({ tags: 'c' }, { tags: ['a', 'b'] })).toBe(false);
  });

  it('matches an array value against the whole array or a nested array element', () => {
    expect(matches({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(matches({ a: [1, 2] }, { a: [[1, 2], 3] })).toBe(true);
    expect(matches({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it('matches sub-documents exactly, including field order', () => {
    expect(matches({ a: { x: 1, y: 2 } }, { a: { x: 1, y: 2 } })).toBe(true);
    expect(matches({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toBe(false);
  });

  it('matches ObjectIds by value', () => {
    const id = new ObjectId();
    expect(matches({ _id: id }, { _id: new ObjectId(id.toHexString()) })).toBe(true);
    expect(matches({ _id: id.toHexString() }, { _id: id })).toBe(false);
  });

  it('matches null against null and missing fields, not against an empty array', () => {
    expect(matches({ a: null }, { a: null })).toBe(true);
    expect(matches({ a: null }, {})).toBe(true);
    expect(matches({ a: null }, { a: 0 })).toBe(false);
    expect(matches({ a: null }, { a: [] })).toBe(false);
    expect(matches({ a: null }, { a: [1, null] })).toBe(true);
  });

  it('matches null on a dotted path through array elements lacking the field', () => {
    expect(matches({ 'a.b': null }, { a: [{ b: 1 }, { c: 1 }] })).toBe(true);
    expect(matches({ 'a.b': null }, { a: [{ b: 1 }] })).toBe(false);
    expect(matches({ 'a.b': null }, { a: 5 })).toBe(true);
  });

  it('matches NaN with NaN', () => {
    expect(matches({ a: NaN }, { a: new Double(NaN) })).toBe(true);
    expect(matches({ a: NaN }, { a: 1 })).toBe(false);
  });
});

describe('compileFilter: dotted paths', () => {
  it('traverses arrays of sub-documents implicitly', () => {
    const doc = {
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 5 },
      ],
    };
    expect(matches({ 'items.sku': 'b' }, doc)).toBe(true);
    expect(matches({ 'items.qty': { $gt: 4 } }, doc)).toBe(true);
    expect(matches({ 'items.qty': { $gt: 5 } }, doc)).toBe(false);
  });

  it('treats a numeric component as an array index', () => {
    const doc = { a: [{ b: 1 }, { b: 2 }] };
    expect(matches({ 'a.1.b': 2 }, doc)).toBe(true);
    expect(matches({ 'a.0.b': 2 }, doc)).toBe(false);
    expect(matches({ 'tags.1': 'y' }, { tags: ['x', 'y'] })).toBe(true);
  });

  it('treats a numeric component as a field name in sub-documents', () => {
    expect(matches({ 'a.0': 'x' }, { a: { '0': 'x' } })).toBe(true);
  });

  it('does not traverse nested arrays by field name', () => {
    expect(matches({ 'a.b': 1 }, { a: [[{ b: 1 }]] })).toBe(false);
  });

  it('does not match a path running into a scalar', () => {
    expect(matches({ 'a.b': 1 }, { a: 1 })).toBe(false);
  });
});

describe('compileFilter: comparison operators', () => {
  it('compares only within the same type bracket', () => {
    expect(matches({ a: { $gt: 1 } }, { a: 'zzz' })).toBe(false);
    expect(matches({ a: { $gt: 1 } }, { a: Long.fromNumber(3) })).toBe(true);
    expect(matches({ a: { $lt: 'b' } }, { a: 'a' })).toBe(true);
    expect(matches({ a: { $lt: 'b' } }, { a: 1 })).toBe(false);
    expect(matches({ d: { $gte: new Date(5) } }, { d: new Date(6) })).toBe(true);
    expect(matches({ d: { $gte: new Date(5) } }, { d: 6 })).toBe(false);
  });

  it('compares against MinKey and MaxKey across all types', () => {
    expect(matches({ a: { $gt: new MinKey() } }, { a: 'x' })).toBe(true);
    expect(matches({ a: { $lt: new MaxKey() } }, { a: { b: 1 } })).toBe(true);
    expect(matches({ a: { $lt: new MinKey() } }, { a: 1 })).toBe(false);
  });

  it('treats $gte/$lte null as matching null and missing, $gt/$lt null as matching nothing', () => {
    expect(matches({ a: { $gte: null } }, {})).toBe(true);
    expect(matches({ a: { $lte: null } }, { a: null })).toBe(true);
    expect(matches({ a: { $gt: null } }, { a: 1 })).toBe(false);
    expect(matches({ a: { $lt: null } }, {})).toBe(false);
  });

  it('never orders NaN above or below a number', () => {
    expect(matches({ a: { $lt: 0 } }, { a: NaN })).toBe(false);
    expect(matches({ a: { $gt: NaN } }, { a: 5 })).toBe(false);
    expect(matches({ a: { $gte: NaN } }, { a: NaN })).toBe(true);
  });

  it('combines several operators on one field', () => {
    expect(matches({ a: { $gt: 1, $lt: 5 } }, { a: 3 })).toBe(true);
    expect(matches({ a: { $gt: 1, $lt: 5 } }, { a: 5 })).toBe(false);
  });

  it('matches an array field when some element satisfies each bound separately', () => {
    expect(matches({ a: { $gt: 10, $lt: 5 } }, { a: [1, 20] })).toBe(true);
  });

  it('$ne excludes documents where any array element equals the value', () => {
    expect(matches({ a: { $ne: 1 } }, { a: [1, 2] })).toBe(false);
    expect(matches({ a: { $ne: 1 } }, {})).toBe(true);
    expect(matches({ a: { $ne: null } }, {})).toBe(false);
  });

  it('$eq with a regex operand compares regexes instead of matching strings', () => {
    expect(matches({ a: { $eq: /x/ } }, { a: 'x' })).toBe(false);
    expect(matches({ a: { $eq: /x/ } }, { a: /x/ })).toBe(true);
  });
});

describe('compileFilter: $in and $nin', () => {
  it('matches any listed value, including null for missing fields', () => {
    expect(matches({ a: { $in: [1, 'x'] } }, { a: 'x' })).toBe(true);
    expect(matches({ a: { $in: [null] } }, {})).toBe(true);
    expect(matches({ a: { $in: [] } }, { a: 1 })).toBe(false);
  });

  it('hashes long lists and still matches across numeric types', () => {
    const ids = Array.from({ length: 50 }, (_, i) => i);
    expect(matches({ a: { $in: ids } }, { a: Long.fromNumber(42) })).toBe(true);
    expect(matches({ a: { $in: ids } }, { a: 50 })).toBe(false);
    expect(matches({ a: { $in: [...ids, null] } }, {})).toBe(true);
  });

  it('matches regex elements against strings', () => {
    expect(matches({ a: { $in: [/^ab/, 5] } }, { a: 'abc' })).toBe(true);
  });

  it('$nin excludes any listed value', () => {
    expect(matches({ a: { $nin: [1, 2] } }, { a: 3 })).toBe(true);
    expect(matches({ a: { $nin: [1, 2] } }, { a: [3, 2] })).toBe(false);
  });

  it('rejects a non-array operand with BadValue', () => {
    expect(codeOf(() => compileFilter({ a: { $in: 1 } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $in: [{ $gt: 1 }] } }))).toBe(2);
  });
});

describe('compileFilter: logical operators', () => {
  it('supports $and, $or and $nor', () => {
    const doc = { a: 1, b: 2 };
    expect(matches({ $and: [{ a: 1 }, { b: 2 }] }, doc)).toBe(true);
    expect(matches({ $or: [{ a: 5 }, { b: 2 }] }, doc)).toBe(true);
    expect(matches({ $nor: [{ a: 5 }, { b: 2 }] }, doc)).toBe(false);
    expect(matches({ $nor: [{ a: 5 }] }, doc)).toBe(true);
  });

  it('rejects an empty or non-array logical operand with BadValue', () => {
    expect(codeOf(() => compileFilter({ $or: [] }))).toBe(2);
    expect(codeOf(() => compileFilter({ $and: {} }))).toBe(2);
    expect(codeOf(() => compileFilter({ $or: [1] }))).toBe(2);
  });

  it('$not negates an operator expression or a regex', () => {
    expect(matches({ a: { $not: { $gt: 5 } } }, { a: 3 })).toBe(true);
    expect(matches({ a: { $not: { $gt: 5 } } }, {})).toBe(true);
    expect(matches({ a: { $not: /^x/ } }, { a: 'xy' })).toBe(false);
    expect(codeOf(() => compileFilter({ a: { $not: 5 } }))).toBe(2);
  });

  it('rejects unknown operators with BadValue 2', () => {
    let error: unknown;
    try {
      compileFilter({ a: { $foo: 1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 2,
      codeName: 'BadValue',
      message: 'unknown operator: $foo',
    });
    expect(codeOf(() => compileFilter({ $foo: 1 }))).toBe(2);
  });

  it('rejects operators the engine does not run with NotImplemented 238', () => {
    expect(codeOf(() => compileFilter({ $where: 'this.a > 1' }))).toBe(238);
    expect(codeOf(() => compileFilter({ $text: { $search: 'x' } }))).toBe(238);
    expect(codeOf(() => compileFilter({ loc: { $near: [0, 0] } }))).toBe(238);
  });

  it('ignores $comment', () => {
    expect(matches({ a: 1, $comment: 'why' }, { a: 1 })).toBe(true);
  });

  it('treats an empty filter as matching everything', () => {
    expect(matches({}, { a: 1 })).toBe(true);
  });
});

describe('compileFilter: element operators', () => {
  it('$exists distinguishes missing from null', () => {
    expect(matches({ a: { $exists: true } }, { a: null })).toBe(true);
    expect(matches({ a: { $exists: false } }, { a: null })).toBe(false);
    expect(matches({ a: { $exists: false } }, {})).toBe(true);
    expect(matches({ 'a.b': { $exists: true } }, { a: [{ c: 1 }, { b: 0 }] })).toBe(true);
    expect(matches({ a: { $exists: 0 } }, {})).toBe(true);
  });

  it('$type matches numeric codes, aliases, "number" and arrays', () => {
    expect(matches({ a: { $type: 'string' } }, { a: 'x' })).toBe(true);
    expect(matches({ a: { $type: 2 } }, { a: 'x' })).toBe(true);
    expect(matches({ a: { $type: 'int' } }, { a: new Int32(1) })).toBe(true);
    expect(matches({ a: { $type: 'double' } }, { a: new Int32(1) })).toBe(false);
    expect(matches({ a: { $type: 'long' } }, { a: Long.fromNumber(1) })).toBe(true);
    expect(matches({ a: { $type: 'decimal' } }, { a: Decimal128.fromString('1') })).toBe(true);
    expect(matches({ a: { $type: 'number' } }, { a: new Double(1.5) })).toBe(true);
    expect(matches({ a: { $type: 'array' } }, { a: [] })).toBe(true);
    expect(matches({ a: { $type: 'string' } }, { a: ['x'] })).toBe(true);
    expect(matches({ a: { $type: ['null', 'bool'] } }, { a: false })).toBe(true);
    expect(matches({ a: { $type: 'null' } }, {})).toBe(false);
    expect(matches({ a: { $type: 'objectId' } }, { a: new ObjectId() })).toBe(true);
    expect(matches({ a: { $type: 'binData' } }, { a: new Binary(Buffer.from('x')) })).toBe(true);
  });

  it('$type rejects unknown aliases and codes with BadValue', () => {
    expect(codeOf(() => compileFilter({ a: { $type: 'nope' } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $type: 99 } }))).toBe(2);
  });
});

describe('compileFilter: $regex', () => {
  it('matches a RegExp literal and $regex with $options', () => {
    expect(matches({ name: /^al/i }, { name: 'Alice' })).toBe(true);
    expect(matches({ name: { $regex: '^al', $options: 'i' } }, { name: 'Alice' })).toBe(true);
    expect(matches({ name: { $regex: /^al/, $options: 'i' } }, { name: 'Alice' })).toBe(true);
    expect(matches({ name: new BSONRegExp('^AL', 'i') }, { name: 'alice' })).toBe(true);
    expect(matches({ name: { $regex: '^al' } }, { name: 'Alice' })).toBe(false);
  });

  it('supports the x (extended) option', () => {
    expect(matches({ a: { $regex: 'a b # comment', $options: 'x' } }, { a: 'ab' })).toBe(true);
  });

  it('does not match non-strings and matches array elements', () => {
    expect(matches({ a: /1/ }, { a: 1 })).toBe(false);
    expect(matches({ a: /^b/ }, { a: ['a', 'b'] })).toBe(true);
  });

  it('rejects $options without $regex and an invalid pattern', () => {
    expect(codeOf(() => compileFilter({ a: { $options: 'i' } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $regex: '(' } }))).toBe(51091);
  });
});

describe('compileFilter: array operators', () => {
  it('$elemMatch on sub-documents requires one element to satisfy all conditions', () => {
    const doc = {
      r: [
        { p: 'x', s: 1 },
        { p: 'y', s: 9 },
      ],
    };
    expect(matches({ r: { $elemMatch: { p: 'y', s: { $gt: 5 } } } }, doc)).toBe(true);
    expect(matches({ r: { $elemMatch: { p: 'x', s: { $gt: 5 } } } }, doc)).toBe(false);
  });

  it('$elemMatch on values applies the operators to each element', () => {
    expect(matches({ a: { $elemMatch: { $gte: 80, $lt: 85 } } }, { a: [70, 82] })).toBe(true);
    expect(matches({ a: { $elemMatch: { $gte: 80, $lt: 85 } } }, { a: [70, 90] })).toBe(false);
    expect(matches({ a: { $elemMatch: { $gt: 1 } } }, { a: 5 })).toBe(false);
  });

  it('$size matches arrays of exactly that length', () => {
    expect(matches({ a: { $size: 2 } }, { a: [1, 2] })).toBe(true);
    expect(matches({ a: { $size: 1 } }, { a: [[1, 2]] })).toBe(true);
    expect(matches({ a: { $size: 0 } }, { a: 'x' })).toBe(false);
    expect(codeOf(() => compileFilter({ a: { $size: 'x' } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $size: -1 } }))).toBe(2);
  });

  it('$all requires every value to be present', () => {
    expect(matches({ a: { $all: [1, 3] } }, { a: [3, 2, 1] })).toBe(true);
    expect(matches({ a: { $all: [1, 4] } }, { a: [3, 2, 1] })).toBe(false);
    expect(matches({ a: { $all: [] } }, { a: [1] })).toBe(false);
    expect(matches({ a: { $all: [1] } }, { a: 1 })).toBe(true);
  });

  it('$all with $elemMatch requires each to match some element', () => {
    const doc = { a: [{ x: 1 }, { x: 2 }] };
    expect(
      matches({ a: { $all: [{ $elemMatch: { x: 1 } }, { $elemMatch: { x: 2 } }] } }, doc),
    ).toBe(true);
    expect(matches({ a: { $all: [{ $elemMatch: { x: 3 } }] } }, doc)).toBe(false);
  });
});

describe('compileFilter: $mod and bitwise', () => {
  it('$mod truncates and matches the remainder', () => {
    expect(matches({ a: { $mod: [4, 0] } }, { a: 8 })).toBe(true);
    expect(matches({ a: { $mod: [4, 0] } }, { a: 8.9 })).toBe(true);
    expect(matches({ a: { $mod: [4, 1] } }, { a: Long.fromNumber(9) })).toBe(true);
    expect(matches({ a: { $mod: [4, -1] } }, { a: -9 })).toBe(true);
    expect(matches({ a: { $mod: [4, 0] } }, { a: 'x' })).toBe(false);
  });

  it('$mod rejects malformed arguments with BadValue', () => {
    expect(codeOf(() => compileFilter({ a: { $mod: [4] } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $mod: [0, 1] } }))).toBe(2);
    expect(codeOf(() => compileFilter({ a: { $mod: 4 } }))).toBe(2);
  });

  it('matches bit tests on integers', () => {
    expect(matches({ a: { $bitsAllSet: [0, 2] } }, { a: 5 })).toBe(true);
    expect(matches({ a: { $bitsAllSet: 6 } }, { a: 5 })).toBe(false);
    expect(matches({ a: { $bitsAnySet: 6 } }, { a: 5 })).toBe(true);
    expect(matches({ a: { $bitsAllClear: [1] } }, { a: 5 })).toBe(true);
    expect(matches({ a: { $bitsAnyClear: [0, 2] } }, { a: 5 })).toBe(false);
  });
});

describe('compileFilter: $expr', () => {
  it('evaluates an aggregation expression against the document', () => {
    expect(matches({ $expr: { $gt: ['$spent', '$budget'] } }, { spent: 5, budget: 3 })).toBe(true);
    expect(matches({ $expr: { $gt: ['$spent', '$budget'] } }, { spent: 1, budget: 3 })).toBe(false);
  });

  it('reads variables from the filter options', () => {
    const match = compileFilter({ $expr: { $eq: ['$a', '$$want'] } }, { variables: { want: 2 } });
    expect(match({ a: new Int32(2) })).toBe(true);
    expect(match({ a: 3 })).toBe(false);
  });
});

describe('matchPosition', () => {
  it('reports the index of the first matching array element', () => {
    expect(matchPosition({ grades: 85 }, { grades: [80, 85, 90] })).toBe(1);
    expect(matchPosition({ 'items.qty': { $gt: 3 } }, { items: [{ qty: 1 }, { qty: 5 }] })).toBe(1);
  });

  it('reports the $elemMatch element and the outermost array for nested arrays', () => {
    expect(matchPosition({ a: { $elemMatch: { b: 2 } } }, { a: [{ b: 1 }, { b: 2 }] })).toBe(1);
    expect(matchPosition({ 'a.b': 4 }, { a: [{ b: [1, 2] }, { b: [3, 4] }] })).toBe(1);
  });

  it('reports nothing when the query involves no array', () => {
    expect(matchPosition({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});

import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { compileExpression, rootContext } from '../../src/engine/expression.js';

const ev = (expr: unknown, doc: unknown = {}, vars: Record<string, unknown> = {}): unknown =>
  compileExpression(expr)(rootContext(doc, new Date(0), vars));
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('expressions: paths, variables and literals', () => {
  it('reads field paths, mapping over arrays of sub-documents', () => {
    expect(ev('$a.b', { a: { b: 1 } })).toBe(1);
    expect(ev('$a.b', { a: [{ b: 1 }, { c: 2 }, { b: 3 }] })).toStrictEqual([1, 3]);
    expect(ev('$missing', {})).toBeUndefined();
  });

  it('resolves $$ROOT, $$CURRENT, $$NOW and user variables', () => {
    expect(ev('$$ROOT.a', { a: 1 })).toBe(1);
    expect(ev('$$NOW')).toStrictEqual(new Date(0));
    expect(ev('$$v.x', {}, { v: { x: 2 } })).toBe(2);
    expect(codeOf(() => ev('$$nope'))).toBe(17276);
  });

  it('builds objects and arrays, dropping missing fields and nulling missing elements', () => {
    expect(ev({ x: '$a', y: '$nope' }, { a: 1 })).toStrictEqual({ x: 1 });
    expect(ev(['$a', '$nope'], { a: 1 })).toStrictEqual([1, null]);
    expect(ev({ $literal: '$a' })).toBe('$a');
  });

  it('rejects an unknown operator with InvalidPipelineOperator 168', () => {
    expect(codeOf(() => ev({ $bogus: 1 }))).toBe(168);
  });

  it('never runs user JavaScript ($function)', () => {
    expect(
      codeOf(() => ev({ $function: { body: 'function() { return 1 }', args: [], lang: 'js' } })),
    ).toBe(238);
  });

  it('maps a mingo failure to a MongoError with a code', () => {
    expect(codeOf(() => ev({ $dateToString: { date: 'not a date', format: '%Y' } }))).toBe(2);
  });
});

describe('expressions: arithmetic keeps numeric types', () => {
  it('adds Int32 as Int32, overflowing to Long', () => {
    expect(ev({ $add: [new Int32(1), new Int32(2)] })).toStrictEqual(new Int32(3));
    expect(ev({ $add: [new Int32(2147483647), new Int32(1)] })).toStrictEqual(
      Long.fromNumber(2147483648),
    );
  });

  it('keeps a Double result a Double even when whole', () => {
    const r = ev({ $add: [new Double(0.5), new Double(0.5)] });
    expect(r).toBeInstanceOf(Double);
    expect((r as Double).value).toBe(1);
  });

  it('computes Decimal128 exactly', () => {
    expect(String(ev({ $add: [Decimal128.fromString('0.1'), Decimal128.fromString('0.2')] }))).toBe(
      '0.3',
    );
    expect(String(ev({ $multiply: [Decimal128.fromString('1.5'), new Int32(2)] }))).toBe('3.0');
  });

  it('adds numbers to dates and subtracts dates', () => {
    expect(ev({ $add: ['$d', 1000] }, { d: new Date(0) })).toStrictEqual(new Date(1000));
    expect(ev({ $subtract: ['$d', new Date(0)] }, { d: new Date(5) })).toStrictEqual(
      Long.fromNumber(5),
    );
  });

  it('divides into a Double and rejects division by zero', () => {
    expect(ev({ $divide: [new Int32(7), new Int32(2)] })).toStrictEqual(new Double(3.5));
    expect(codeOf(() => ev({ $divide: [1, 0] }))).toBe(16608);
    expect(ev({ $mod: [new Int32(7), new Int32(3)] })).toStrictEqual(new Int32(1));
  });

  it('returns null for null or missing operands', () => {
    expect(ev({ $add: [1, '$nope'] })).toBeNull();
    expect(ev({ $multiply: [null, 2] })).toBeNull();
  });

  it('rejects non-numeric operands', () => {
    expect(codeOf(() => ev({ $add: [1, 'x'] }))).toBe(16554);
  });

  it('rounds half to even, truncates, and floors', () => {
    expect(ev({ $round: [new Double(2.5), 0] })).toStrictEqual(new Double(2));
    expect(ev({ $round: [new Double(1.2345), 2] })).toStrictEqual(new Double(1.23));
    expect(ev({ $trunc: [new Double(-1.7)] })).toStrictEqual(new Double(-1));
    expect(ev({ $floor: new Double(-1.5) })).toStrictEqual(new Double(-2));
    expect(ev({ $abs: new Int32(-3) })).toStrictEqual(new Int32(3));
  });
});

describe('expressions: comparison, logic and conditionals', () => {
  it('compares across types in BSON order, missing below null', () => {
    expect(ev({ $eq: [Long.fromNumber(2), 2] })).toBe(true);
    expect(ev({ $gt: ['a', 5] })).toBe(true);
    expect(ev({ $eq: ['$nope', null] })).toBe(false);
    expect(ev({ $lt: ['$nope', null] })).toBe(true);
    expect(ev({ $cmp: [1, 2] })).toStrictEqual(new Int32(-1));
  });

  it('applies aggregation truthiness', () => {
    expect(ev({ $and: [1, 'x', []] })).toBe(true);
    expect(ev({ $or: [0, null, '$nope'] })).toBe(false);
    expect(ev({ $not: [Decimal128.fromString('0')] })).toBe(true);
  });

  it('$cond, $ifNull and $switch', () => {
    expect(ev({ $cond: [{ $gt: ['$a', 1] }, 'big', 'small'] }, { a: 2 })).toBe('big');
    expect(ev({ $cond: { if: false, then: 1, else: 2 } })).toBe(2);
    expect(ev({ $ifNull: ['$nope', null, 'fallback'] })).toBe('fallback');
    expect(ev({ $switch: { branches: [{ case: false, then: 1 }], default: 3 } })).toBe(3);
    expect(codeOf(() => ev({ $switch: { branches: [{ case: false, then: 1 }] } }))).toBe(40066);
  });

  it('$let, $map, $filter and $reduce bind variables', () => {
    expect(ev({ $let: { vars: { x: 2 }, in: { $multiply: ['$$x', 3] } } })).toStrictEqual(
      new Int32(6),
    );
    expect(ev({ $map: { input: [1, 2], as: 'n', in: { $add: ['$$n', 1] } } })).toStrictEqual([
      new Int32(2),
      new Int32(3),
    ]);
    expect(ev({ $filter: { input: [1, 5, 9], cond: { $gt: ['$$this', 4] } } })).toStrictEqual([
      5, 9,
    ]);
    expect(
      ev({ $reduce: { input: [1, 2, 3], initialValue: 0, in: { $add: ['$$value', '$$this'] } } }),
    ).toStrictEqual(new Int32(6));
  });
});

describe('expressions: arrays, strings, objects and conversions', () => {
  it('array operators', () => {
    expect(ev({ $size: '$a' }, { a: [1, 2] })).toStrictEqual(new Int32(2));
    expect(codeOf(() => ev({ $size: '$nope' }))).toBe(17124);
    expect(ev({ $arrayElemAt: [[1, 2, 3], -1] })).toBe(3);
    expect(ev({ $in: [2, [1, 2]] })).toBe(true);
    expect(ev({ $concatArrays: [[1], [2]] })).toStrictEqual([1, 2]);
    expect(ev({ $slice: [[1, 2, 3], 1, 1] })).toStrictEqual([2]);
    expect(ev({ $indexOfArray: [['a', 'b'], 'b'] })).toStrictEqual(new Int32(1));
    expect(ev({ $first: [[7, 8]] })).toBe(7);
  });

  it('string operators', () => {
    expect(ev({ $concat: ['a', '$b'] }, { b: 'c' })).toBe('ac');
    expect(ev({ $concat: ['a', '$nope'] })).toBeNull();
    expect(codeOf(() => ev({ $concat: ['a', 1] }))).toBe(16702);
    expect(ev({ $toUpper: 'ab' })).toBe('AB');
    expect(ev({ $strLenCP: 'h\u{1F600}' })).toStrictEqual(new Int32(2));
  });

  it('falls back to mingo for other operators such as dates and $split', () => {
    expect(ev({ $year: '$d' }, { d: new Date('2024-05-06T00:00:00Z') })).toStrictEqual(
      new Int32(2024),
    );
    expect(
      ev(
        { $dateToString: { format: '%Y-%m-%d', date: '$d' } },
        { d: new Date('2024-05-06T00:00:00Z') },
      ),
    ).toBe('2024-05-06');
    expect(ev({ $split: ['a-b', '-'] })).toStrictEqual(['a', 'b']);
    expect(ev({ $log: [new Int32(100), new Int32(10)] })).toStrictEqual(new Double(2));
  });

  it('$toString converts ObjectIds, numbers and dates (patching mingo)', () => {
    const id = new ObjectId();
    expect(ev({ $toString: '$id' }, { id })).toBe(id.toHexString());
    expect(ev({ $toString: Long.fromNumber(5) })).toBe('5');
    expect(ev({ $toString: new Date(0) })).toBe('1970-01-01T00:00:00.000Z');
    expect(ev({ $toString: '$nope' })).toBeNull();
  });

  it('converts between numeric types and parses strings', () => {
    expect(ev({ $toInt: '42' })).toStrictEqual(new Int32(42));
    expect(ev({ $toLong: new Double(3.9) })).toStrictEqual(Long.fromNumber(3));
    expect(ev({ $toDouble: '1.5' })).toStrictEqual(new Double(1.5));
    expect(String(ev({ $toDecimal: '1.10' }))).toBe('1.10');
    expect(ev({ $toBool: 0 })).toBe(false);
    expect(codeOf(() => ev({ $toInt: 'x' }))).toBe(241);
    expect(ev({ $convert: { input: 'x', to: 'int', onError: -1 } })).toBe(-1);
    expect(ev({ $toObjectId: '65a000000000000000000001' })).toStrictEqual(
      new ObjectId('65a000000000000000000001'),
    );
  });

  it('$type names BSON types', () => {
    expect(ev({ $type: '$a' }, { a: new Int32(1) })).toBe('int');
    expect(ev({ $type: '$nope' })).toBe('missing');
  });

  it('$mergeObjects and $objectToArray', () => {
    expect(ev({ $mergeObjects: [{ a: 1 }, null, { b: 2, a: 3 }] })).toStrictEqual({ a: 3, b: 2 });
    expect(ev({ $objectToArray: { a: 1 } })).toStrictEqual([{ k: 'a', v: 1 }]);
    expect(ev({ $arrayToObject: [[['a', 1]]] })).toStrictEqual({ a: 1 });
  });

  it('accumulator operators work on arrays in expressions', () => {
    expect(ev({ $sum: '$a' }, { a: [new Int32(1), new Int32(2), 'x'] })).toStrictEqual(
      new Int32(3),
    );
    expect(ev({ $avg: [1, 2] })).toStrictEqual(new Double(1.5));
    expect(ev({ $max: '$a' }, { a: [1, 9, 3] })).toBe(9);
    expect(ev({ $min: ['$nope', 4] })).toBe(4);
  });
});

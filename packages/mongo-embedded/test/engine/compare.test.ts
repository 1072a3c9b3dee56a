import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonEqual, compareValues, valueKey, valuesEqual } from '../../src/engine/compare.js';

const oid = new ObjectId('65a000000000000000000001');

describe('compareValues', () => {
  it('orders values of different types by MongoDB canonical type order', () => {
    const ascending: unknown[] = [
      new MinKey(),
      null,
      new Int32(5),
      'a string',
      { a: 1 },
      [1],
      new Binary(Buffer.from('x')),
      oid,
      false,
      new Date(0),
      new Timestamp({ t: 1, i: 1 }),
      /re/,
      new Code('x'),
      new MaxKey(),
    ];
    const shuffled = [...ascending].reverse();
    shuffled.sort(compareValues);
    expect(shuffled).toStrictEqual(ascending);
  });

  it('puts ObjectId before booleans and dates (where mingo puts it after)', () => {
    expect(compareValues(oid, true)).toBe(-1);
    expect(compareValues(oid, new Date(0))).toBe(-1);
  });

  it('treats null, undefined and a missing value as equal', () => {
    expect(compareValues(null, undefined)).toBe(0);
  });

  it('compares numbers by value across Int32, Double, Long, Decimal128 and JS numbers', () => {
    expect(compareValues(new Int32(2), Long.fromNumber(2))).toBe(0);
    expect(compareValues(new Double(2.5), new Int32(2))).toBe(1);
    expect(compareValues(Decimal128.fromString('2.50'), new Double(2.5))).toBe(0);
    expect(compareValues(Decimal128.fromString('3'), 2)).toBe(1);
    expect(compareValues(-1, Long.fromNumber(0))).toBe(-1);
  });

  it('compares a Long beyond double precision exactly against a double', () => {
    const big = Long.fromBigInt(2n ** 53n + 1n);
    expect(compareValues(big, new Double(2 ** 53))).toBe(1);
    expect(compareValues(Long.fromBigInt(2n ** 53n), new Double(2 ** 53))).toBe(0);
  });

  it('compares Decimal128 against a double by exact value', () => {
    // The double 0.1 is slightly above one tenth.
    expect(compareValues(Decimal128.fromString('0.1'), 0.1)).toBe(-1);
    expect(compareValues(Decimal128.fromString('1E+400'), Number.MAX_VALUE)).toBe(1);
  });

  it('orders NaN below every other number and equal to itself', () => {
    expect(compareValues(NaN, -Infinity)).toBe(-1);
    expect(compareValues(new Double(NaN), Decimal128.fromString('NaN'))).toBe(0);
    expect(compareValues(Decimal128.fromString('NaN'), Long.fromNumber(-5))).toBe(-1);
    expect(compareValues(Decimal128.fromString('-Infinity'), -1e308)).toBe(-1);
  });

  it('compares strings in UTF-8 byte order, not UTF-16 order', () => {
    expect(compareValues('a', 'b')).toBe(-1);
    expect(compareValues('ab', 'a')).toBe(1);
    expect(compareValues('Z', 'a')).toBe(-1);
    // U+1F600 (a surrogate pair in UTF-16) is above U+FF5E in UTF-8.
    expect(compareValues('\u{1F600}', '\uFF5E')).toBe(1);
  });

  it('compares a symbol with a string as strings', () => {
    expect(compareValues(new BSONSymbol('abc'), 'abc')).toBe(0);
  });

  it('compares objects field by field: value type, then name, then value', () => {
    expect(compareValues({ a: 1 }, { a: 2 })).toBe(-1);
    expect(compareValues({ a: 1 }, { b: 1 })).toBe(-1);
    // type before name: a number-valued field sorts before a string-valued one
    expect(compareValues({ b: 1 }, { a: 'x' })).toBe(-1);
    expect(compareValues({ a: 1 }, { a: 1, b: 1 })).toBe(-1);
    expect(compareValues({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(-1);
  });

  it('compares arrays element by element, shorter first', () => {
    expect(compareValues([1, 2], [1, 3])).toBe(-1);
    expect(compareValues([1], [1, 0])).toBe(-1);
    expect(compareValues([1, 'a'], [1, 2])).toBe(1);
  });

  it('compares BinData by length, then subtype, then bytes', () => {
    const short = new Binary(Buffer.from([9]), 0);
    const long = new Binary(Buffer.from([1, 1]), 0);
    expect(compareValues(short, long)).toBe(-1);
    expect(compareValues(new Binary(Buffer.from([1]), 4), new Binary(Buffer.from([2]), 0))).toBe(1);
  });

  it('compares ObjectIds, dates, timestamps and booleans by value', () => {
    expect(compareValues(oid, new ObjectId('65a000000000000000000002'))).toBe(-1);
    expect(compareValues(new Date(1), new Date(2))).toBe(-1);
    expect(compareValues(new Timestamp({ t: 2, i: 0 }), new Timestamp({ t: 1, i: 9 }))).toBe(1);
    expect(compareValues(false, true)).toBe(-1);
  });

  it('compares a JS RegExp and a BSONRegExp by pattern then flags', () => {
    expect(compareValues(/ab/i, new BSONRegExp('ab', 'i'))).toBe(0);
    expect(compareValues(/ab/, /ac/)).toBe(-1);
  });
});

describe('valuesEqual', () => {
  it('holds for numerically equal values of different numeric types', () => {
    expect(valuesEqual(Long.fromNumber(2), 2)).toBe(true);
    expect(valuesEqual(2, new Double(2.0))).toBe(true);
    expect(valuesEqual(Decimal128.fromString('2.000'), new Int32(2))).toBe(true);
    expect(valuesEqual({ a: [new Int32(1)] }, { a: [1.0] })).toBe(true);
  });

  it('does not hold across types that merely look alike', () => {
    expect(valuesEqual('2', 2)).toBe(false);
    expect(valuesEqual(null, 0)).toBe(false);
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  });
});

describe('bsonEqual', () => {
  it('distinguishes numeric types that compare equal', () => {
    expect(bsonEqual(new Int32(1), new Double(1))).toBe(false);
    expect(bsonEqual(new Int32(1), 1)).toBe(true);
    expect(bsonEqual({ a: [Long.fromNumber(3)] }, { a: [Long.fromNumber(3)] })).toBe(true);
    expect(bsonEqual(Decimal128.fromString('1.0'), Decimal128.fromString('1.00'))).toBe(false);
  });
});

describe('valueKey', () => {
  it('is equal for numerically equal numbers of any type', () => {
    const keys = [
      new Int32(100),
      Long.fromNumber(100),
      new Double(100),
      Decimal128.fromString('1.00E+2'),
    ].map(valueKey);
    expect(new Set(keys).size).toBe(1);
    expect(valueKey(Decimal128.fromString('0.5'))).toBe(valueKey(0.5));
    expect(valueKey(Long.fromBigInt(2n ** 60n))).toBe(valueKey(2 ** 60));
  });

  it('differs for different values and types', () => {
    expect(valueKey(0.1)).not.toBe(valueKey(Decimal128.fromString('0.1')));
    expect(valueKey('1')).not.toBe(valueKey(1));
    expect(valueKey({ a: 1, b: 1 })).not.toBe(valueKey({ b: 1, a: 1 }));
    expect(valueKey(null)).toBe(valueKey(undefined));
  });
});

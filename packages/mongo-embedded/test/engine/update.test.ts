import { Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { applyUpdate, isReplacement, upsertSeed } from '../../src/engine/update.js';
import type { UpdateOptions } from '../../src/engine/index.js';

const now = new Date('2026-01-02T03:04:05Z');
const update = (
  doc: Document,
  u: Document | Document[],
  options: Partial<UpdateOptions> = {},
): Document => applyUpdate(doc, u, { isUpsertInsert: false, now, ...options });
const errorOf = (fn: () => unknown): { code?: number; codeName?: string; message?: string } => {
  try {
    fn();
  } catch (e) {
    return e as { code?: number };
  }
  throw new Error('expected an error');
};

describe('applyUpdate: $set and $unset', () => {
  it('sets top-level and nested fields, creating missing sub-documents', () => {
    expect(update({ _id: 1 }, { $set: { a: 1, 'b.c.d': 2 } })).toStrictEqual({
      _id: 1,
      a: 1,
      b: { c: { d: 2 } },
    });
  });

  it('does not mutate the input document', () => {
    const doc = { _id: 1, a: { b: 1 } };
    update(doc, { $set: { 'a.b': 2 } });
    expect(doc).toStrictEqual({ _id: 1, a: { b: 1 } });
  });

  it('adds new fields in lexicographic order, keeping existing fields in place', () => {
    const out = update({ _id: 1, z: 0 }, { $set: { c: 1, a: 1, 'x.b': 1, 'x.a': 1 } });
    expect(Object.keys(out)).toStrictEqual(['_id', 'z', 'a', 'c', 'x']);
    expect(Object.keys(out.x as object)).toStrictEqual(['a', 'b']);
  });

  it('sets array elements by index and pads with nulls', () => {
    expect(update({ a: [1, 2] }, { $set: { 'a.1': 5 } })).toStrictEqual({ a: [1, 5] });
    expect(update({ a: [1] }, { $set: { 'a.3': 4 } })).toStrictEqual({ a: [1, null, null, 4] });
    expect(update({ a: [{ b: 1 }] }, { $set: { 'a.0.c': 2 } })).toStrictEqual({
      a: [{ b: 1, c: 2 }],
    });
  });

  it('rejects a path through a scalar with PathNotViable 28', () => {
    const e = errorOf(() => update({ a: 5 }, { $set: { 'a.b': 1 } }));
    expect(e.code).toBe(28);
    expect(e.message).toBe("Cannot create field 'b' in element {a: 5}");
    expect(errorOf(() => update({ a: [1] }, { $set: { 'a.x': 1 } })).code).toBe(28);
  });

  it('$unset removes fields, nulls array elements, and ignores missing paths', () => {
    expect(update({ a: 1, b: 2 }, { $unset: { a: '' } })).toStrictEqual({ b: 2 });
    expect(update({ a: [1, 2] }, { $unset: { 'a.0': 1 } })).toStrictEqual({ a: [null, 2] });
    expect(update({ a: 5 }, { $unset: { 'a.b': 1, c: 1 } })).toStrictEqual({ a: 5 });
  });

  it('$setOnInsert applies only when the update inserts an upserted document', () => {
    expect(update({ _id: 1 }, { $setOnInsert: { a: 1 } })).toStrictEqual({ _id: 1 });
    expect(update({ _id: 1 }, { $setOnInsert: { a: 1 } }, { isUpsertInsert: true })).toStrictEqual({
      _id: 1,
      a: 1,
    });
  });
});

describe('applyUpdate: _id immutability', () => {
  it('rejects changing _id with ImmutableField 66', () => {
    const e = errorOf(() => update({ _id: 1 }, { $set: { _id: 2 } }));
    expect(e).toMatchObject({
      code: 66,
      codeName: 'ImmutableField',
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    expect(errorOf(() => update({ _id: 1 }, { $unset: { _id: 1 } })).code).toBe(66);
    expect(errorOf(() => update({ _id: { a: 1 } }, { $set: { '_id.b': 1 } })).code).toBe(66);
    expect(errorOf(() => update({ _id: 1, a: 2 }, { $rename: { a: '_id' } })).code).toBe(66);
  });

  it('allows setting _id to its current value', () => {
    expect(update({ _id: 1, a: 1 }, { $set: { _id: 1, a: 2 } })).toStrictEqual({ _id: 1, a: 2 });
  });

  it('treats setting _id to an equal value of another numeric type as a change', () => {
    expect(
      errorOf(() => update({ _id: new Int32(1) }, { $set: { _id: new Double(1) } })).code,
    ).toBe(66);
  });

  it('allows creating _id on an upserted document without one, and moves it first', () => {
    const out = update({ a: 1 }, { $set: { _id: 7 } }, { isUpsertInsert: true });
    expect(Object.keys(out)).toStrictEqual(['_id', 'a']);
  });
});

describe('applyUpdate: $inc and $mul keep numeric types', () => {
  it('keeps Int32 + Int32 as Int32', () => {
    const out = update({ a: new Int32(1) }, { $inc: { a: new Int32(2) } });
    expect(out.a).toBeInstanceOf(Int32);
    expect((out.a as Int32).value).toBe(3);
  });

  it('overflows Int32 to Long', () => {
    const out = update({ a: new Int32(2147483647) }, { $inc: { a: new Int32(1) } });
    expect(out.a).toBeInstanceOf(Long);
    expect((out.a as Long).toBigInt()).toBe(2147483648n);
  });

  it('keeps Long as Long beyond double precision', () => {
    const out = update({ a: Long.fromBigInt(2n ** 60n) }, { $inc: { a: new Int32(1) } });
    expect(out.a).toBeInstanceOf(Long);
    expect((out.a as Long).toBigInt()).toBe(2n ** 60n + 1n);
  });

  it('fails with BadValue when a Long overflows', () => {
    const e = errorOf(() => update({ _id: 1, a: Long.MAX_VALUE }, { $inc: { a: 1 } }));
    expect(e.code).toBe(2);
  });

  it('keeps Decimal128 as Decimal128 with exact decimal arithmetic', () => {
    const out = update(
      { a: Decimal128.fromString('0.1') },
      { $inc: { a: Decimal128.fromString('0.2') } },
    );
    expect(out.a).toBeInstanceOf(Decimal128);
    expect(String(out.a)).toBe('0.3');
  });

  it('widens to Double when either side is a Double', () => {
    const out = update({ a: new Int32(1) }, { $inc: { a: new Double(0.5) } });
    expect(out.a).toBeInstanceOf(Double);
    expect((out.a as Double).value).toBe(1.5);
    const kept = update({ a: new Double(1) }, { $inc: { a: new Int32(1) } });
    expect(kept.a).toBeInstanceOf(Double);
  });

  it('creates a missing field with the increment, and with zero for $mul', () => {
    expect(update({}, { $inc: { a: Long.fromNumber(5) } }).a).toStrictEqual(Long.fromNumber(5));
    const mul = update({}, { $mul: { a: new Int32(5) } });
    expect(mul.a).toStrictEqual(new Int32(0));
  });

  it('multiplies with the same widening rules', () => {
    const out = update({ a: new Int32(65536) }, { $mul: { a: new Int32(65536) } });
    expect(out.a).toStrictEqual(Long.fromNumber(4294967296));
  });

  it('rejects a non-numeric argument or field with TypeMismatch 14', () => {
    expect(errorOf(() => update({ a: 1 }, { $inc: { a: 'x' } })).code).toBe(14);
    const e = errorOf(() => update({ _id: 1, a: 'x' }, { $inc: { a: 1 } }));
    expect(e.code).toBe(14);
    expect(e.message).toBe(
      "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string",
    );
  });
});

describe('applyUpdate: $min, $max, $currentDate, $rename, $bit', () => {
  it('$min and $max replace only when the argument is lower or higher', () => {
    expect(update({ a: 5 }, { $min: { a: 3 } })).toStrictEqual({ a: 3 });
    expect(update({ a: 5 }, { $min: { a: 7 } })).toStrictEqual({ a: 5 });
    expect(update({ a: 5 }, { $max: { a: 7, b: 1 } })).toStrictEqual({ a: 7, b: 1 });
    expect(update({ a: 5 }, { $max: { a: 'x' } })).toStrictEqual({ a: 'x' });
  });

  it('$currentDate sets a Date or a Timestamp', () => {
    const out = update({}, { $currentDate: { d: true, t: { $type: 'timestamp' } } });
    expect(out.d).toStrictEqual(now);
    expect(out.t).toBeInstanceOf(Timestamp);
  });

  it('$rename moves a value to a new name', () => {
    expect(update({ a: 1, b: 2 }, { $rename: { a: 'c' } })).toStrictEqual({ b: 2, c: 1 });
    expect(update({ a: { b: 1 } }, { $rename: { 'a.b': 'x.y' } })).toStrictEqual({
      a: {},
      x: { y: 1 },
    });
    expect(update({ b: 2 }, { $rename: { a: 'c' } })).toStrictEqual({ b: 2 });
  });

  it('$rename rejects a non-string target, a same path and array paths with BadValue', () => {
    expect(errorOf(() => update({ a: 1 }, { $rename: { a: 1 } })).code).toBe(2);
    expect(errorOf(() => update({ a: 1 }, { $rename: { a: 'a' } })).code).toBe(2);
    expect(errorOf(() => update({ a: 1 }, { $rename: { a: 'a.b' } })).code).toBe(2);
    expect(errorOf(() => update({ a: [{ b: 1 }] }, { $rename: { 'a.0.b': 'c' } })).code).toBe(2);
  });

  it('$bit applies and/or/xor to integers', () => {
    expect(update({ a: new Int32(13) }, { $bit: { a: { and: new Int32(10) } } })).toStrictEqual({
      a: new Int32(8),
    });
    expect(update({ a: new Int32(1) }, { $bit: { a: { or: Long.fromNumber(4) } } })).toStrictEqual({
      a: Long.fromNumber(5),
    });
  });
});

describe('applyUpdate: parse errors', () => {
  it('rejects conflicting paths with ConflictingUpdateOperators 40', () => {
    const e = errorOf(() => update({}, { $set: { a: 1 }, $inc: { a: 1 } }));
    expect(e).toMatchObject({
      code: 40,
      message: "Updating the path 'a' would create a conflict at 'a'",
    });
    expect(errorOf(() => update({}, { $set: { a: 1, 'a.b': 1 } })).message).toBe(
      "Updating the path 'a.b' would create a conflict at 'a'",
    );
  });

  it('rejects an unknown modifier and a non-object operand with FailedToParse 9', () => {
    expect(errorOf(() => update({}, { $foo: { a: 1 } })).code).toBe(9);
    expect(errorOf(() => update({}, { $set: 1 })).code).toBe(9);
  });

  it('rejects an update without operators with FailedToParse 9', () => {
    expect(errorOf(() => update({}, {})).code).toBe(9);
  });

  it('rejects empty and dollar-prefixed field names', () => {
    expect(errorOf(() => update({}, { $set: { '': 1 } })).code).toBe(56);
    expect(errorOf(() => update({}, { $set: { 'a..b': 1 } })).code).toBe(56);
    expect(errorOf(() => update({}, { $set: { 'a.$b': 1 } })).code).toBe(52);
  });

  it('accepts an empty operand as a no-op', () => {
    expect(update({ a: 1 }, { $set: {} })).toStrictEqual({ a: 1 });
  });
});

describe('isReplacement', () => {
  it('tells replacement documents from operator updates and pipelines', () => {
    expect(isReplacement({ a: 1 })).toBe(true);
    expect(isReplacement({})).toBe(true);
    expect(isReplacement({ $set: { a: 1 } })).toBe(false);
    expect(isReplacement([{ $set: { a: 1 } }])).toBe(false);
  });

  it('rejects mixed operator and field keys with FailedToParse 9', () => {
    expect(errorOf(() => isReplacement({ $set: { a: 1 }, b: 1 })).code).toBe(9);
    expect(errorOf(() => isReplacement({ b: 1, $set: { a: 1 } })).code).toBe(9);
  });
});

describe('upsertSeed', () => {
  it('takes the equality fields of the query, including $eq, dotted paths and $and', () => {
    const id = new ObjectId();
    const seed = upsertSeed({
      _id: id,
      name: 'x',
      'addr.city': 'Paris',
      qty: { $eq: 5 },
      $and: [{ tag: 'a' }, { score: { $gt: 1 } }],
    });
    expect(seed).toStrictEqual({ _id: id, addr: { city: 'Paris' }, name: 'x', qty: 5, tag: 'a' });
    expect(Object.keys(seed)[0]).toBe('_id');
  });

  it('ignores operator conditions, regexes and $or with several clauses', () => {
    expect(
      upsertSeed({ a: { $gt: 1 }, b: /x/, $or: [{ c: 1 }, { d: 2 }], e: { $in: [1, 2] } }),
    ).toStrictEqual({});
    expect(upsertSeed({ $or: [{ c: 1 }] })).toStrictEqual({ c: 1 });
  });

  it('rejects a path matched twice with NotSingleValueField 54', () => {
    expect(errorOf(() => upsertSeed({ a: 1, $and: [{ a: 2 }] })).code).toBe(54);
    expect(errorOf(() => upsertSeed({ a: { b: 1 }, 'a.b': 1 })).code).toBe(54);
  });
});

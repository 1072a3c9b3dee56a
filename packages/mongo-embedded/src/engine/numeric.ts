/**
 * Numbers across BSON's four numeric types: exact comparison and type-preserving arithmetic with
 * MongoDB's widening rules (int32 → long on overflow; any double → double; any decimal → decimal).
 */
import { Double, Int32, Long, type Decimal128 } from 'bson';
import { bsonTag, isInt32Number } from './bson-type.js';
import {
  decimalAdd,
  decimalDivide,
  decimalFromBigInt,
  decimalFromDouble,
  decimalMultiply,
  decimalNegate,
  decimalToNumber,
  decimalTrunc,
  parseDecimal128,
  toDecimal128,
  type DecimalValue,
} from './decimal.js';

/** A number unwrapped from its BSON class, tagged with its BSON type. */
export type Num =
  | { readonly kind: 'int'; readonly v: number }
  | { readonly kind: 'long'; readonly v: bigint }
  | { readonly kind: 'double'; readonly v: number }
  | { readonly kind: 'decimal'; readonly v: DecimalValue };

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  if (typeof v !== 'object' || v === null) return false;
  const tag = bsonTag(v);
  return tag === 'Int32' || tag === 'Double' || tag === 'Long' || tag === 'Decimal128';
}

export function toNum(v: unknown): Num | undefined {
  if (typeof v === 'number') return isInt32Number(v) ? { kind: 'int', v } : { kind: 'double', v };
  if (typeof v === 'bigint') return { kind: 'long', v };
  if (typeof v !== 'object' || v === null) return undefined;
  switch (bsonTag(v)) {
    case 'Int32':
      return { kind: 'int', v: (v as Int32).value };
    case 'Double':
      return { kind: 'double', v: (v as Double).value };
    case 'Long':
      return { kind: 'long', v: (v as Long).toBigInt() };
    case 'Decimal128':
      return { kind: 'decimal', v: parseDecimal128(v as Decimal128) };
    default:
      return undefined;
  }
}

/** Back to the `bson` class of the number's type, so it serializes with that type. */
export function fromNum(n: Num): Int32 | Long | Double | Decimal128 {
  switch (n.kind) {
    case 'int':
      return new Int32(n.v);
    case 'long':
      return Long.fromBigInt(n.v);
    case 'double':
      return new Double(n.v);
    case 'decimal':
      return toDecimal128(n.v);
  }
}

export function numToDouble(n: Num): number {
  switch (n.kind) {
    case 'int':
    case 'double':
      return n.v;
    case 'long':
      return Number(n.v);
    case 'decimal':
      return decimalToNumber(n.v);
  }
}

export function toDouble(v: unknown): number {
  const n = toNum(v);
  return n ? numToDouble(n) : NaN;
}

function numToDecimal(n: Num): DecimalValue {
  switch (n.kind) {
    case 'int':
      return decimalFromBigInt(BigInt(n.v));
    case 'long':
      return decimalFromBigInt(n.v);
    case 'double':
      return decimalFromDouble(n.v);
    case 'decimal':
      return n.v;
  }
}

const inInt32 = (x: bigint): boolean => x >= -2147483648n && x <= 2147483647n;
const inInt64 = (x: bigint): boolean => x >= INT64_MIN && x <= INT64_MAX;

/**
 * What to do when a long result overflows: updates (`$inc`, `$mul`) fail, aggregation
 * expressions fall back to a double.
 */
export type LongOverflow = 'fail' | 'double';

function integral(
  a: Num,
  b: Num,
  op: (x: bigint, y: bigint) => bigint,
  dop: (x: number, y: number) => number,
  overflow: LongOverflow,
): Num | undefined {
  const r = op(BigInt(a.v as number | bigint), BigInt(b.v as number | bigint));
  if (a.kind === 'int' && b.kind === 'int' && inInt32(r)) return { kind: 'int', v: Number(r) };
  if (inInt64(r)) return { kind: 'long', v: r };
  return overflow === 'fail'
    ? undefined
    : { kind: 'double', v: dop(numToDouble(a), numToDouble(b)) };
}

/** Sum with MongoDB's result type; undefined when a long overflows under 'fail'. */
export function addNum(a: Num, b: Num, overflow: LongOverflow): Num | undefined {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    return { kind: 'decimal', v: decimalAdd(numToDecimal(a), numToDecimal(b)) };
  }
  if (a.kind === 'double' || b.kind === 'double') {
    return { kind: 'double', v: numToDouble(a) + numToDouble(b) };
  }
  return integral(
    a,
    b,
    (x, y) => x + y,
    (x, y) => x + y,
    overflow,
  );
}

export function multiplyNum(a: Num, b: Num, overflow: LongOverflow): Num | undefined {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    return { kind: 'decimal', v: decimalMultiply(numToDecimal(a), numToDecimal(b)) };
  }
  if (a.kind === 'double' || b.kind === 'double') {
    return { kind: 'double', v: numToDouble(a) * numToDouble(b) };
  }
  return integral(
    a,
    b,
    (x, y) => x * y,
    (x, y) => x * y,
    overflow,
  );
}

export function negateNum(a: Num): Num {
  switch (a.kind) {
    case 'int':
      return a.v === -2147483648 ? { kind: 'long', v: 2147483648n } : { kind: 'int', v: -a.v };
    case 'long':
      return a.v === INT64_MIN ? { kind: 'double', v: -Number(a.v) } : { kind: 'long', v: -a.v };
    case 'double':
      return { kind: 'double', v: -a.v };
    case 'decimal':
      return { kind: 'decimal', v: decimalNegate(a.v) };
  }
}

export function subtractNum(a: Num, b: Num): Num {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    return { kind: 'decimal', v: decimalAdd(numToDecimal(a), decimalNegate(numToDecimal(b))) };
  }
  if (a.kind === 'double' || b.kind === 'double') {
    return { kind: 'double', v: numToDouble(a) - numToDouble(b) };
  }
  return integral(
    a,
    b,
    (x, y) => x - y,
    (x, y) => x - y,
    'double',
  ) as Num;
}

/** Division always yields a double, or a decimal when either side is one. */
export function divideNum(a: Num, b: Num): Num {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    return { kind: 'decimal', v: decimalDivide(numToDecimal(a), numToDecimal(b)) };
  }
  return { kind: 'double', v: numToDouble(a) / numToDouble(b) };
}

/** The remainder with the dividend's sign (C's `%`, `fmod` for doubles). */
export function modNum(a: Num, b: Num): Num {
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    const x = numToDecimal(a);
    const y = numToDecimal(b);
    const trunc = decimalTrunc(decimalDivide(x, y));
    if (trunc === undefined) return { kind: 'decimal', v: { kind: 'nan' } };
    const t = decimalFromBigInt(trunc);
    return { kind: 'decimal', v: decimalAdd(x, decimalNegate(decimalMultiply(t, y))) };
  }
  if (a.kind === 'double' || b.kind === 'double') {
    return { kind: 'double', v: numToDouble(a) % numToDouble(b) };
  }
  return integral(
    a,
    b,
    (x, y) => x % y,
    (x, y) => x % y,
    'double',
  ) as Num;
}

export function isZero(n: Num): boolean {
  return n.kind === 'decimal'
    ? n.v.kind === 'finite' && n.v.coef === 0n
    : n.kind === 'long'
      ? n.v === 0n
      : n.v === 0;
}

/** The integral part (truncated toward zero) as a bigint, or undefined for NaN and infinities. */
export function truncToBigInt(n: Num): bigint | undefined {
  switch (n.kind) {
    case 'int':
      return BigInt(n.v);
    case 'long':
      return n.v;
    case 'double':
      return Number.isFinite(n.v) ? BigInt(Math.trunc(n.v)) : undefined;
    case 'decimal':
      return decimalTrunc(n.v);
  }
}

export { numToDecimal };

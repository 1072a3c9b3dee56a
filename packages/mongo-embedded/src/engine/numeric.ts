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
const SAFE = 2 ** 53;

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

/** The double value when it represents the number exactly, for the fast comparison path. */
function exactDouble(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'object' || v === null) return undefined;
  switch (bsonTag(v)) {
    case 'Int32':
    case 'Double':
      return (v as Int32 | Double).value;
    case 'Long': {
      const d = (v as Long).toNumber();
      return d > -SAFE && d < SAFE ? d : undefined;
    }
    default:
      return undefined;
  }
}

type Exact =
  | { readonly kind: 'nan' }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'q'; readonly num: bigint; readonly den: bigint };

function doubleToExact(x: number): Exact {
  if (Number.isNaN(x)) return { kind: 'nan' };
  if (!Number.isFinite(x)) return { kind: 'inf', neg: x < 0 };
  if (Number.isInteger(x)) return { kind: 'q', num: BigInt(x), den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exp = -1074;
  if (expBits !== 0) {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  return { kind: 'q', num: hi >>> 31 ? -mant : mant, den: 1n << BigInt(-exp) };
}

function toExact(n: Num): Exact {
  switch (n.kind) {
    case 'int':
      return { kind: 'q', num: BigInt(n.v), den: 1n };
    case 'long':
      return { kind: 'q', num: n.v, den: 1n };
    case 'double':
      return doubleToExact(n.v);
    case 'decimal': {
      const d = n.v;
      if (d.kind !== 'finite') return d;
      const signed = d.neg ? -d.coef : d.coef;
      return d.exp >= 0
        ? { kind: 'q', num: signed * 10n ** BigInt(d.exp), den: 1n }
        : { kind: 'q', num: signed, den: 10n ** BigInt(-d.exp) };
    }
  }
}

/** -1, 0 or 1; NaN equals NaN and sorts below every other number, as in MongoDB. */
export function compareNumbers(a: unknown, b: unknown): number {
  const da = exactDouble(a);
  const db = exactDouble(b);
  if (da !== undefined && db !== undefined) return compareDoubles(da, db);
  const na = toNum(a);
  const nb = toNum(b);
  if (!na || !nb) return 0;
  return compareExact(toExact(na), toExact(nb));
}

function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? -1 : 1;
}

function compareExact(a: Exact, b: Exact): number {
  if (a.kind === 'nan' || b.kind === 'nan') {
    return a.kind === b.kind ? 0 : a.kind === 'nan' ? -1 : 1;
  }
  if (a.kind === 'inf' || b.kind === 'inf') {
    const ra = a.kind === 'inf' ? (a.neg ? -1 : 1) : 0;
    const rb = b.kind === 'inf' ? (b.neg ? -1 : 1) : 0;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return 0;
  }
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
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
    const q = decimalDivide(x, y);
    if (q.kind !== 'finite') return { kind: 'decimal', v: { kind: 'nan' } };
    const trunc = q.exp >= 0 ? q.coef * 10n ** BigInt(q.exp) : q.coef / 10n ** BigInt(-q.exp);
    const t = decimalFromBigInt(q.neg ? -trunc : trunc);
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
    case 'decimal': {
      const d = n.v;
      if (d.kind !== 'finite') return undefined;
      const int = d.exp >= 0 ? d.coef * 10n ** BigInt(d.exp) : d.coef / 10n ** BigInt(-d.exp);
      return d.neg ? -int : int;
    }
  }
}

export { numToDecimal };

/**
 * A string that is equal for numerically equal values of any numeric type (for hashing group
 * keys and sets): the exact value in normalized decimal form.
 */
export function numberKey(v: unknown): string {
  const d = exactDouble(v);
  if (d !== undefined && Number.isSafeInteger(d)) return Object.is(d, -0) ? '0' : String(d);
  const n = toNum(v);
  if (!n) return 'NaN';
  const e = toExact(n);
  if (e.kind === 'nan') return 'NaN';
  if (e.kind === 'inf') return e.neg ? '-Inf' : 'Inf';
  if (e.den === 1n) return e.num.toString();
  let coef = e.num < 0n ? -e.num : e.num;
  let exp = 0;
  let den = e.den;
  // den is a power of two (doubles) or of ten (decimals): scale to a power of ten.
  while (den % 10n === 0n) {
    den /= 10n;
    exp -= 1;
  }
  while (den > 1n) {
    den /= 2n;
    coef *= 5n;
    exp -= 1;
  }
  while (coef % 10n === 0n && coef !== 0n && exp < 0) {
    coef /= 10n;
    exp += 1;
  }
  if (coef === 0n) return '0';
  const sign = e.num < 0n ? '-' : '';
  return exp === 0 ? `${sign}${coef}` : `${sign}${coef}e${exp}`;
}

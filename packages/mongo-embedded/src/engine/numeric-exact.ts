/**
 * Exact comparison and hashing of numbers across BSON's numeric types: a Long beyond 2^53 or a
 * Decimal128 compares by its exact value, never through a lossy double.
 */
import type { Double, Int32, Long } from 'bson';
import { bsonTag } from './bson-type.js';
import { toNum, type Num } from './numeric.js';

const SAFE = 2 ** 53;

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

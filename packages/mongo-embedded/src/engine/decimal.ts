/**
 * Decimal128 arithmetic on exact bigint coefficients, rounded to 34 digits (half to even) the way
 * IEEE 754-2008 decimal arithmetic (and so MongoDB) does. `bson` only parses and prints Decimal128.
 */
import { Decimal128 } from 'bson';

export type DecimalValue =
  | { readonly kind: 'finite'; readonly neg: boolean; readonly coef: bigint; readonly exp: number }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'nan' };

const MAX_DIGITS = 34;
const MAX_EXP = 6111;
const MIN_EXP = -6176;
const NAN: DecimalValue = { kind: 'nan' };
const TEN = 10n;
const cache = new WeakMap<Decimal128, DecimalValue>();

const pow10 = (n: number): bigint => TEN ** BigInt(n);
const digitCount = (c: bigint): number => (c === 0n ? 1 : c.toString().length);

export function parseDecimalString(text: string): DecimalValue {
  const s = text.trim();
  if (/^[+-]?nan$/i.test(s)) return NAN;
  const inf = /^([+-])?inf(inity)?$/i.exec(s);
  if (inf) return { kind: 'inf', neg: inf[1] === '-' };
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] ?? '') + (m[3] ?? '') === '') return NAN;
  const frac = m[3] ?? '';
  return {
    kind: 'finite',
    neg: m[1] === '-',
    coef: BigInt((m[2] ?? '') + frac || '0'),
    exp: Number(m[4] ?? 0) - frac.length,
  };
}

export function parseDecimal128(d: Decimal128): DecimalValue {
  let v = cache.get(d);
  if (!v) {
    v = parseDecimalString(d.toString());
    cache.set(d, v);
  }
  return v;
}

/** A double as MongoDB converts it to decimal: rounded to 15 significant digits. */
export function decimalFromDouble(n: number): DecimalValue {
  if (Number.isNaN(n)) return NAN;
  if (!Number.isFinite(n)) return { kind: 'inf', neg: n < 0 };
  const v = parseDecimalString(Math.abs(n).toPrecision(15));
  return v.kind === 'finite' ? { ...v, neg: n < 0 || Object.is(n, -0) } : v;
}

export function decimalFromBigInt(n: bigint): DecimalValue {
  return { kind: 'finite', neg: n < 0n, coef: n < 0n ? -n : n, exp: 0 };
}

/** Rounds a coefficient to 34 digits, half to even; `sticky` says nonzero digits were already dropped. */
function round(neg: boolean, coef: bigint, exp: number, sticky = false): DecimalValue {
  let c = coef;
  let e = exp;
  const excess = digitCount(c) - MAX_DIGITS;
  const underflow = MIN_EXP - e;
  const drop = Math.max(excess, underflow, 0);
  if (drop > 0) {
    const scale = pow10(drop);
    const dropped = c % scale;
    c = c / scale;
    e += drop;
    const half = scale / 2n;
    if (dropped > half || (dropped === half && (sticky || c % 2n === 1n))) c += 1n;
    if (digitCount(c) > MAX_DIGITS) {
      c /= TEN;
      e += 1;
    }
  }
  if (e > MAX_EXP) {
    const room = MAX_DIGITS - digitCount(c);
    const shift = e - MAX_EXP;
    if (c === 0n) e = MAX_EXP;
    else if (shift <= room) {
      c *= pow10(shift);
      e = MAX_EXP;
    } else return { kind: 'inf', neg };
  }
  return { kind: 'finite', neg, coef: c, exp: e };
}

export function toDecimal128(v: DecimalValue): Decimal128 {
  if (v.kind === 'nan') return Decimal128.fromString('NaN');
  if (v.kind === 'inf') return Decimal128.fromString(v.neg ? '-Infinity' : 'Infinity');
  const r = round(v.neg, v.coef, v.exp);
  if (r.kind !== 'finite') return toDecimal128(r);
  return Decimal128.fromString(`${r.neg ? '-' : ''}${r.coef}E${r.exp}`);
}

export function decimalNegate(a: DecimalValue): DecimalValue {
  return a.kind === 'nan' ? a : { ...a, neg: !a.neg };
}

export function decimalAdd(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf') return a.neg === b.neg ? a : NAN;
    return a.kind === 'inf' ? a : b;
  }
  const exp = Math.min(a.exp, b.exp);
  const ca = (a.neg ? -a.coef : a.coef) * pow10(a.exp - exp);
  const cb = (b.neg ? -b.coef : b.coef) * pow10(b.exp - exp);
  const sum = ca + cb;
  // An exact zero sum is positive unless both operands were negative (IEEE 754 round-half-even).
  const neg = sum === 0n ? a.neg && b.neg : sum < 0n;
  return round(neg, sum < 0n ? -sum : sum, exp);
}

export function decimalMultiply(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const other = a.kind === 'inf' ? b : a;
    return other.kind === 'finite' && other.coef === 0n ? NAN : { kind: 'inf', neg };
  }
  return round(neg, a.coef * b.coef, a.exp + b.exp);
}

export function isDecimalZero(a: DecimalValue): boolean {
  return a.kind === 'finite' && a.coef === 0n;
}

/** Quotient to 34 digits; trailing zeros are dropped down to the ideal exponent, as IEEE 754 does. */
export function decimalDivide(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf') return b.kind === 'inf' ? NAN : { kind: 'inf', neg };
  if (b.kind === 'inf') return { kind: 'finite', neg, coef: 0n, exp: 0 };
  if (b.coef === 0n) return a.coef === 0n ? NAN : { kind: 'inf', neg };
  const ideal = a.exp - b.exp;
  if (a.coef === 0n) return { kind: 'finite', neg, coef: 0n, exp: ideal };
  const shift = Math.max(0, MAX_DIGITS + 1 + digitCount(b.coef) - digitCount(a.coef));
  const n = a.coef * pow10(shift);
  let q = n / b.coef;
  const exact = n % b.coef === 0n;
  let exp = ideal - shift;
  if (exact) {
    while (exp < ideal && q % TEN === 0n && q !== 0n) {
      q /= TEN;
      exp += 1;
    }
  }
  return round(neg, q, exp, !exact);
}

/** The nearest double. */
export function decimalToNumber(a: DecimalValue): number {
  if (a.kind === 'nan') return NaN;
  if (a.kind === 'inf') return a.neg ? -Infinity : Infinity;
  const n = Number(`${a.coef}e${a.exp}`);
  return a.neg ? -n : n;
}

/** The value truncated toward zero, or undefined when not finite. */
export function decimalTrunc(a: DecimalValue): bigint | undefined {
  if (a.kind !== 'finite') return undefined;
  const int = a.exp >= 0 ? a.coef * pow10(a.exp) : a.coef / pow10(-a.exp);
  return a.neg ? -int : int;
}

export type RoundingMode = 'halfEven' | 'trunc' | 'floor' | 'ceil';

/** Rounds to `places` decimal places (negative places round to tens, hundreds, …). */
export function decimalQuantize(a: DecimalValue, places: number, mode: RoundingMode): DecimalValue {
  if (a.kind !== 'finite' || a.exp >= -places) return a;
  const drop = -places - a.exp;
  const scale = pow10(drop);
  let q = a.coef / scale;
  const r = a.coef % scale;
  if (r !== 0n) {
    const half = scale / 2n;
    const up =
      mode === 'halfEven'
        ? r > half || (r === half && q % 2n === 1n)
        : mode === 'ceil'
          ? !a.neg
          : mode === 'floor'
            ? a.neg
            : false;
    if (up) q += 1n;
  }
  return { kind: 'finite', neg: a.neg, coef: q, exp: -places };
}

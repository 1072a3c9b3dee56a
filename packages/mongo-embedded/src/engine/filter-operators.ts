/**
 * Single-value predicates of the query language. Comparisons follow type bracketing: `$gt: 1`
 * only matches numbers, except against MinKey/MaxKey; null equality also matches missing.
 */
import type { Binary, BSONSymbol } from 'bson';
import {
  bsonTag,
  bsonTypeOf,
  canonicalRank,
  NULL_RANK,
  NUMBER_RANK,
  TYPE_CODES,
  type BsonTypeName,
} from './bson-type.js';
import { compareValues, valueKey } from './compare.js';
import { engineError } from './errors.js';
import { isNumeric, toDouble, toNum, truncToBigInt } from './numeric.js';
import { compareNumbers } from './numeric-exact.js';
import type { Pred } from './path.js';
import { isRegexValue, regexSource, toJsRegExp } from './regex.js';

export type ComparisonOp = '$gt' | '$gte' | '$lt' | '$lte';

const isMissing = (v: unknown): boolean => v === null || v === undefined;

const isSymbol = (v: unknown): v is BSONSymbol =>
  typeof v === 'object' && v !== null && bsonTag(v) === 'BSONSymbol';

const isNaNValue = (v: unknown): boolean => Number.isNaN(toDouble(v));

export function eqPred(operand: unknown): Pred {
  if (isMissing(operand)) return isMissing;
  if (typeof operand === 'string') {
    return (v) => v === operand || (isSymbol(v) && v.value === operand);
  }
  const rank = canonicalRank(operand);
  if (rank === NUMBER_RANK) {
    const d = typeof operand === 'number' ? operand : undefined;
    if (d !== undefined && !Number.isNaN(d)) {
      return (v) =>
        typeof v === 'number' ? v === d : isNumeric(v) && compareNumbers(v, operand) === 0;
    }
    return (v) => isNumeric(v) && compareNumbers(v, operand) === 0;
  }
  return (v) => canonicalRank(v) === rank && compareValues(v, operand) === 0;
}

export function cmpPred(op: ComparisonOp, operand: unknown): Pred {
  const inclusive = op === '$gte' || op === '$lte';
  const above = op === '$gt' || op === '$gte';
  const rank = canonicalRank(operand);
  if (rank === NULL_RANK) return inclusive ? isMissing : () => false;
  if (rank === 0 || rank === 127) {
    // MinKey and MaxKey bound every type.
    return (v) => {
      const r = canonicalRank(v);
      if (r === rank) return inclusive;
      return rank === 0 ? above : !above;
    };
  }
  const test = (c: number): boolean => (c === 0 ? inclusive : c > 0 === above);
  if (rank === NUMBER_RANK) {
    // NaN equals NaN but is neither above nor below any number.
    if (isNaNValue(operand)) return inclusive ? (v) => isNumeric(v) && isNaNValue(v) : () => false;
    return (v) => {
      if (!isNumeric(v)) return false;
      const c = compareNumbers(v, operand);
      return c < 0 && isNaNValue(v) ? false : test(c);
    };
  }
  return (v) => canonicalRank(v) === rank && test(compareValues(v, operand));
}

export function regexPred(pattern: string, options: string): Pred {
  const re = toJsRegExp(pattern, options);
  return (v) => {
    if (typeof v === 'string') return re.test(v);
    if (isSymbol(v)) return re.test(v.value);
    if (isRegexValue(v)) {
      const s = regexSource(v);
      return s.pattern === pattern && s.options === options;
    }
    return false;
  };
}

/** `$in`: equality with any element, regex elements match strings; large lists are hashed. */
export function inPred(list: readonly unknown[]): Pred {
  const regexes: Pred[] = [];
  const values: unknown[] = [];
  for (const item of list) {
    if (isRegexValue(item)) {
      const s = regexSource(item);
      regexes.push(regexPred(s.pattern, s.options));
    } else values.push(item);
  }
  let eq: Pred;
  if (values.length > 8) {
    const keys = new Set(values.map(valueKey));
    eq = (v) => keys.has(valueKey(v));
  } else {
    const preds = values.map(eqPred);
    eq = (v) => preds.some((p) => p(v));
  }
  return regexes.length === 0 ? eq : (v) => eq(v) || regexes.some((p) => p(v));
}

const VALID_TYPE_CODES = new Set(Object.values(TYPE_CODES));
const NUMERIC_TYPES = new Set<string>(['int', 'long', 'double', 'decimal']);

export function typePred(arg: unknown): Pred {
  const list = Array.isArray(arg) ? (arg as unknown[]) : [arg];
  if (list.length === 0) throw engineError('FailedToParse', '$type must match at least one type');
  const codes = new Set<number>();
  let anyNumber = false;
  for (const t of list) {
    if (typeof t === 'string') {
      if (t === 'number') anyNumber = true;
      else if (Object.hasOwn(TYPE_CODES, t)) codes.add(TYPE_CODES[t as BsonTypeName]);
      else throw engineError('BadValue', `Unknown type name alias: ${t}`);
    } else if (isNumeric(t)) {
      const n = toDouble(t);
      if (!Number.isInteger(n) || !VALID_TYPE_CODES.has(n)) {
        throw engineError('BadValue', `Invalid numerical type code: ${n}`);
      }
      codes.add(n);
    } else {
      throw engineError('TypeMismatch', 'type must be represented as a number or a string');
    }
  }
  return (v) => {
    const t = bsonTypeOf(v);
    if (t === 'missing') return false;
    return codes.has(TYPE_CODES[t]) || (anyNumber && NUMERIC_TYPES.has(t));
  };
}

export function sizePred(arg: unknown): Pred {
  if (!isNumeric(arg)) throw engineError('BadValue', '$size needs a number');
  const n = toDouble(arg);
  if (!Number.isInteger(n)) throw engineError('BadValue', '$size must be a whole number');
  if (n < 0) throw engineError('BadValue', '$size may not be negative');
  return (v) => Array.isArray(v) && v.length === n;
}

export function modPred(arg: unknown): Pred {
  if (!Array.isArray(arg)) throw engineError('BadValue', 'malformed mod, needs to be an array');
  if (arg.length < 2) throw engineError('BadValue', 'malformed mod, not enough elements');
  if (arg.length > 2) throw engineError('BadValue', 'malformed mod, too many elements');
  const [d, r] = (arg as unknown[]).map((x, i) => {
    const n = toNum(x);
    if (!n) {
      throw engineError('BadValue', `malformed mod, ${i ? 'remainder' : 'divisor'} not a number`);
    }
    const t = truncToBigInt(n);
    if (t === undefined) {
      throw engineError(
        'BadValue',
        `malformed mod, ${i ? 'remainder' : 'divisor'} value is invalid`,
      );
    }
    return t;
  }) as [bigint, bigint];
  if (d === 0n) throw engineError('BadValue', 'divisor cannot be 0');
  return (v) => {
    const n = toNum(v);
    const t = n && truncToBigInt(n);
    return t !== undefined && t !== null && t % d === r;
  };
}

export type BitsOp = '$bitsAllSet' | '$bitsAllClear' | '$bitsAnySet' | '$bitsAnyClear';

function bitPositions(op: BitsOp, arg: unknown): number[] {
  if (Array.isArray(arg)) {
    return (arg as unknown[]).map((p) => {
      const n = isNumeric(p) ? toDouble(p) : NaN;
      if (!Number.isInteger(n) || n < 0) {
        throw engineError('BadValue', `bit positions for ${op} must be non-negative integers`);
      }
      return n;
    });
  }
  const positions: number[] = [];
  if (bsonTypeOf(arg) === 'binData') {
    const bytes = (arg as Binary).buffer.subarray(0, (arg as Binary).position);
    bytes.forEach((b, i) => {
      for (let k = 0; k < 8; k++) if (b & (1 << k)) positions.push(i * 8 + k);
    });
    return positions;
  }
  const n = toNum(arg);
  const mask = n && truncToBigInt(n);
  if (mask === undefined || mask === null || mask < 0n || toDouble(arg) !== Number(mask)) {
    throw engineError(
      'BadValue',
      `${op} takes an Array, a number, or a BinData but received: ${String(arg)}`,
    );
  }
  for (let k = 0; mask >> BigInt(k) > 0n; k++) if ((mask >> BigInt(k)) & 1n) positions.push(k);
  return positions;
}

export function bitsPred(op: BitsOp, arg: unknown): Pred {
  const positions = bitPositions(op, arg);
  return (v) => {
    let bit: (p: number) => boolean;
    if (bsonTypeOf(v) === 'binData') {
      const bytes = (v as Binary).buffer.subarray(0, (v as Binary).position);
      bit = (p) => (((bytes[p >> 3] ?? 0) >> (p & 7)) & 1) === 1;
    } else {
      const n = toNum(v);
      if (!n || (n.kind !== 'int' && n.kind !== 'long' && !Number.isInteger(toDouble(v)))) {
        return false;
      }
      const x = truncToBigInt(n);
      if (x === undefined) return false;
      bit = (p) => ((x >> BigInt(Math.min(p, 63))) & 1n) === 1n;
    }
    switch (op) {
      case '$bitsAllSet':
        return positions.every(bit);
      case '$bitsAllClear':
        return positions.every((p) => !bit(p));
      case '$bitsAnySet':
        return positions.some(bit);
      case '$bitsAnyClear':
        return positions.some((p) => !bit(p));
    }
  };
}

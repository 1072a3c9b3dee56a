/**
 * Type conversion operators (`$convert` and its `$toX` shorthands) with MongoDB's rules,
 * including ObjectId to string, which mingo cannot do.
 */
import { Decimal128, Double, Int32, Long, ObjectId, type Timestamp } from 'bson';
import { bsonTypeOf, TYPE_CODES, type BsonTypeName } from './bson-type.js';
import { engineError } from './errors.js';
import type { CompiledExpr, OpCompiler } from './expression.js';
import { compileArgs, compileNamed, isNullish, isTruthy } from './expression-util.js';
import { INT64_MAX, INT64_MIN, numToDouble, toDouble, toNum, truncToBigInt } from './numeric.js';

type Target = 'string' | 'int' | 'long' | 'double' | 'decimal' | 'bool' | 'objectId' | 'date';

const fail = (from: string, to: string, detail?: string): never => {
  throw engineError(
    'ConversionFailure',
    detail
      ? `Failed to parse ${to} '${from}' in $convert with no onError value: ${detail}`
      : `Unsupported conversion from ${from} to ${to} in $convert with no onError value`,
  );
};

function doubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  return String(d);
}

/** `$toString`: ObjectIds give their hex form, dates their ISO-8601 form. */
export function valueToString(v: unknown, op = '$toString'): string {
  const t = bsonTypeOf(v);
  switch (t) {
    case 'string':
      return v as string;
    case 'symbol':
      return (v as { value: string }).value;
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'long':
    case 'decimal':
      return String(v);
    case 'double':
      return doubleToString(toDouble(v));
    case 'date':
      return (v as Date).toISOString();
    case 'objectId':
      return (v as ObjectId).toHexString();
    default:
      return fail(t, `string (from ${op})`);
  }
}

function integerOf(v: unknown, to: 'int' | 'long'): bigint {
  const t = bsonTypeOf(v);
  if (t === 'bool') return v ? 1n : 0n;
  if (t === 'date' && to === 'long') return BigInt((v as Date).getTime());
  if (t === 'string') {
    const s = v as string;
    if (!/^[+-]?\d+$/.test(s)) return fail(s, 'number', 'Did not consume whole string.');
    return BigInt(s);
  }
  const n = toNum(v);
  if (!n) return fail(t, to);
  const i = truncToBigInt(n);
  if (i === undefined) {
    throw engineError(
      'ConversionFailure',
      `Attempt to convert NaN or infinity value to integer type in $convert with no onError value`,
    );
  }
  return i;
}

function toIntValue(v: unknown): Int32 {
  const i = integerOf(v, 'int');
  if (i < -2147483648n || i > 2147483647n) {
    throw engineError(
      'ConversionFailure',
      'Conversion would overflow target type in $convert with no onError value',
    );
  }
  return new Int32(Number(i));
}

function toLongValue(v: unknown): Long {
  const i = integerOf(v, 'long');
  if (i < INT64_MIN || i > INT64_MAX) {
    throw engineError(
      'ConversionFailure',
      'Conversion would overflow target type in $convert with no onError value',
    );
  }
  return Long.fromBigInt(i);
}

function toDoubleValue(v: unknown): Double {
  const t = bsonTypeOf(v);
  if (t === 'bool') return new Double(v ? 1 : 0);
  if (t === 'date') return new Double((v as Date).getTime());
  if (t === 'string') {
    const s = (v as string).trim();
    const d = /^[+-]?(infinity|inf)$/i.test(s)
      ? s.startsWith('-')
        ? -Infinity
        : Infinity
      : Number(s);
    if (s === '' || (Number.isNaN(d) && !/^[+-]?nan$/i.test(s)))
      return fail(s, 'number', 'Did not consume whole string.');
    return new Double(d);
  }
  const n = toNum(v);
  return n ? new Double(numToDouble(n)) : fail(t, 'double');
}

function toDecimalValue(v: unknown): Decimal128 {
  const t = bsonTypeOf(v);
  if (t === 'decimal') return v as Decimal128;
  if (t === 'bool') return Decimal128.fromString(v ? '1' : '0');
  if (t === 'date') return Decimal128.fromString(String((v as Date).getTime()));
  if (t === 'string') {
    try {
      return Decimal128.fromString((v as string).trim());
    } catch {
      return fail(v as string, 'number', 'Failed to parse string to decimal');
    }
  }
  const n = toNum(v);
  if (!n) return fail(t, 'decimal');
  if (n.kind === 'int' || n.kind === 'long') return Decimal128.fromString(String(n.v));
  return Decimal128.fromString(Number(n.v).toPrecision(15));
}

function toDateValue(v: unknown): Date {
  const t = bsonTypeOf(v);
  switch (t) {
    case 'date':
      return v as Date;
    case 'long':
    case 'double':
    case 'decimal':
      return new Date(toDouble(v));
    case 'objectId':
      return (v as ObjectId).getTimestamp();
    case 'timestamp':
      return new Date((v as Timestamp).t * 1000);
    case 'string': {
      const d = new Date(v as string);
      return Number.isNaN(d.getTime())
        ? fail(v as string, 'date', 'an incomplete date/time string')
        : d;
    }
    default:
      return fail(t, 'date');
  }
}

function toObjectIdValue(v: unknown): ObjectId {
  const t = bsonTypeOf(v);
  if (t === 'objectId') return v as ObjectId;
  if (t === 'string' && /^[0-9a-fA-F]{24}$/.test(v as string)) return new ObjectId(v as string);
  return fail(
    t === 'string' ? (v as string) : t,
    'objectId',
    t === 'string' ? 'Invalid string length' : undefined,
  );
}

const CONVERTERS: Readonly<Record<Target, (v: unknown) => unknown>> = {
  string: (v) => valueToString(v),
  int: toIntValue,
  long: toLongValue,
  double: toDoubleValue,
  decimal: toDecimalValue,
  bool: (v) => isTruthy(v),
  objectId: toObjectIdValue,
  date: toDateValue,
};

function targetOf(to: unknown): Target {
  let name: string | undefined;
  if (typeof to === 'string') name = to;
  else {
    const n = toNum(to);
    const code = n ? numToDouble(n) : NaN;
    name = Object.entries(TYPE_CODES).find(([, c]) => c === code)?.[0];
  }
  if (name && name in CONVERTERS) return name as Target;
  throw engineError('BadValue', `Unsupported conversion to ${String(name ?? to)} in $convert`);
}

export function convertValue(v: unknown, to: Target | BsonTypeName): unknown {
  if (isNullish(v)) return null;
  return CONVERTERS[targetOf(to)](v);
}

function shorthand(to: Target): OpCompiler {
  return (arg, compile, name) => {
    const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
    return (ctx) => convertValue(f(ctx), to);
  };
}

const $convert: OpCompiler = (arg, compile) => {
  const named = compileNamed(
    '$convert',
    arg,
    compile,
    ['input', 'to'],
    ['onError', 'onNull', 'format', 'base', 'byteOrder'],
  );
  const input = named.input as CompiledExpr;
  const to = named.to as CompiledExpr;
  return (ctx) => {
    const v = input(ctx);
    if (isNullish(v)) return named.onNull ? named.onNull(ctx) : null;
    const target = targetOf(to(ctx));
    try {
      return CONVERTERS[target](v);
    } catch (e) {
      if (named.onError) return named.onError(ctx);
      throw e;
    }
  };
};

export const convertOps: Readonly<Record<string, OpCompiler>> = {
  $convert,
  $toString: shorthand('string'),
  $toInt: shorthand('int'),
  $toLong: shorthand('long'),
  $toDouble: shorthand('double'),
  $toDecimal: shorthand('decimal'),
  $toBool: shorthand('bool'),
  $toObjectId: shorthand('objectId'),
  $toDate: shorthand('date'),
};

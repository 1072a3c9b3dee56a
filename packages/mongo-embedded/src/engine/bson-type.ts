/**
 * BSON type classification of engine values (see the value model in ./index.ts).
 */

/** MongoDB's type aliases, as `$type` and the aggregation `$type` name them. */
export type BsonTypeName =
  | 'double'
  | 'string'
  | 'object'
  | 'array'
  | 'binData'
  | 'undefined'
  | 'objectId'
  | 'bool'
  | 'date'
  | 'null'
  | 'regex'
  | 'dbPointer'
  | 'javascript'
  | 'symbol'
  | 'javascriptWithScope'
  | 'int'
  | 'timestamp'
  | 'long'
  | 'decimal'
  | 'minKey'
  | 'maxKey';

/** The `$type` alias to BSON type number table. */
export const TYPE_CODES: Readonly<Record<BsonTypeName, number>> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The `_bsontype` tag of a `bson` class instance, or undefined for plain JS values. */
export function bsonTag(v: object): string | undefined {
  const tag = (v as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** A plain sub-document: not an array, Date, RegExp or `bson` class instance. */
export function isDocument(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A JS number is stored as an int32 when integral and in range, else as a double (as `bson` serializes it). */
export function isInt32Number(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

/** The BSON type of a value; `undefined` (a missing field) reports as 'missing'. */
export function bsonTypeOf(v: unknown): BsonTypeName | 'missing' {
  switch (typeof v) {
    case 'undefined':
      return 'missing';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return isInt32Number(v) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'object':
      break;
    default:
      return 'javascript';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (bsonTag(v)) {
    case undefined:
      return 'object';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'BSONSymbol':
      return 'symbol';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'Code':
      return (v as { scope?: unknown }).scope ? 'javascriptWithScope' : 'javascript';
    case 'DBRef':
      return 'object';
    default:
      return 'object';
  }
}

/**
 * MongoDB's canonical type rank: values of different ranks order by rank; numbers share one
 * rank, as do strings and symbols, and null, undefined and missing.
 */
export function canonicalRank(v: unknown): number {
  switch (bsonTypeOf(v)) {
    case 'minKey':
      return 0;
    case 'missing':
    case 'undefined':
    case 'null':
      return 5;
    case 'int':
    case 'long':
    case 'double':
    case 'decimal':
      return 10;
    case 'string':
    case 'symbol':
      return 15;
    case 'object':
      return 20;
    case 'array':
      return 25;
    case 'binData':
      return 30;
    case 'objectId':
      return 35;
    case 'bool':
      return 40;
    case 'date':
      return 45;
    case 'timestamp':
      return 47;
    case 'regex':
      return 50;
    case 'dbPointer':
      return 55;
    case 'javascript':
      return 60;
    case 'javascriptWithScope':
      return 65;
    case 'maxKey':
      return 127;
  }
}

/** Numeric ranks share one bracket; exported for the filter's type bracketing. */
export const NUMBER_RANK = 10;
export const NULL_RANK = 5;

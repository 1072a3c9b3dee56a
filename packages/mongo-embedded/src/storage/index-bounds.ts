import type { Document } from 'bson';
import { isPlainObject } from './document-path.js';

/**
 * What a filter says about one field, as far as an index can use it. Only conditions that every
 * matching document must satisfy are collected (top level and `$and`), so bounds built from them
 * select a superset of the matches; the full filter still runs on each candidate.
 */
export interface FieldBounds {
  /** The field equals one of these values (`{a: 1}`, `$eq`, `$in`). */
  eq?: unknown[];
  /** Inclusive range ends (`$gt`/`$gte`, `$lt`/`$lte`); exclusivity is left to the filter. */
  low?: unknown;
  high?: unknown;
}

export function extractBounds(filter: Document): Map<string, FieldBounds> {
  const bounds = new Map<string, FieldBounds>();
  collect(filter, bounds);
  return bounds;
}

function collect(filter: Document, bounds: Map<string, FieldBounds>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collect(clause, bounds);
      continue;
    }
    // $or, $nor, $expr, ...: ignoring a conjunct only widens the candidate set.
    if (key.startsWith('$')) continue;
    const field = bounds.get(key) ?? {};
    if (isOperatorObject(value)) {
      for (const [op, operand] of Object.entries(value)) addOperator(field, op, operand);
    } else if (isIndexable(value)) {
      field.eq ??= [value];
    }
    if (field.eq !== undefined || field.low !== undefined || field.high !== undefined) {
      bounds.set(key, field);
    }
  }
}

function addOperator(field: FieldBounds, op: string, operand: unknown): void {
  switch (op) {
    case '$eq':
      if (isIndexable(operand)) field.eq ??= [operand];
      break;
    case '$in':
      if (Array.isArray(operand) && operand.length > 0 && operand.every(isIndexable)) {
        field.eq ??= operand;
      }
      break;
    case '$gt':
    case '$gte':
      if (isIndexable(operand)) field.low ??= operand;
      break;
    case '$lt':
    case '$lte':
      if (isIndexable(operand)) field.high ??= operand;
      break;
    default:
      break;
  }
}

function isOperatorObject(value: unknown): value is Document {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Values whose matches are exactly the index entries equal to them. Null also matches missing
 * fields, arrays match whole-array values, regexes match patterns: those fall back to a scan.
 */
function isIndexable(value: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value)) return false;
  if (value instanceof RegExp) return false;
  if (typeof value === 'object' && '_bsontype' in value) {
    const type = (value as { _bsontype: string })._bsontype;
    return type !== 'BSONRegExp' && type !== 'MinKey' && type !== 'MaxKey' && type !== 'Code';
  }
  if (isPlainObject(value)) return !Object.keys(value).some((k) => k.startsWith('$'));
  return true;
}

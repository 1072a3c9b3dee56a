/**
 * Parsing and validation of an operator update (`{$set: …, $inc: …}`) and its `arrayFilters`,
 * with MongoDB's parse-time errors: unknown modifiers, bad arguments, bad paths and
 * conflicting paths.
 */
import type { Document } from 'bson';
import { bsonTypeOf, isDocument } from './bson-type.js';
import { engineError } from './errors.js';
import { compileQuery, type Matcher } from './filter.js';
import { isNumeric, toDouble } from './numeric.js';
import { formatValue, pathsOverlap } from './update-paths.js';

export const UPDATE_OPERATORS = [
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$setOnInsert',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
] as const;

export type UpdateOperator = (typeof UPDATE_OPERATORS)[number];

export interface ParsedOp {
  readonly op: UpdateOperator;
  readonly path: string;
  readonly parts: readonly string[];
  readonly arg: unknown;
  /** The destination of a `$rename`. */
  readonly to?: readonly string[];
}

const IDENTIFIER = /^[a-z][a-zA-Z0-9]*$/;

/** The identifier of an `$[identifier]` component, '' for `$[]`, undefined otherwise. */
export function filterIdentifier(part: string): string | undefined {
  return part.startsWith('$[') && part.endsWith(']') ? part.slice(2, -1) : undefined;
}

function validatePath(path: string, renameRole?: 'source' | 'destination'): string[] {
  if (path === '') throw engineError('EmptyFieldName', 'An empty update path is not valid.');
  const parts = path.split('.');
  let positional = 0;
  parts.forEach((part, i) => {
    if (part === '') {
      throw engineError(
        'EmptyFieldName',
        `The update path '${path}' contains an empty field name, which is not allowed.`,
      );
    }
    if (!part.startsWith('$')) return;
    const id = filterIdentifier(part);
    if (part === '$') positional++;
    else if (id === undefined) {
      throw engineError(
        'DollarPrefixedFieldName',
        `The dollar ($) prefixed field '${part}' in '${path}' is not valid for storage.`,
      );
    } else if (id !== '' && !IDENTIFIER.test(id)) {
      throw engineError(
        'BadValue',
        `The array filter identifier '${id}' in path '${path}' must be an alphanumeric string beginning with a lowercase letter`,
      );
    }
    if (renameRole) {
      throw engineError(
        'BadValue',
        `The ${renameRole} field for $rename may not be dynamic: ${path}`,
      );
    }
    if (i === 0) {
      throw engineError(
        'BadValue',
        part === '$'
          ? `Cannot have positional (i.e. '$') element in the first component in path '${path}'`
          : `Cannot have array filter identifier (i.e. '$[<id>]') element in the first component in path '${path}'`,
      );
    }
  });
  if (positional > 1) {
    throw engineError(
      'BadValue',
      `Too many positional (i.e. '$') elements found in path '${path}'`,
    );
  }
  return parts;
}

const integral = (v: unknown): boolean => isNumeric(v) && Number.isInteger(toDouble(v));

function validatePush(path: string, arg: unknown): void {
  if (!isDocument(arg) || !('$each' in arg)) return;
  for (const [k, v] of Object.entries(arg)) {
    switch (k) {
      case '$each':
        if (!Array.isArray(v)) {
          throw engineError(
            'BadValue',
            `The argument to $each in $push must be an array but it was of type: ${bsonTypeOf(v)}`,
          );
        }
        break;
      case '$slice':
      case '$position':
        if (!integral(v)) {
          throw engineError(
            'BadValue',
            `The value for ${k} must be an integer value but was given type: ${bsonTypeOf(v)}`,
          );
        }
        break;
      case '$sort': {
        const ok = (d: unknown): boolean => integral(d) && Math.abs(toDouble(d)) === 1;
        if (!(
          ok(v) ||
          (isDocument(v) && Object.keys(v).length > 0 && Object.values(v).every(ok))
        )) {
          throw engineError(
            'BadValue',
            'The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields',
          );
        }
        break;
      }
      default:
        throw engineError('BadValue', `Unrecognized clause in $push: ${k} (in ${path})`);
    }
  }
}

function validateArg(op: UpdateOperator, path: string, arg: unknown): void {
  switch (op) {
    case '$inc':
    case '$mul':
      if (!isNumeric(arg)) {
        throw engineError(
          'TypeMismatch',
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`,
        );
      }
      break;
    case '$pop':
      if (!isNumeric(arg) || Math.abs(toDouble(arg)) !== 1) {
        throw engineError('FailedToParse', `$pop expects 1 or -1, found: ${formatValue(arg)}`);
      }
      break;
    case '$currentDate': {
      const ok =
        typeof arg === 'boolean' ||
        (isDocument(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'));
      if (!ok) {
        throw engineError(
          'BadValue',
          isDocument(arg)
            ? "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}"
            : `${bsonTypeOf(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
        );
      }
      break;
    }
    case '$push':
      validatePush(path, arg);
      break;
    case '$addToSet':
      if (isDocument(arg) && '$each' in arg && !Array.isArray(arg.$each)) {
        throw engineError(
          'BadValue',
          `The argument to $each in $addToSet must be an array but it was of type ${bsonTypeOf(arg.$each)}`,
        );
      }
      break;
    case '$pullAll':
      if (!Array.isArray(arg)) {
        throw engineError(
          'BadValue',
          `$pullAll requires an array argument but was given a ${bsonTypeOf(arg)}`,
        );
      }
      break;
    case '$bit': {
      const keys = isDocument(arg) ? Object.keys(arg) : [];
      const valid =
        isDocument(arg) &&
        keys.length > 0 &&
        keys.every((k) => ['and', 'or', 'xor'].includes(k)) &&
        Object.values(arg).every((v) => ['int', 'long'].includes(bsonTypeOf(v)));
      if (!valid) {
        throw engineError(
          'BadValue',
          `The $bit modifier is not compatible with a ${bsonTypeOf(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`,
        );
      }
      break;
    }
    default:
      break;
  }
}

function renameTarget(path: string, arg: unknown): string[] {
  if (typeof arg !== 'string') {
    throw engineError(
      'BadValue',
      `The 'to' field for $rename must be a string: ${path}: ${formatValue(arg)}`,
    );
  }
  const to = validatePath(arg, 'destination');
  if (arg === path) {
    throw engineError(
      'BadValue',
      `The source and target field for $rename must differ: ${path}: "${arg}"`,
    );
  }
  if (pathsOverlap(path.split('.'), to)) {
    throw engineError(
      'BadValue',
      `The source and target field for $rename must not be on the same path: ${path}: "${arg}"`,
    );
  }
  return to;
}

/** Parses an operator update, rejecting overlapping paths (ConflictingUpdateOperators). */
export function parseUpdate(update: Document): ParsedOp[] {
  const ops: ParsedOp[] = [];
  const seen: (readonly string[])[] = [];
  const claim = (parts: readonly string[]): void => {
    for (const other of seen) {
      if (pathsOverlap(parts, other)) {
        const at = (parts.length <= other.length ? parts : other).join('.');
        throw engineError(
          'ConflictingUpdateOperators',
          `Updating the path '${parts.join('.')}' would create a conflict at '${at}'`,
        );
      }
    }
    seen.push(parts);
  };
  for (const [name, spec] of Object.entries(update)) {
    if (!(UPDATE_OPERATORS as readonly string[]).includes(name)) {
      throw engineError(
        'FailedToParse',
        `Unknown modifier: ${name}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const op = name as UpdateOperator;
    if (!isDocument(spec)) {
      throw engineError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${bsonTypeOf(spec)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(spec)}}`,
      );
    }
    for (const [path, arg] of Object.entries(spec)) {
      const parts = validatePath(path, op === '$rename' ? 'source' : undefined);
      validateArg(op, path, arg);
      claim(parts);
      if (op === '$rename') {
        const to = renameTarget(path, arg);
        claim(to);
        ops.push({ op, path, parts, arg, to });
      } else ops.push({ op, path, parts, arg });
    }
  }
  return ops;
}

/** Field names a filter tests, through `$and`/`$or`/`$nor`. */
function filterFields(filter: Document): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (Array.isArray(v))
        for (const sub of v as unknown[]) if (isDocument(sub)) out.push(...filterFields(sub));
    } else if (!k.startsWith('$')) out.push(k);
  }
  return out;
}

/** Compiles `arrayFilters` by identifier; each filter tests `{<identifier>: element}`. */
export function parseArrayFilters(filters: readonly Document[] | undefined): Map<string, Matcher> {
  const out = new Map<string, Matcher>();
  for (const filter of filters ?? []) {
    if (!isDocument(filter))
      throw engineError('FailedToParse', 'arrayFilters entries must be objects');
    const ids = new Set(filterFields(filter).map((f) => f.split('.')[0] as string));
    if (ids.size === 0) {
      throw engineError(
        'FailedToParse',
        'Cannot use an expression without a top-level field name in arrayFilters',
      );
    }
    if (ids.size > 1) {
      const [a, b] = [...ids];
      throw engineError(
        'FailedToParse',
        `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${a}' and '${b}'`,
      );
    }
    const id = [...ids][0] as string;
    if (!IDENTIFIER.test(id)) {
      throw engineError(
        'BadValue',
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
      );
    }
    if (out.has(id)) {
      throw engineError(
        'FailedToParse',
        `Found multiple array filters with the same top-level field name ${id}`,
      );
    }
    out.set(id, compileQuery(filter));
  }
  return out;
}

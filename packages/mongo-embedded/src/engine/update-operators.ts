/**
 * Field update operators: each computes the new value of one concrete path from its current
 * value, keeping numeric types (`$inc` on an Int32 stays Int32 unless it overflows to a Long).
 */
import { Int32, Long, Timestamp } from 'bson';
import { bsonTypeOf, isDocument } from './bson-type.js';
import { bsonEqual, compareValues } from './compare.js';
import { engineError } from './errors.js';
import { addNum, fromNum, multiplyNum, toNum, type Num } from './numeric.js';
import type { ParsedOp } from './update-parse.js';
import { cloneDeep, formatValue, type Lookup } from './update-paths.js';
import { addToSet, pop, pull, pullAll, push } from './update-array-operators.js';
import { idText, NOOP, UNSET, type OpEnv, type OpResult } from './update-result.js';

const lastName = (op: ParsedOp): string => op.parts[op.parts.length - 1] as string;

function arithmetic(op: ParsedOp, current: Lookup, env: OpEnv): OpResult {
  const arg = toNum(op.arg) as Num;
  const verb = op.op === '$inc' ? '$inc' : '$mul';
  if (!current.exists) {
    // A missing field takes the argument ($inc) or a zero of the argument's type ($mul).
    return op.op === '$inc'
      ? cloneDeep(op.arg)
      : fromNum(multiplyNum(arg, { kind: 'int', v: 0 }, 'double') as Num);
  }
  const value = toNum(current.value);
  if (!value) {
    throw engineError(
      'TypeMismatch',
      `Cannot apply ${verb} to a value of non-numeric type. ${idText(env.original)} has the field '${lastName(op)}' of non-numeric type ${bsonTypeOf(current.value)}`,
    );
  }
  const result = op.op === '$inc' ? addNum(arg, value, 'fail') : multiplyNum(arg, value, 'fail');
  if (!result) {
    throw engineError(
      'BadValue',
      `Failed to apply ${verb} operations to current value (${formatValue(current.value)}) for document ${idText(env.original)}`,
    );
  }
  const out = fromNum(result);
  return bsonEqual(out, current.value) ? NOOP : out;
}

function minMax(op: ParsedOp, current: Lookup): OpResult {
  if (!current.exists) return cloneDeep(op.arg);
  const c = compareValues(op.arg, current.value);
  return (op.op === '$min' ? c < 0 : c > 0) ? cloneDeep(op.arg) : NOOP;
}

function currentDate(op: ParsedOp, env: OpEnv): OpResult {
  if (isDocument(op.arg) && op.arg.$type === 'timestamp') {
    return new Timestamp({ t: Math.floor(env.now.getTime() / 1000), i: 1 });
  }
  return new Date(env.now.getTime());
}

const bits = (v: unknown): bigint | undefined => {
  const n = toNum(v);
  return n && (n.kind === 'int' || n.kind === 'long') ? BigInt(n.v) : undefined;
};

function bit(op: ParsedOp, current: Lookup, env: OpEnv): OpResult {
  const spec = op.arg as Record<string, unknown>;
  let value = current.exists ? bits(current.value) : 0n;
  if (value === undefined) {
    throw engineError(
      'BadValue',
      `Cannot apply $bit to a value of non-integral type.${idText(env.original)} has the field ${lastName(op)} of non-integer type ${bsonTypeOf(current.value)}`,
    );
  }
  let long = current.exists && bsonTypeOf(current.value) === 'long';
  for (const [k, v] of Object.entries(spec)) {
    const operand = bits(v) as bigint;
    long ||= bsonTypeOf(v) === 'long';
    value = k === 'and' ? value & operand : k === 'or' ? value | operand : value ^ operand;
  }
  const out = long
    ? Long.fromBigInt(BigInt.asIntN(64, value))
    : new Int32(Number(BigInt.asIntN(32, value)));
  return current.exists && bsonEqual(out, current.value) ? NOOP : out;
}

/** The new value for one concrete path: a value to set, UNSET or NOOP. */
export function computeUpdate(op: ParsedOp, current: Lookup, env: OpEnv): OpResult {
  switch (op.op) {
    case '$set':
      return current.exists && bsonEqual(current.value, op.arg) ? NOOP : cloneDeep(op.arg);
    case '$setOnInsert':
      return env.isUpsertInsert ? cloneDeep(op.arg) : NOOP;
    case '$unset':
      return current.exists ? UNSET : NOOP;
    case '$inc':
    case '$mul':
      return arithmetic(op, current, env);
    case '$min':
    case '$max':
      return minMax(op, current);
    case '$currentDate':
      return currentDate(op, env);
    case '$bit':
      return bit(op, current, env);
    case '$push':
      return push(op, current, env);
    case '$addToSet':
      return addToSet(op, current);
    case '$pop':
      return pop(op, current);
    case '$pull':
      return pull(op, current);
    case '$pullAll':
      return pullAll(op, current);
    case '$rename':
      // Renames move values between two paths; the driver in ./update.ts applies them.
      return NOOP;
  }
}

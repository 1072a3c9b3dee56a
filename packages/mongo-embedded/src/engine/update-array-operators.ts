/** Array update operators: `$push`, `$addToSet`, `$pop`, `$pull`, `$pullAll`. */
import { bsonTypeOf, isDocument } from './bson-type.js';
import { compareValues, valuesEqual } from './compare.js';
import { engineError } from './errors.js';
import { compileQuery } from './filter.js';
import { isNumeric, toDouble } from './numeric.js';
import { parseSort, sortKey } from './sort.js';
import { idText, NOOP, type OpEnv, type OpResult } from './update-result.js';
import type { ParsedOp } from './update-parse.js';
import { cloneDeep, type Lookup } from './update-paths.js';

const lastName = (op: ParsedOp): string => op.parts[op.parts.length - 1] as string;
const int = (v: unknown): number => (isNumeric(v) ? toDouble(v) : 0);

/** Sorts `$push` elements: by whole value (1/-1) or by fields of sub-documents. */
function pushSort(list: unknown[], spec: unknown): void {
  if (isNumeric(spec)) {
    const dir = int(spec);
    list.sort((a, b) => compareValues(a, b) * dir);
    return;
  }
  const fields = parseSort(spec as Record<string, unknown>);
  const keyed = list.map((v) => ({ v, keys: fields.map((f) => sortKey(v, f)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * (fields[i] as { direction: number }).direction;
    }
    return 0;
  });
  keyed.forEach((k, i) => (list[i] = k.v));
}

export function push(op: ParsedOp, current: Lookup, env: OpEnv): OpResult {
  if (current.exists && !Array.isArray(current.value)) {
    throw engineError(
      'BadValue',
      `The field '${lastName(op)}' must be an array but is of type ${bsonTypeOf(current.value)} in document ${idText(env.original)}`,
    );
  }
  const arg = op.arg;
  const modifiers = isDocument(arg) && '$each' in arg ? arg : undefined;
  const items = modifiers ? (modifiers.$each as unknown[]) : [arg];
  let list = current.exists ? [...(current.value as unknown[])] : [];
  const position = modifiers && '$position' in modifiers ? int(modifiers.$position) : undefined;
  const at =
    position === undefined
      ? list.length
      : position < 0
        ? Math.max(0, list.length + position)
        : Math.min(position, list.length);
  list.splice(at, 0, ...items.map(cloneDeep));
  if (modifiers && '$sort' in modifiers) pushSort(list, modifiers.$sort);
  if (modifiers && '$slice' in modifiers) {
    const n = int(modifiers.$slice);
    list = n >= 0 ? list.slice(0, n) : list.slice(Math.max(0, list.length + n));
  }
  return list;
}

export function addToSet(op: ParsedOp, current: Lookup): OpResult {
  if (current.exists && !Array.isArray(current.value)) {
    throw engineError(
      'BadValue',
      `Cannot apply $addToSet to non-array field. Field named '${lastName(op)}' has non-array type ${bsonTypeOf(current.value)}`,
    );
  }
  const arg = op.arg;
  const items = isDocument(arg) && '$each' in arg ? (arg.$each as unknown[]) : [arg];
  const list = current.exists ? [...(current.value as unknown[])] : [];
  const before = list.length;
  for (const item of items) {
    if (!list.some((e) => valuesEqual(e, item))) list.push(cloneDeep(item));
  }
  return current.exists && list.length === before ? NOOP : list;
}

function existingArray(op: ParsedOp, current: Lookup, message: string): unknown[] | undefined {
  if (!current.exists) {
    if (!current.viable && current.blocked) {
      throw engineError(
        'PathNotViable',
        `Cannot use the part (${op.parts[current.blocked.depth]} of ${op.path}) to traverse the element`,
      );
    }
    return undefined;
  }
  if (!Array.isArray(current.value)) throw engineError('BadValue', message);
  return current.value as unknown[];
}

export function pop(op: ParsedOp, current: Lookup): OpResult {
  const list = existingArray(
    op,
    current,
    `Path '${op.path}' contains an element of non-array type '${bsonTypeOf(current.value)}'`,
  );
  if (!list || list.length === 0) return NOOP;
  return int(op.arg) === 1 ? list.slice(0, -1) : list.slice(1);
}

/** What `$pull` removes: query matches for documents and operators, equality otherwise. */
function pullPredicate(arg: unknown): (e: unknown) => boolean {
  if (isDocument(arg)) {
    const first = Object.keys(arg)[0];
    const isOperator = first?.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(first);
    if (isOperator) {
      const match = compileQuery({ v: arg });
      return (e) => match({ v: e });
    }
    const match = compileQuery(arg);
    return (e) => isDocument(e) && match(e);
  }
  if (arg instanceof RegExp || bsonTypeOf(arg) === 'regex') {
    const match = compileQuery({ v: arg });
    return (e) => match({ v: e });
  }
  return (e) => valuesEqual(e, arg);
}

export function pull(op: ParsedOp, current: Lookup): OpResult {
  const list = existingArray(op, current, 'Cannot apply $pull to a non-array value');
  if (!list) return NOOP;
  const remove = pullPredicate(op.arg);
  const kept = list.filter((e) => !remove(e));
  return kept.length === list.length ? NOOP : kept;
}

export function pullAll(op: ParsedOp, current: Lookup): OpResult {
  const list = existingArray(op, current, 'Cannot apply $pullAll to a non-array value');
  if (!list) return NOOP;
  const values = op.arg as unknown[];
  const kept = list.filter((e) => !values.some((v) => valuesEqual(e, v)));
  return kept.length === list.length ? NOOP : kept;
}

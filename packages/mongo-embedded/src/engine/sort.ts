/**
 * Sort specifications (`{a: 1, 'b.c': -1}`) compiled into comparators with MongoDB's rules:
 * BSON order across types, a missing field sorts as null, an array sorts by its smallest element
 * ascending and its largest descending, and an empty array sorts before null.
 */
import type { Document } from 'bson';
import { bsonTag, isDocument } from './bson-type.js';
import { compareValues } from './compare.js';
import { engineError, locationError } from './errors.js';
import { isNumeric, toDouble } from './numeric.js';
import { arrayIndexOf, getField } from './path.js';

/** The sort key of an empty array: below null, above MinKey. */
const EMPTY = Symbol('empty array');

export interface SortField {
  readonly parts: readonly string[];
  readonly direction: 1 | -1;
}

export function parseSort(spec: Document): SortField[] {
  if (!isDocument(spec)) throw engineError('BadValue', 'sort specification must be an object');
  return Object.entries(spec).map(([path, dir]) => {
    if (isDocument(dir) && '$meta' in dir) {
      throw engineError('NotImplemented', `$meta sort is not supported by the embedded server`);
    }
    const d = isNumeric(dir) ? toDouble(dir) : NaN;
    if (d !== 1 && d !== -1) {
      throw locationError(
        15975,
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    }
    if (path === '' || path.split('.').some((p) => p === '')) {
      throw locationError(40352, 'FieldPath cannot be constructed with empty string');
    }
    return { parts: path.split('.'), direction: d };
  });
}

/** Every value a path offers to sorting; leaf arrays contribute their elements. */
function collect(v: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(EMPTY);
      else out.push(...(v as unknown[]));
    } else out.push(v ?? null);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(v)) {
    const idx = arrayIndexOf(part);
    const before = out.length;
    (v as unknown[]).forEach((e, k) => {
      if (isDocument(e)) collect(getField(e, part), parts, i + 1, out);
      else if (k === idx) collect(e, parts, i + 1, out);
    });
    if (out.length === before) out.push(null);
    return;
  }
  if (isDocument(v)) collect(getField(v, part), parts, i + 1, out);
  else out.push(null);
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === EMPTY || b === EMPTY) {
    if (a === b) return 0;
    const other = a === EMPTY ? b : a;
    const otherIsMinKey =
      typeof other === 'object' && other !== null && bsonTag(other) === 'MinKey';
    const emptyFirst = otherIsMinKey ? 1 : -1;
    return a === EMPTY ? emptyFirst : -emptyFirst;
  }
  return compareValues(a, b);
}

/** The key a document sorts by on one field: min (ascending) or max (descending). */
export function sortKey(doc: unknown, field: SortField): unknown {
  const { parts, direction } = field;
  if (parts.length === 1 && isDocument(doc)) {
    const v = getField(doc, parts[0] as string);
    if (!Array.isArray(v)) return v ?? null;
  }
  const values: unknown[] = [];
  collect(doc, parts, 0, values);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    if (compareKeys(values[i], best) * direction < 0) best = values[i];
  }
  return best;
}

export function compileSort(sort: Document): (a: Document, b: Document) => number {
  const fields = parseSort(sort);
  if (fields.length === 0) return () => 0;
  // Keys are computed once per document, not once per comparison.
  const cache = new WeakMap<object, unknown[]>();
  const keysOf = (doc: Document): unknown[] => {
    let keys = cache.get(doc);
    if (!keys) {
      keys = fields.map((f) => sortKey(doc, f));
      cache.set(doc, keys);
    }
    return keys;
  };
  return (a, b) => {
    const ka = keysOf(a);
    const kb = keysOf(b);
    for (let i = 0; i < fields.length; i++) {
      const c = compareKeys(ka[i], kb[i]);
      if (c !== 0) return c * (fields[i] as SortField).direction;
    }
    return 0;
  };
}

/**
 * Sorts documents (stably, into a new array) computing each document's keys once: faster than
 * `docs.sort(compileSort(spec))` on large inputs.
 */
export function sortDocuments<T extends Document>(docs: readonly T[], sort: Document): T[] {
  const fields = parseSort(sort);
  if (fields.length === 0) return [...docs];
  const n = fields.length;
  const keyed = docs.map((doc) => ({ doc, keys: fields.map((f) => sortKey(doc, f)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < n; i++) {
      const c = compareKeys(a.keys[i], b.keys[i]);
      if (c !== 0) return c * (fields[i] as SortField).direction;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

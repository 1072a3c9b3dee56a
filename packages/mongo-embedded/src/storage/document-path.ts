import type { Document } from 'bson';

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp) return false;
  return !('_bsontype' in value);
}

export { isPlainObject };

export interface PathValues {
  values: unknown[];
  hitArray: boolean;
}

const NUMERIC = /^\d+$/;

/**
 * Every value a dotted path reaches, expanding arrays the way MongoDB's index key generator
 * does: `a.b` on `{a: [{b: 1}, {b: 2}]}` gives 1 and 2, and a leaf array gives its elements.
 * `values` is empty when the path is missing. Hot on every indexed write: no closures.
 */
export function collectPathValues(
  doc: Document,
  path: string,
  /** Index keys record an empty array as null; distinct skips it. */
  emptyArrayAsNull = true,
): PathValues {
  const out: PathValues = { values: [], hitArray: false };
  if (!path.includes('.')) {
    if (path in doc) addLeaf(out, doc[path], emptyArrayAsNull);
    return out;
  }
  walk(out, doc, path.split('.'), 0, emptyArrayAsNull);
  return out;
}

function addLeaf(out: PathValues, value: unknown, emptyArrayAsNull: boolean): void {
  if (!Array.isArray(value)) {
    out.values.push(value);
    return;
  }
  out.hitArray = true;
  if (value.length === 0) {
    if (emptyArrayAsNull) out.values.push(null);
    return;
  }
  for (const element of value) out.values.push(element);
}

function walk(
  out: PathValues,
  value: unknown,
  parts: readonly string[],
  index: number,
  emptyArrayAsNull: boolean,
): void {
  if (index === parts.length) {
    addLeaf(out, value, emptyArrayAsNull);
    return;
  }
  const part = parts[index] as string;
  if (Array.isArray(value)) {
    out.hitArray = true;
    if (NUMERIC.test(part)) {
      const element: unknown = value[Number(part)];
      if (element !== undefined) walk(out, element, parts, index + 1, emptyArrayAsNull);
      return;
    }
    for (const element of value) {
      if (isPlainObject(element) && part in element) {
        walk(out, element[part], parts, index + 1, emptyArrayAsNull);
      }
    }
    return;
  }
  if (isPlainObject(value) && part in value) {
    walk(out, value[part], parts, index + 1, emptyArrayAsNull);
  }
}

/** The value at a dotted path without array expansion, or undefined. */
export function getPath(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else if (isPlainObject(value)) value = value[part];
    else return undefined;
  }
  return value;
}

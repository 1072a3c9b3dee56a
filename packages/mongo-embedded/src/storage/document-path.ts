import type { Document } from 'bson';

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp) return false;
  return !('_bsontype' in value);
}

export { isPlainObject };

/**
 * Every value a dotted path reaches, expanding arrays the way MongoDB's index key generator
 * does: `a.b` on `{a: [{b: 1}, {b: 2}]}` gives 1 and 2, and a leaf array gives its elements.
 * Returns `{values, hitArray}`; `values` is empty when the path is missing.
 */
export function collectPathValues(
  doc: Document,
  path: string,
  /** Index keys record an empty array as null; distinct skips it. */
  emptyArrayAsNull = true,
): { values: unknown[]; hitArray: boolean } {
  const parts = path.split('.');
  const values: unknown[] = [];
  let hitArray = false;
  const walk = (value: unknown, index: number): void => {
    if (index === parts.length) {
      if (Array.isArray(value)) {
        hitArray = true;
        if (value.length === 0) {
          if (emptyArrayAsNull) values.push(null);
        } else {
          for (const element of value) values.push(element);
        }
      } else {
        values.push(value);
      }
      return;
    }
    const part = parts[index] ?? '';
    if (Array.isArray(value)) {
      hitArray = true;
      if (/^\d+$/.test(part)) {
        const element: unknown = value[Number(part)];
        if (element !== undefined) walk(element, index + 1);
        return;
      }
      for (const element of value) {
        if (isPlainObject(element) && part in element) walk(element[part], index + 1);
      }
      return;
    }
    if (isPlainObject(value) && part in value) walk(value[part], index + 1);
  };
  walk(doc, 0);
  return { values, hitArray };
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

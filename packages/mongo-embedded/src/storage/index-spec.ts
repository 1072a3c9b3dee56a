import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';

/** An index as listIndexes shows it; extra options are kept as given. */
export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

export interface IndexField {
  readonly path: string;
  /** 1 ascending, -1 descending. */
  readonly direction: 1 | -1;
}

export const ID_INDEX_NAME = '_id_';

export function idIndexSpec(): IndexSpec {
  return { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME };
}

export function indexFields(key: Document): IndexField[] {
  const fields = Object.entries(key).map(([path, value]) => {
    const n = asNumber(value);
    if (n === undefined || n === 0 || Number.isNaN(n)) {
      throw mongoError(
        'CannotCreateIndex',
        `Unsupported index type or value for field '${path}': ${String(value)}`,
      );
    }
    return { path, direction: n < 0 ? -1 : 1 } as const;
  });
  if (fields.length === 0) throw mongoError('CannotCreateIndex', 'Index keys cannot be empty.');
  return fields;
}

/** MongoDB's default index name: `a_1_b_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([path, value]) => `${path}_${String(asNumber(value) ?? value)}`)
    .join('_');
}

/** Normalizes a createIndexes entry into a stored spec. */
export function normalizeIndexSpec(raw: Document): IndexSpec {
  const key: unknown = raw.key;
  if (key === null || typeof key !== 'object' || Array.isArray(key)) {
    throw mongoError(
      'FailedToParse',
      "The 'key' field is a required property of an index specification",
    );
  }
  indexFields(key);
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  if (name === undefined || name.length === 0) {
    throw mongoError(
      'FailedToParse',
      "The 'name' field is a required property of an index specification",
    );
  }
  const spec: IndexSpec = { v: 2, key: key, name };
  for (const [option, value] of Object.entries(raw)) {
    if (option === 'v' || option === 'key' || option === 'name' || option === 'ns') continue;
    if (option === 'unique' || option === 'sparse') {
      if (value === true || asNumber(value) === 1) spec[option] = true;
      continue;
    }
    spec[option] = value as unknown;
  }
  return spec;
}

/** True when two specs describe the same index (same key and the options that matter). */
export function sameIndexOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    Boolean(a.unique) === Boolean(b.unique) &&
    Boolean(a.sparse) === Boolean(b.sparse) &&
    JSON.stringify(a.partialFilterExpression ?? null) ===
      JSON.stringify(b.partialFilterExpression ?? null)
  );
}

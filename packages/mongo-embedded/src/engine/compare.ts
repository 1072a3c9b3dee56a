/**
 * MongoDB's BSON comparison: values of different types order by canonical type
 * (MinKey < null < numbers < strings < objects < arrays < BinData < ObjectId < bool < Date <
 * Timestamp < RegExp < Code < MaxKey); numbers compare by value across their four types.
 */
import type { Binary, BSONSymbol, Code, DBRef, ObjectId, Timestamp } from 'bson';
import type { CompareFn } from './index.js';
import { bsonTag, bsonTypeOf, canonicalRank } from './bson-type.js';
import { toNum } from './numeric.js';
import { compareNumbers, numberKey } from './numeric-exact.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Binary (UTF-8 byte) order; UTF-16 code units disagree with it only around surrogates. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) return fixup(x) < fixup(y) ? -1 : 1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

// Surrogates encode code points above U+FFFF, so they sort after U+E000..U+FFFF in UTF-8.
const fixup = (c: number): number => (c >= 0xe000 ? c - 0x800 : c + 0x2000);

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : (v as BSONSymbol).value;
}

/** The fields of a document-like value (a DBRef compares as its `{$ref, $id, $db}` form). */
export function fieldsOf(v: unknown): [string, unknown][] {
  if (typeof v === 'object' && v !== null && bsonTag(v) === 'DBRef') {
    const ref = v as DBRef;
    return Object.entries({
      $ref: ref.collection,
      $id: ref.oid,
      ...(ref.db ? { $db: ref.db } : {}),
      ...ref.fields,
    });
  }
  return Object.entries(v as object);
}

function compareDocuments(a: unknown, b: unknown): number {
  const ea = fieldsOf(a);
  const eb = fieldsOf(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) {
    const [ka, va] = ea[i] as [string, unknown];
    const [kb, vb] = eb[i] as [string, unknown];
    const ra = canonicalRank(va);
    const rb = canonicalRank(vb);
    if (ra !== rb) return ra < rb ? -1 : 1;
    const byName = compareStrings(ka, kb);
    if (byName !== 0) return byName;
    const byValue = compareValues(va, vb);
    if (byValue !== 0) return byValue;
  }
  return sign(ea.length - eb.length);
}

function compareArrays(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return sign(a.length - b.length);
}

const binaryBytes = (b: Binary): Uint8Array => b.buffer.subarray(0, b.position);

function compareBinary(a: Binary, b: Binary): number {
  const ba = binaryBytes(a);
  const bb = binaryBytes(b);
  if (ba.length !== bb.length) return ba.length < bb.length ? -1 : 1;
  if (a.sub_type !== b.sub_type) return a.sub_type < b.sub_type ? -1 : 1;
  return compareBytes(ba, bb);
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}

/** The double of a JS number or an Int32/Double, for the common fast path. */
function plainDouble(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null) {
    const tag = bsonTag(v);
    if (tag === 'Int32' || tag === 'Double') return (v as { value: number }).value;
  }
  return undefined;
}

export const compareValues: CompareFn = (a, b) => {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const da = plainDouble(a);
  if (da !== undefined) {
    const db = plainDouble(b);
    if (db !== undefined && !Number.isNaN(da) && !Number.isNaN(db))
      return da < db ? -1 : da > db ? 1 : 0;
  }
  const ra = canonicalRank(a);
  const rb = canonicalRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 10:
      return compareNumbers(a, b);
    case 15:
      return compareStrings(stringOf(a), stringOf(b));
    case 20:
      return compareDocuments(a, b);
    case 25:
      return compareArrays(a as unknown[], b as unknown[]);
    case 30:
      return compareBinary(a as Binary, b as Binary);
    case 35:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 40:
      return a === b ? 0 : a ? 1 : -1;
    case 45:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 47: {
      const ta = a as Timestamp;
      const tb = b as Timestamp;
      return ta.t !== tb.t ? sign(ta.t - tb.t) : sign(ta.i - tb.i);
    }
    case 50: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    case 60:
    case 65: {
      const byCode = compareStrings((a as Code).code, (b as Code).code);
      return byCode || compareValues((a as Code).scope ?? null, (b as Code).scope ?? null);
    }
    default:
      // MinKey, MaxKey, and null/undefined/missing are each equal among themselves.
      return 0;
  }
};

/** Equality as MongoDB's comparison sees it: Long(2), 2 and Double(2.0) are equal. */
export const valuesEqual = (a: unknown, b: unknown): boolean =>
  a === b || compareValues(a, b) === 0;

/**
 * Type-sensitive identity, as MongoDB's binary comparison: Int32(1) is not Double(1), field
 * order matters. Used to tell a no-op update from a real one.
 */
export function bsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = bsonTypeOf(a);
  if (ta !== bsonTypeOf(b)) return false;
  switch (ta) {
    case 'int':
    case 'long':
    case 'double':
    case 'decimal': {
      const na = toNum(a);
      const nb = toNum(b);
      if (!na || !nb) return false;
      if (na.kind === 'decimal' || nb.kind === 'decimal') {
        return String(a) === String(b);
      }
      return Object.is(na.v, nb.v);
    }
    case 'array': {
      const xa = a as unknown[];
      const xb = b as unknown[];
      return xa.length === xb.length && xa.every((v, i) => bsonEqual(v, xb[i]));
    }
    case 'object': {
      const ea = fieldsOf(a);
      const eb = fieldsOf(b);
      return (
        ea.length === eb.length &&
        ea.every(([k, v], i) => {
          const other = eb[i];
          return other !== undefined && other[0] === k && bsonEqual(v, other[1]);
        })
      );
    }
    case 'symbol':
      return stringOf(a) === stringOf(b);
    default:
      return compareValues(a, b) === 0;
  }
}

/**
 * A hash key that is equal exactly when `valuesEqual` holds, for grouping (`$group`,
 * `$addToSet`, `distinct`) without pairwise comparison.
 */
export function valueKey(v: unknown): string {
  switch (canonicalRank(v)) {
    case 0:
      return 'm';
    case 5:
      return 'n';
    case 10:
      return `N${numberKey(v)}`;
    case 15:
      return `S${JSON.stringify(stringOf(v))}`;
    case 20:
      return `{${fieldsOf(v)
        .map(([k, x]) => `${JSON.stringify(k)}:${valueKey(x)}`)
        .join(',')}}`;
    case 25:
      return `[${(v as unknown[]).map(valueKey).join(',')}]`;
    case 30: {
      const b = v as Binary;
      return `B${b.sub_type}:${Buffer.from(binaryBytes(b)).toString('hex')}`;
    }
    case 35: {
      // Six 16-bit chars instead of hex: no Buffer per key (DataLoader `$in` lists are hot).
      const b = (v as ObjectId).id;
      let key = 'O';
      for (let i = 0; i < 12; i += 2)
        key += String.fromCharCode(((b[i] as number) << 8) | (b[i + 1] as number));
      return key;
    }
    case 40:
      return v ? 't' : 'f';
    case 45:
      return `D${(v as Date).getTime()}`;
    case 47:
      return `T${(v as Timestamp).t}:${(v as Timestamp).i}`;
    case 50:
      return `R${JSON.stringify(regexParts(v))}`;
    case 127:
      return 'M';
    default:
      return `C${(v as Code).code}:${valueKey((v as Code).scope ?? null)}`;
  }
}

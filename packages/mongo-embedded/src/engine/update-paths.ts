/**
 * Concrete paths for updates: reading, creating and removing fields along dotted paths with
 * MongoDB's rules (numeric components index arrays, arrays are padded with nulls, a scalar in
 * the way makes the path non-viable), plus deep cloning and a shell-like value formatter for
 * error messages.
 */
import type { Long, ObjectId } from 'bson';
import { bsonTag, isDocument } from './bson-type.js';
import { engineError } from './errors.js';
import { toDouble } from './numeric.js';
import { arrayIndexOf } from './path.js';

export type Container = Record<string, unknown> | unknown[];

export interface Lookup {
  /** The value at the path, undefined when missing. */
  readonly value: unknown;
  readonly exists: boolean;
  /** False when a scalar sits where the path needs a container. */
  readonly viable: boolean;
  /** The deepest existing container on the path and the component that leaves it. */
  readonly blocked?: { readonly depth: number; readonly value: unknown };
}

/** Deep copy of arrays and sub-documents; other values are immutable and shared. */
export function cloneDeep<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneDeep(v[i] as unknown);
    return out as T;
  }
  if (isDocument(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = cloneDeep(v[k]);
    return out as T;
  }
  return v;
}

function child(c: unknown, part: string): { found: boolean; value: unknown; container: boolean } {
  if (isDocument(c)) {
    const found = Object.hasOwn(c, part);
    return { found, value: found ? c[part] : undefined, container: true };
  }
  if (Array.isArray(c)) {
    const idx = arrayIndexOf(part);
    if (idx < 0) return { found: false, value: undefined, container: false };
    return { found: idx < c.length, value: c[idx], container: true };
  }
  return { found: false, value: undefined, container: false };
}

export function lookup(doc: unknown, parts: readonly string[]): Lookup {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const step = child(cur, parts[i] as string);
    if (!step.container)
      return { value: undefined, exists: false, viable: false, blocked: { depth: i, value: cur } };
    if (!step.found) return { value: undefined, exists: false, viable: true };
    cur = step.value;
  }
  return { value: cur, exists: true, viable: true };
}

/** The last field name of a path prefix, for messages such as "in element {a: 5}". */
function elementText(parts: readonly string[], depth: number, value: unknown): string {
  return depth === 0 ? formatValue(value) : `{${parts[depth - 1]}: ${formatValue(value)}}`;
}

/** Sets a value, creating missing sub-documents and padding arrays with nulls. */
export function setAt(
  doc: Record<string, unknown>,
  parts: readonly string[],
  value: unknown,
): void {
  let cur: Container = doc;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    if (Array.isArray(cur)) {
      const idx = arrayIndexOf(part);
      if (idx < 0) {
        throw engineError(
          'PathNotViable',
          `Cannot create field '${part}' in element ${elementText(parts, i, cur)}`,
        );
      }
      while (cur.length < idx) cur.push(null);
      if (last) {
        cur[idx] = value;
        return;
      }
      if (idx === cur.length) {
        const created = {};
        cur.push(created);
        cur = created;
        continue;
      }
      const next: unknown = cur[idx];
      if (isDocument(next) || Array.isArray(next)) cur = next;
      else {
        throw engineError(
          'PathNotViable',
          `Cannot create field '${parts[i + 1]}' in element {${part}: ${formatValue(next)}}`,
        );
      }
      continue;
    }
    if (last) {
      cur[part] = value;
      return;
    }
    const next: unknown = Object.hasOwn(cur, part) ? cur[part] : undefined;
    if (next === undefined) {
      const created = {};
      cur[part] = created;
      cur = created;
    } else if (isDocument(next) || Array.isArray(next)) cur = next;
    else {
      throw engineError(
        'PathNotViable',
        `Cannot create field '${parts[i + 1]}' in element {${part}: ${formatValue(next)}}`,
      );
    }
  }
}

/** Removes a field; an array element is set to null instead, as `$unset` does. */
export function unsetAt(doc: Record<string, unknown>, parts: readonly string[]): void {
  const parent = lookup(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1] as string;
  if (isDocument(parent.value)) delete parent.value[last];
  else if (Array.isArray(parent.value)) {
    const idx = arrayIndexOf(last);
    if (idx >= 0 && idx < parent.value.length) parent.value[idx] = null;
  }
}

/** A value in the mongo shell's notation, for error messages. */
export function formatValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return typeof v;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (isDocument(v)) {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${formatValue(x)}`)
      .join(', ')} }`;
  }
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return String(v);
  switch (bsonTag(v)) {
    case 'Int32':
    case 'Double':
      return String(toDouble(v));
    case 'Long':
    case 'Decimal128':
      return (v as Long).toString();
    case 'ObjectId':
      return `ObjectId('${(v as ObjectId).toHexString()}')`;
    default:
      return JSON.stringify(v) ?? '?';
  }
}

/** MongoDB's update field order: numeric names numerically, other names bytewise. */
export function compareComponents(a: string, b: string): number {
  const da = /^\d+$/.test(a);
  const db = /^\d+$/.test(b);
  if (da && db) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareComponents(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** True when one path equals or is a prefix of the other. */
export function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Dotted-path traversal with MongoDB's query semantics: arrays met along the path are traversed
 * implicitly (each sub-document element continues the path), a numeric component also indexes
 * the array, a leaf array offers its elements as well as itself, and a path that runs into a
 * scalar or a missing field yields "missing" (undefined).
 */
import { isDocument } from './bson-type.js';

/** The array position that made a match, for the positional `$` update and projection. */
export interface MatchDetails {
  position: number | undefined;
}

export type Pred = (value: unknown, details?: MatchDetails) => boolean;

export interface CompiledPath {
  readonly dotted: string;
  readonly parts: readonly string[];
  /** The array index each component names, or -1. */
  readonly indexes: readonly number[];
}

/** An array offset component: all digits, without leading zeros (MongoDB matches by name). */
export function arrayIndexOf(part: string): number {
  if (!/^\d+$/.test(part)) return -1;
  const n = Number(part);
  return String(n) === part ? n : -1;
}

export function compilePath(dotted: string): CompiledPath {
  const parts = dotted.split('.');
  return { dotted, parts, indexes: parts.map(arrayIndexOf) };
}

/** An own field of a sub-document (never an inherited property such as `constructor`). */
export function getField(doc: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(doc, name) ? doc[name] : undefined;
}

// The traversal is written as top-level functions with explicit parameters: closures created per
// call are costly in hot loops (the server filters up to 100k documents per query).

function matchLeaf(
  v: unknown,
  pos: number,
  expandLeaf: boolean,
  pred: Pred,
  details: MatchDetails | undefined,
): boolean {
  if (expandLeaf && Array.isArray(v)) {
    for (let k = 0; k < v.length; k++) {
      if (pred(v[k], details)) {
        if (details) details.position = pos >= 0 ? pos : k;
        return true;
      }
    }
  }
  if (pred(v, details)) {
    if (details && pos >= 0) details.position = pos;
    return true;
  }
  return false;
}

function walk(
  v: unknown,
  path: CompiledPath,
  i: number,
  pos: number,
  expandLeaf: boolean,
  pred: Pred,
  details: MatchDetails | undefined,
): boolean {
  const { parts, indexes } = path;
  const n = parts.length;
  if (i === n) return matchLeaf(v, pos, expandLeaf, pred, details);
  const part = parts[i] as string;
  if (Array.isArray(v)) {
    const idx = indexes[i] as number;
    for (let k = 0; k < v.length; k++) {
      const e: unknown = v[k];
      if (
        isDocument(e) &&
        walk(getField(e, part), path, i + 1, pos >= 0 ? pos : k, expandLeaf, pred, details)
      ) {
        return true;
      }
      if (k !== idx) continue;
      // An explicit offset ("a.0") is not an implicit traversal: it keeps the outer position,
      // and the element it names is not expanded when the path ends there.
      if (i + 1 === n) {
        if (pred(e, details)) {
          if (details && pos >= 0) details.position = pos;
          return true;
        }
      } else if (
        (isDocument(e) || Array.isArray(e)) &&
        walk(e, path, i + 1, pos, expandLeaf, pred, details)
      ) {
        return true;
      }
    }
    return false;
  }
  if (isDocument(v)) return walk(getField(v, part), path, i + 1, pos, expandLeaf, pred, details);
  return matchLeaf(undefined, pos, expandLeaf, pred, details);
}

/**
 * True when `pred` holds for some value the path reaches in `doc`. With `expandLeaf`, a leaf
 * array's elements are tried before the array itself. When `details` is given, it receives the
 * position in the outermost implicitly traversed array of the first match.
 */
export function anyAtPath(
  doc: unknown,
  path: CompiledPath,
  expandLeaf: boolean,
  pred: Pred,
  details?: MatchDetails,
): boolean {
  if (path.parts.length === 1 && isDocument(doc)) {
    return matchLeaf(getField(doc, path.dotted), -1, expandLeaf, pred, details);
  }
  return walk(doc, path, 0, -1, expandLeaf, pred, details);
}

/**
 * The value at a dotted path without array traversal except explicit offsets (as `$sort` keys,
 * `$group` ids and update paths read it). Missing is undefined.
 */
export function getPathValue(doc: unknown, parts: readonly string[]): unknown {
  let v: unknown = doc;
  for (const part of parts) {
    if (isDocument(v)) v = getField(v, part);
    else if (Array.isArray(v)) {
      const idx = arrayIndexOf(part);
      if (idx < 0) return undefined;
      v = v[idx];
    } else return undefined;
  }
  return v;
}

/**
 * A copy of `doc` with the field at a dotted path set (or removed when `value` is undefined);
 * only the sub-documents along the path are copied. Non-documents in the way are replaced.
 */
export function withPath(
  doc: Record<string, unknown>,
  parts: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = parts as [string, ...string[]];
  const out = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = getField(doc, head);
  out[head] = withPath(isDocument(child) ? child : {}, rest, value);
  return out;
}

/** The value at a dotted path through sub-documents only (arrays stop the walk). */
export function getDocumentPath(doc: unknown, parts: readonly string[]): unknown {
  let v = doc;
  for (const part of parts) {
    if (!isDocument(v)) return undefined;
    v = getField(v, part);
  }
  return v;
}

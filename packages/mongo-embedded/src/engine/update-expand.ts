/**
 * Preparing an operator update: parsing once per update object, then expanding `$`, `$[]` and
 * `$[identifier]` into the concrete paths they stand for in one document, in application order.
 */
import type { Document } from 'bson';
import { isDocument } from './bson-type.js';
import { engineError } from './errors.js';
import { matchPosition, type Matcher } from './filter.js';
import type { UpdateOptions } from './index.js';
import { filterIdentifier, parseArrayFilters, parseUpdate, type ParsedOp } from './update-parse.js';
import { comparePaths, formatValue, pathsOverlap } from './update-paths.js';

function childOf(v: unknown, part: string): unknown {
  if (isDocument(v)) return Object.hasOwn(v, part) ? v[part] : undefined;
  if (Array.isArray(v) && /^\d+$/.test(part)) return (v as unknown[])[Number(part)];
  return undefined;
}

interface Expansion {
  readonly position: () => number;
  readonly filters: ReadonlyMap<string, Matcher>;
}

/** The concrete paths a template path with `$`, `$[]` or `$[id]` stands for in `doc`. */
function expand(doc: Document, parts: readonly string[], ex: Expansion): string[][] {
  if (!parts.some((p) => p.startsWith('$'))) return [[...parts]];
  const out: string[][] = [];
  const walk = (v: unknown, i: number, prefix: string[]): void => {
    if (i === parts.length) {
      out.push(prefix);
      return;
    }
    const part = parts[i] as string;
    if (part === '$') {
      const p = String(ex.position());
      walk(childOf(v, p), i + 1, [...prefix, p]);
      return;
    }
    const id = filterIdentifier(part);
    if (id === undefined) {
      walk(childOf(v, part), i + 1, [...prefix, part]);
      return;
    }
    if (v === undefined) {
      throw engineError(
        'BadValue',
        `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
      );
    }
    if (!Array.isArray(v)) {
      throw engineError(
        'BadValue',
        `Cannot apply array updates to non-array element ${prefix[prefix.length - 1]}: ${formatValue(v)}`,
      );
    }
    const match = id === '' ? undefined : ex.filters.get(id);
    (v as unknown[]).forEach((e, k) => {
      if (!match || match({ [id]: e })) walk(e, i + 1, [...prefix, String(k)]);
    });
  };
  walk(doc, 0, []);
  return out;
}

function checkIdentifiers(
  ops: readonly ParsedOp[],
  filters: ReadonlyMap<string, Matcher>,
  update: Document,
): void {
  const used = new Set<string>();
  for (const op of ops) {
    for (const part of op.parts) {
      const id = filterIdentifier(part);
      if (!id) continue;
      if (!filters.has(id)) {
        throw engineError(
          'BadValue',
          `No array filter found for identifier '${id}' in path '${op.path}'`,
        );
      }
      used.add(id);
    }
  }
  for (const id of filters.keys()) {
    if (!used.has(id)) {
      throw engineError(
        'FailedToParse',
        `The array filter for identifier '${id}' was not used in the update ${formatValue(update)}`,
      );
    }
  }
}

export interface PreparedUpdate {
  readonly ops: readonly ParsedOp[];
  /** The ops in application order (valid when no path is dynamic). */
  readonly sorted: readonly ParsedOp[];
  /** Some path uses `$`, `$[]` or `$[id]`. */
  readonly dynamic: boolean;
  readonly filters: ReadonlyMap<string, Matcher>;
}

/** Fields are created in MongoDB's order: sorted by path, numeric components numerically. */
function applicationOrder(ops: readonly ParsedOp[]): ParsedOp[] {
  const key = (op: ParsedOp): readonly string[] => op.to ?? op.parts;
  return [...ops].sort((a, b) => comparePaths(key(a), key(b)));
}

const preparedCache = new WeakMap<object, { filters: unknown; prepared: PreparedUpdate }>();

/** Parses an update once per update object (updateMany applies one update to many documents). */
export function prepare(
  spec: Document,
  arrayFilters: readonly Document[] | undefined,
): PreparedUpdate {
  const hit = preparedCache.get(spec);
  if (hit && hit.filters === arrayFilters) return hit.prepared;
  const ops = parseUpdate(spec);
  const filters = parseArrayFilters(arrayFilters);
  checkIdentifiers(ops, filters, spec);
  const dynamic = ops.some((op) => op.parts.some((p) => p.startsWith('$')));
  const prepared = { ops, sorted: applicationOrder(ops), dynamic, filters };
  preparedCache.set(spec, { filters: arrayFilters, prepared });
  return prepared;
}

/** The concrete paths of an update with `$`, `$[]` or `$[id]`, checked for runtime conflicts. */
export function expandAll(
  original: Document,
  doc: Document,
  prepared: PreparedUpdate,
  options: UpdateOptions,
): ParsedOp[] {
  let position: number | undefined;
  const ex: Expansion = {
    filters: prepared.filters,
    position: () => {
      position ??= options.query ? matchPosition(options.query, original) : undefined;
      if (position === undefined) {
        throw engineError(
          'BadValue',
          'The positional operator did not find the match needed from the query.',
        );
      }
      return position;
    },
  };
  const concrete: ParsedOp[] = [];
  for (const op of prepared.ops) {
    if (op.op === '$setOnInsert' && !options.isUpsertInsert) continue;
    for (const parts of expand(doc, op.parts, ex))
      concrete.push({ ...op, parts, path: parts.join('.') });
  }
  const sorted = applicationOrder(concrete);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as ParsedOp;
    const b = sorted[i] as ParsedOp;
    if (pathsOverlap(a.parts, b.parts)) {
      throw engineError('ConflictingUpdateOperators', `Update created a conflict at '${a.path}'`);
    }
  }
  return sorted;
}

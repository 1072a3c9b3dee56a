/**
 * Updates: operator updates (parsed, expanded over `$`, `$[]` and `$[id]` into concrete paths,
 * then applied in MongoDB's field order so new fields appear sorted), pipeline-style updates,
 * and the seed document of an upsert.
 */
import type { Document } from 'bson';
import { isDocument } from './bson-type.js';
import { bsonEqual } from './compare.js';
import { engineError } from './errors.js';
import type { UpdateOptions } from './index.js';
import { runPipeline } from './pipeline.js';
import { isRegexValue } from './regex.js';
import { computeUpdate } from './update-operators.js';
import { expandAll, prepare } from './update-expand.js';
import type { ParsedOp } from './update-parse.js';
import {
  cloneDeep,
  comparePaths,
  formatValue,
  lookup,
  pathsOverlap,
  setAt,
  unsetAt,
} from './update-paths.js';
import { NOOP, UNSET, type OpEnv } from './update-result.js';

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

/** Rejects a `$rename` path that goes through an array. */
function checkRenamePath(
  doc: Document,
  parts: readonly string[],
  role: 'source' | 'destination',
): void {
  let v: unknown = doc;
  for (let i = 0; i < parts.length - 1 && isDocument(v); i++) {
    v = v[parts[i] as string];
    if (Array.isArray(v)) {
      throw engineError(
        'BadValue',
        `The ${role} field cannot be an array element, '${parts.join('.')}' in doc with ${parts[i]}: ${formatValue(v)}`,
      );
    }
  }
}

function checkId(out: Document, parts: readonly string[], env: OpEnv): void {
  if (parts[0] !== '_id' || !Object.hasOwn(env.original, '_id')) return;
  if (!bsonEqual(out._id, env.original._id)) {
    throw engineError(
      'ImmutableField',
      `Performing an update on the path '${parts.join('.')}' would modify the immutable field '_id'`,
    );
  }
}

function applyOne(out: Document, op: ParsedOp, env: OpEnv): void {
  if (op.op === '$rename') {
    const to = op.to as readonly string[];
    checkRenamePath(out, op.parts, 'source');
    const source = lookup(out, op.parts);
    if (!source.exists) return;
    checkRenamePath(out, to, 'destination');
    unsetAt(out, op.parts);
    unsetAt(out, to);
    setAt(out, to, source.value);
    checkId(out, op.parts, env);
    checkId(out, to, env);
    return;
  }
  const result = computeUpdate(op, lookup(out, op.parts), env);
  if (result === NOOP) return;
  if (result === UNSET) unsetAt(out, op.parts);
  else setAt(out, op.parts, result);
  checkId(out, op.parts, env);
}

function moveIdFirst(doc: Document): Document {
  if (!Object.hasOwn(doc, '_id') || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest }: Record<string, unknown> = doc;
  return { _id, ...rest };
}

function applyPipelineUpdate(
  doc: Document,
  stages: readonly Document[],
  options: UpdateOptions,
): Document {
  for (const stage of stages) {
    const name = isDocument(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
      throw engineError(
        'InvalidOptions',
        `${name ?? 'stage'} is not allowed to be used within an update`,
      );
    }
  }
  const now = options.now ?? new Date();
  const [result] = runPipeline([cloneDeep(doc)], stages, { collection: () => [], now });
  let out = result ?? {};
  if (Object.hasOwn(doc, '_id')) {
    if (!Object.hasOwn(out, '_id')) out = { _id: doc._id as unknown, ...out };
    else if (!bsonEqual(out._id, doc._id)) {
      throw engineError(
        'ImmutableField',
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(out._id)}`,
      );
    }
  }
  return options.isUpsertInsert ? moveIdFirst(out) : out;
}

/**
 * Applies an operator update (`{ $set: … }`) or an aggregation-pipeline update (array) and
 * returns a new document; the input is not mutated. A replacement document is handled by the
 * caller (see isReplacement).
 */
export function applyUpdate(
  doc: Document,
  update: Document | readonly Document[],
  options: UpdateOptions,
): Document {
  if (Array.isArray(update))
    return applyPipelineUpdate(doc, update as readonly Document[], options);
  const spec = update as Document;
  if (Object.keys(spec).length === 0 || isReplacement(spec)) {
    throw engineError('FailedToParse', 'Update document requires atomic operators');
  }
  const prepared = prepare(spec, options.arrayFilters);
  const env: OpEnv = {
    original: doc,
    isUpsertInsert: options.isUpsertInsert,
    now: options.now ?? new Date(),
  };
  const out = cloneDeep(doc);
  const concrete = prepared.dynamic ? expandAll(doc, out, prepared, options) : prepared.sorted;
  for (const op of concrete) applyOne(out, op, env);
  return options.isUpsertInsert ? moveIdFirst(out) : out;
}

/** True when `update` is a replacement document (no top-level `$` keys). Mixed keys throw FailedToParse. */
export function isReplacement(update: Document | readonly Document[]): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return true;
  if (operators.length === keys.length) return false;
  const field = keys.find((k) => !k.startsWith('$')) as string;
  throw engineError(
    'FailedToParse',
    keys[0]?.startsWith('$')
      ? `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`
      : `The dollar ($) prefixed field '${operators[0]}' in '${operators[0]}' is not valid for storage.`,
  );
}

/** The base document of an upsert: the equality conditions of the query (`{a: 1, 'b.c': 2, $and: [...]}`). */
export function upsertSeed(query: Document): Document {
  const fields: [string[], unknown][] = [];
  const visit = (q: Document): void => {
    for (const [key, value] of Object.entries(q)) {
      // A one-clause $or is an equality as good as $and's.
      if (key === '$and' || (key === '$or' && Array.isArray(value) && value.length === 1)) {
        if (Array.isArray(value))
          for (const sub of value as unknown[]) if (isDocument(sub)) visit(sub);
        continue;
      }
      if (key.startsWith('$') || isRegexValue(value)) continue;
      if (isDocument(value) && Object.keys(value)[0]?.startsWith('$')) {
        if ('$eq' in value && !isRegexValue(value.$eq)) fields.push([key.split('.'), value.$eq]);
        continue;
      }
      fields.push([key.split('.'), value]);
    }
  };
  visit(query);
  fields.sort(([a], [b]) =>
    (a[0] === '_id') === (b[0] === '_id') ? comparePaths(a, b) : a[0] === '_id' ? -1 : 1,
  );
  const seed: Document = {};
  for (let i = 0; i < fields.length; i++) {
    const [parts, value] = fields[i] as [string[], unknown];
    const prev = fields[i - 1];
    if (prev && pathsOverlap(prev[0], parts)) {
      const [a, b] = [prev[0].join('.'), parts.join('.')];
      throw engineError(
        'NotSingleValueField',
        a === b
          ? `cannot infer query fields to set, path '${a}' is matched twice`
          : `cannot infer query fields to set, both paths '${b}' and '${a}' are matched`,
      );
    }
    setAt(seed, parts, cloneDeep(value));
  }
  return seed;
}

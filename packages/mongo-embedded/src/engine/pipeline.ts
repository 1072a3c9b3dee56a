/**
 * Aggregation pipelines, compiled once per run into stage functions over document arrays.
 * `$lookup` sub-pipelines are compiled once and re-run per input document with its `let`
 * variables.
 */
import { Int32, type Document } from 'bson';
import { bsonTypeOf, isDocument } from './bson-type.js';
import { engineError, locationError } from './errors.js';
import { compileQuery } from './filter.js';
import type { PipelineContext } from './index.js';
import { isNumeric, toDouble } from './numeric.js';
import { groupStage, sortByCountStage } from './pipeline-group.js';
import { facetStage, lookupStage, unionWithStage, unwindStage } from './pipeline-join.js';
import { compileProjection, compileUnset } from './projection.js';
import { compileSort } from './sort.js';
import { evaluator, type CompiledPipeline, type StageCompiler } from './pipeline-stage.js';

export type { CompiledPipeline, RunEnv, Stage, StageCompiler } from './pipeline-stage.js';

const match: StageCompiler = (spec) => {
  if (!isDocument(spec))
    throw locationError(15959, 'the match filter must be an expression in an object');
  const m = compileQuery(spec);
  return (docs, env) => docs.filter((d) => m(d, undefined, env));
};

const project: StageCompiler = (spec, name) => {
  if (!isDocument(spec)) throw locationError(15969, `${name} specification must be an object`);
  const p = compileProjection(spec, name === '$project' ? 'project' : 'addFields');
  return (docs, env) => docs.map((d) => p(d, env));
};

const unset: StageCompiler = (spec) => {
  const p = compileUnset(spec);
  return (docs) => docs.map((d) => p(d));
};

const replaceRoot: StageCompiler = (spec, name) => {
  let expr: unknown = spec;
  if (name === '$replaceRoot') {
    if (!isDocument(spec) || !('newRoot' in spec)) {
      throw locationError(40231, 'no newRoot specified for the $replaceRoot stage');
    }
    expr = spec.newRoot;
  }
  const f = evaluator(expr);
  return (docs, env) =>
    docs.map((d) => {
      const v = f(d, env);
      if (!isDocument(v)) {
        throw locationError(
          40228,
          `'newRoot' expression must evaluate to an object, but resulting value was: ${String(v)}. Type of resulting value: '${bsonTypeOf(v)}'.`,
        );
      }
      return v;
    });
};

const sort: StageCompiler = (spec) => {
  if (!isDocument(spec))
    throw locationError(15973, 'the $sort key specification must be an object');
  if (Object.keys(spec).length === 0)
    throw locationError(15976, '$sort stage must have at least one sort key');
  const cmp = compileSort(spec);
  return (docs) => [...docs].sort(cmp);
};

function count(
  spec: unknown,
  name: string,
  code: number,
  check: (n: number) => boolean,
  what: string,
): number {
  const n = isNumeric(spec) ? toDouble(spec) : NaN;
  if (!Number.isInteger(n))
    throw locationError(code, `${name} must be specified as a whole number`);
  if (!check(n)) throw locationError(code + 1, what);
  return n;
}

const limit: StageCompiler = (spec) => {
  const n = count(spec, 'the limit', 15957, (x) => x > 0, 'the limit must be positive');
  return (docs) => docs.slice(0, n);
};

const skip: StageCompiler = (spec) => {
  const n = isNumeric(spec) ? toDouble(spec) : NaN;
  if (!Number.isInteger(n)) throw locationError(15972, 'Argument to $skip must be a number');
  if (n < 0) throw locationError(15956, 'Argument to $skip cannot be negative');
  return (docs) => docs.slice(n);
};

const countStage: StageCompiler = (spec) => {
  if (typeof spec !== 'string' || spec === '')
    throw locationError(40156, 'the count field must be a non-empty string');
  if (spec.startsWith('$'))
    throw locationError(40158, 'the count field cannot be a $-prefixed path');
  if (spec.includes('.')) throw locationError(40160, "the count field cannot contain '.'");
  return (docs) => (docs.length === 0 ? [] : [{ [spec]: new Int32(docs.length) }]);
};

const sample: StageCompiler = (spec) => {
  const size = isDocument(spec) && isNumeric(spec.size) ? toDouble(spec.size) : NaN;
  if (!(size >= 0)) throw locationError(28746, 'size argument to $sample must not be negative');
  return (docs) => {
    const copy = [...docs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as Document, copy[i] as Document];
    }
    return copy.slice(0, size);
  };
};

const STAGES: Readonly<Record<string, StageCompiler>> = {
  $match: match,
  $project: project,
  $addFields: project,
  $set: project,
  $unset: unset,
  $replaceRoot: replaceRoot,
  $replaceWith: replaceRoot,
  $sort: sort,
  $limit: limit,
  $skip: skip,
  $count: countStage,
  $sample: sample,
  $group: groupStage,
  $sortByCount: sortByCountStage,
  $unwind: unwindStage,
  $lookup: (spec) => lookupStage(spec, compilePipeline),
  $facet: (spec) => facetStage(spec, compilePipeline),
  $unionWith: (spec) => unionWithStage(spec, compilePipeline),
};

/** Stages MongoDB has that the embedded engine does not run (the server may handle some). */
const UNSUPPORTED = new Set([
  '$out',
  '$merge',
  '$bucket',
  '$bucketAuto',
  '$graphLookup',
  '$geoNear',
  '$redact',
  '$setWindowFields',
  '$densify',
  '$fill',
  '$documents',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$changeStream',
]);

export function compilePipeline(pipeline: unknown): CompiledPipeline {
  if (!Array.isArray(pipeline))
    throw engineError('TypeMismatch', "'pipeline' option must be specified as an array");
  const stages = (pipeline as unknown[]).map((spec) => {
    if (!isDocument(spec) || Object.keys(spec).length !== 1) {
      throw locationError(
        40323,
        'A pipeline stage specification object must contain exactly one field.',
      );
    }
    const name = Object.keys(spec)[0] as string;
    const compiler = STAGES[name];
    if (compiler) return compiler(spec[name], name);
    if (UNSUPPORTED.has(name)) {
      throw engineError(
        'NotImplemented',
        `${name} is not supported by the embedded server's pipeline engine`,
      );
    }
    throw locationError(40324, `Unrecognized pipeline stage name: '${name}'`);
  });
  return (docs, env) => stages.reduce((acc, stage) => stage(acc, env), [...docs]);
}

export function runPipeline(
  docs: Iterable<Document>,
  pipeline: readonly Document[],
  context: PipelineContext,
): Document[] {
  return compilePipeline(pipeline)(docs, {
    vars: context.variables ?? {},
    now: context.now ?? new Date(),
    collection: context.collection,
  });
}

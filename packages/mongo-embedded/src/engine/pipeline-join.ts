/** `$unwind`, `$lookup`, `$facet` and `$unionWith`. */
import { Long, type Document } from 'bson';
import { isDocument } from './bson-type.js';
import { valueKey } from './compare.js';
import { engineError, locationError } from './errors.js';
import { anyAtPath, compilePath, getDocumentPath, withPath } from './path.js';
import {
  evaluator,
  type CompiledPipeline,
  type RunEnv,
  type Stage,
  type StageCompiler,
} from './pipeline-stage.js';

type PipelineCompiler = (pipeline: unknown) => CompiledPipeline;

function fieldPath(value: unknown, code: number, what: string): string[] {
  if (typeof value !== 'string' || !value.startsWith('$') || value.length < 2) {
    throw locationError(code, `${what} should be prefixed with a '$': ${String(value)}`);
  }
  return value.slice(1).split('.');
}

export const unwindStage: StageCompiler = (spec) => {
  const options = typeof spec === 'string' ? { path: spec } : spec;
  if (!isDocument(options))
    throw locationError(
      15981,
      'expected either a string or an object as specification for $unwind stage',
    );
  const path = fieldPath(options.path, 28818, 'path option to $unwind stage');
  const preserve = options.preserveNullAndEmptyArrays === true;
  const indexField = options.includeArrayIndex;
  if (
    indexField !== undefined &&
    (typeof indexField !== 'string' || indexField === '' || indexField.startsWith('$'))
  ) {
    throw locationError(
      28822,
      "includeArrayIndex option to $unwind stage should not be prefixed with a '$'",
    );
  }
  const indexParts = typeof indexField === 'string' ? indexField.split('.') : undefined;
  const withIndex = (doc: Document, i: number | null): Document =>
    indexParts ? withPath(doc, indexParts, i === null ? null : Long.fromNumber(i)) : doc;
  return (docs) => {
    const out: Document[] = [];
    for (const doc of docs) {
      const v = getDocumentPath(doc, path);
      if (Array.isArray(v)) {
        if (v.length === 0) {
          if (preserve) out.push(withIndex(withPath(doc, path, undefined), null));
          continue;
        }
        (v as unknown[]).forEach((e, i) => out.push(withIndex(withPath(doc, path, e), i)));
      } else if (v === null || v === undefined) {
        if (preserve) out.push(withIndex(doc, null));
      } else out.push(withIndex(doc, null));
    }
    return out;
  };
};

/** Every value a query path reaches (elements and whole arrays; missing counts as null). */
function valuesAt(doc: Document, path: ReturnType<typeof compilePath>): unknown[] {
  const out: unknown[] = [];
  anyAtPath(doc, path, true, (v) => {
    out.push(v);
    return false;
  });
  return out;
}

/** The foreign documents whose `foreignField` equals any `localField` value, in collection order. */
function equalityJoin(localField: string, foreignField: string) {
  const local = compilePath(localField);
  const foreign = compilePath(foreignField);
  return (foreignDocs: readonly Document[]) => {
    const index = new Map<string, number[]>();
    foreignDocs.forEach((d, i) => {
      for (const key of new Set(valuesAt(d, foreign).map(valueKey))) {
        const list = index.get(key);
        if (list) list.push(i);
        else index.set(key, [i]);
      }
    });
    return (doc: Document): Document[] => {
      const hits = new Set<number>();
      const values = valuesAt(doc, local);
      for (const v of values.length ? values : [null]) {
        for (const i of index.get(valueKey(v)) ?? []) hits.add(i);
      }
      return [...hits].sort((a, b) => a - b).map((i) => foreignDocs[i] as Document);
    };
  };
}

export function lookupStage(spec: unknown, compile: PipelineCompiler): Stage {
  if (!isDocument(spec))
    throw locationError(40319, 'the $lookup stage specification must be an object');
  const { from, as, localField, foreignField, pipeline } = spec;
  const letSpec = spec.let;
  if (typeof as !== 'string' || as === '')
    throw locationError(40321, "must specify 'as' field for a $lookup");
  if (typeof from !== 'string')
    throw locationError(40321, "must specify 'from' field for a $lookup");
  if ((localField === undefined) !== (foreignField === undefined)) {
    throw locationError(
      40322,
      "$lookup requires both or neither of 'localField' and 'foreignField' to be specified",
    );
  }
  if (localField === undefined && pipeline === undefined) {
    throw locationError(
      40321,
      "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified",
    );
  }
  if (
    localField !== undefined &&
    (typeof localField !== 'string' || typeof foreignField !== 'string')
  ) {
    throw locationError(40321, "'localField' and 'foreignField' must be strings");
  }
  const join =
    localField !== undefined ? equalityJoin(localField, foreignField as string) : undefined;
  const sub = pipeline !== undefined ? compile(pipeline) : undefined;
  if (letSpec !== undefined && !isDocument(letSpec))
    throw engineError('FailedToParse', '$lookup argument "let" must be an object');
  const lets = Object.entries(letSpec ?? {}).map(([k, e]) => [k, evaluator(e)] as const);
  const asParts = as.split('.');
  return (docs, env) => {
    const foreignDocs = [...env.collection(from)];
    const joinFor = join?.(foreignDocs);
    return docs.map((doc) => {
      let matched = joinFor ? joinFor(doc) : foreignDocs;
      if (sub) {
        const vars: Record<string, unknown> = { ...env.vars };
        for (const [k, f] of lets) vars[k] = f(doc, env) ?? null;
        matched = sub(matched, { ...env, vars });
      }
      return withPath(doc, asParts, matched);
    });
  };
}

const FACET_FORBIDDEN = new Set([
  '$facet',
  '$out',
  '$merge',
  '$collStats',
  '$indexStats',
  '$geoNear',
]);

export function facetStage(spec: unknown, compile: PipelineCompiler): Stage {
  if (!isDocument(spec) || Object.keys(spec).length === 0) {
    throw locationError(40169, 'the $facet specification must be a non-empty object');
  }
  const facets = Object.entries(spec).map(([name, pipeline]) => {
    if (!Array.isArray(pipeline))
      throw locationError(40170, `arguments to $facet must be arrays, ${name} is not`);
    for (const stage of pipeline as unknown[]) {
      const stageName = isDocument(stage) ? Object.keys(stage)[0] : undefined;
      if (stageName && FACET_FORBIDDEN.has(stageName)) {
        throw locationError(40600, `${stageName} is not allowed to be used within a $facet stage`);
      }
    }
    return [name, compile(pipeline)] as const;
  });
  return (docs, env: RunEnv) => [
    Object.fromEntries(facets.map(([name, run]) => [name, run(docs, env)])),
  ];
}

export function unionWithStage(spec: unknown, compile: PipelineCompiler): Stage {
  const coll = typeof spec === 'string' ? spec : isDocument(spec) ? spec.coll : undefined;
  if (typeof coll !== 'string') throw locationError(40500, "$unionWith requires a 'coll' string");
  const sub = isDocument(spec) && spec.pipeline !== undefined ? compile(spec.pipeline) : undefined;
  return (docs, env) => {
    const other = [...env.collection(coll)];
    return [...docs, ...(sub ? sub(other, env) : other)];
  };
}

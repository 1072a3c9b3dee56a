/** String, object, type and accumulator-style expression operators. */
import { Int32 } from 'bson';
import { bsonTag, bsonTypeOf, isDocument } from './bson-type.js';
import { avgOf, extremeOf, sumOf } from './accumulate.js';
import { locationError } from './errors.js';
import type { CompiledExpr, OpCompiler } from './expression.js';
import { argList, compileArgs, compileNamed, isNullish, typeName } from './expression-util.js';
import { isNumeric } from './numeric.js';
import { valueToString } from './expression-ops-convert.js';

const stringOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'object' && v !== null && bsonTag(v) === 'BSONSymbol'
      ? (v as { value: string }).value
      : undefined;

const $concat: OpCompiler = (arg, compile) => {
  const items = argList('$concat', arg, 0, Infinity).map(compile);
  return (ctx) => {
    let out = '';
    for (const f of items) {
      const v = f(ctx);
      if (isNullish(v)) return null;
      const s = stringOf(v);
      if (s === undefined)
        throw locationError(16702, `$concat only supports strings, not ${typeName(v)}`);
      out += s;
    }
    return out;
  };
};

function caseOp(upper: boolean): OpCompiler {
  return (arg, compile, name) => {
    const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
    return (ctx) => {
      const v = f(ctx);
      if (isNullish(v)) return '';
      const s = stringOf(v) ?? valueToString(v, name);
      return upper ? s.toUpperCase() : s.toLowerCase();
    };
  };
}

const $strLenCP: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    const s = stringOf(v);
    if (s === undefined)
      throw locationError(34471, `$strLenCP requires a string argument, found: ${typeName(v)}`);
    return new Int32([...s].length);
  };
};

const $strLenBytes: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    const s = stringOf(v);
    if (s === undefined)
      throw locationError(34473, `$strLenBytes requires a string argument, found: ${typeName(v)}`);
    return new Int32(Buffer.byteLength(s, 'utf8'));
  };
};

const $type: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => bsonTypeOf(f(ctx));
};

const $isNumber: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => isNumeric(f(ctx));
};

const $mergeObjects: OpCompiler = (arg, compile) => {
  const items = argList('$mergeObjects', arg, 0, Infinity).map(compile);
  return (ctx) => {
    const out: Record<string, unknown> = {};
    for (const f of items) {
      const v = f(ctx);
      if (isNullish(v)) continue;
      if (!isDocument(v)) {
        throw locationError(
          40400,
          `$mergeObjects requires object inputs, but input is of type ${typeName(v)}`,
        );
      }
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = x;
    }
    return out;
  };
};

const $getField: OpCompiler = (arg, compile) => {
  const named =
    typeof arg === 'string'
      ? { field: compile({ $literal: arg }), input: compile('$$CURRENT') }
      : compileNamed('$getField', arg, compile, ['field'], ['input']);
  const field = named.field as CompiledExpr;
  const input = named.input ?? compile('$$CURRENT');
  return (ctx) => {
    const name = field(ctx);
    if (typeof name !== 'string')
      throw locationError(5654602, "$getField requires 'field' to evaluate to type String");
    const v = input(ctx);
    if (isNullish(v)) return null;
    return isDocument(v) && Object.hasOwn(v, name) ? v[name] : undefined;
  };
};

/** `$sum`/`$avg`/`$min`/`$max` in expression form: over one array argument, or over the arguments. */
function accumulatorExpr(reduce: (values: unknown[]) => unknown): OpCompiler {
  return (arg, compile) => {
    const items = (Array.isArray(arg) ? (arg as unknown[]) : [arg]).map(compile);
    return (ctx) => {
      const values = items.map((f) => f(ctx));
      if (items.length === 1 && Array.isArray(values[0])) return reduce(values[0] as unknown[]);
      return reduce(values);
    };
  };
}

export const valueOps: Readonly<Record<string, OpCompiler>> = {
  $concat,
  $toLower: caseOp(false),
  $toUpper: caseOp(true),
  $strLenCP,
  $strLenBytes,
  $type,
  $isNumber,
  $mergeObjects,
  $getField,
  $sum: accumulatorExpr(sumOf),
  $avg: accumulatorExpr(avgOf),
  $min: accumulatorExpr((v) => extremeOf(v, -1)),
  $max: accumulatorExpr((v) => extremeOf(v, 1)),
};

/**
 * Comparison (across types, in BSON order, missing lowest), boolean, conditional and variable
 * binding operators.
 */
import { Int32 } from 'bson';
import { isDocument } from './bson-type.js';
import { compareValues } from './compare.js';
import { locationError } from './errors.js';
import type { CompiledExpr, OpCompiler } from './expression.js';
import {
  argList,
  compileArgs,
  compileNamed,
  isNullish,
  isTruthy,
  typeName,
  withVars,
} from './expression-util.js';

/** Aggregation comparison: like BSON order, but a missing value sorts below null. */
export function exprCompare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareValues(a, b);
}

function comparison(test: (c: number) => boolean): OpCompiler {
  return (arg, compile, name) => {
    const [fa, fb] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
    return (ctx) => test(exprCompare(fa(ctx), fb(ctx)));
  };
}

const $cmp: OpCompiler = (arg, compile, name) => {
  const [fa, fb] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
  return (ctx) => new Int32(exprCompare(fa(ctx), fb(ctx)));
};

const $and: OpCompiler = (arg, compile) => {
  const items = argList('$and', arg, 0, Infinity).map(compile);
  return (ctx) => items.every((f) => isTruthy(f(ctx)));
};

const $or: OpCompiler = (arg, compile) => {
  const items = argList('$or', arg, 0, Infinity).map(compile);
  return (ctx) => items.some((f) => isTruthy(f(ctx)));
};

const $not: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => !isTruthy(f(ctx));
};

const $cond: OpCompiler = (arg, compile) => {
  let parts: CompiledExpr[];
  if (isDocument(arg)) {
    const named = compileNamed('$cond', arg, compile, ['if', 'then', 'else']);
    parts = [named.if, named.then, named.else] as CompiledExpr[];
  } else parts = compileArgs('$cond', arg, compile, 3);
  const [fi, ft, fe] = parts as [CompiledExpr, CompiledExpr, CompiledExpr];
  return (ctx) => (isTruthy(fi(ctx)) ? ft(ctx) : fe(ctx));
};

const $ifNull: OpCompiler = (arg, compile) => {
  const items = argList('$ifNull', arg, 2, Infinity).map(compile);
  return (ctx) => {
    for (let i = 0; i < items.length - 1; i++) {
      const v = (items[i] as CompiledExpr)(ctx);
      if (!isNullish(v)) return v;
    }
    return (items[items.length - 1] as CompiledExpr)(ctx);
  };
};

const $switch: OpCompiler = (arg, compile) => {
  if (!isDocument(arg)) throw locationError(40060, '$switch requires an object as an argument');
  const rawBranches = arg.branches;
  if (!Array.isArray(rawBranches))
    throw locationError(40061, "$switch expected an array for 'branches'");
  const branches = (rawBranches as unknown[]).map((b) => {
    if (!isDocument(b)) throw locationError(40062, '$switch expected each branch to be an object');
    const named = compileNamed('$switch', b, compile, ['case', 'then']);
    return [named.case, named.then] as [CompiledExpr, CompiledExpr];
  });
  const fallback = 'default' in arg ? compile(arg.default) : undefined;
  return (ctx) => {
    for (const [c, t] of branches) if (isTruthy(c(ctx))) return t(ctx);
    if (!fallback) {
      throw locationError(
        40066,
        '$switch could not find a matching branch for an input, and no default was specified.',
      );
    }
    return fallback(ctx);
  };
};

const $let: OpCompiler = (arg, compile) => {
  const named = isDocument(arg) ? arg : {};
  if (!isDocument(named.vars)) throw locationError(16876, "Missing 'vars' parameter to $let");
  if (!('in' in named)) throw locationError(16877, "Missing 'in' parameter to $let");
  const vars = Object.entries(named.vars).map(([k, v]) => [k, compile(v)] as const);
  const body = compile(named.in);
  return (ctx) => {
    const bound: Record<string, unknown> = {};
    for (const [k, f] of vars) bound[k] = f(ctx);
    return body(withVars(ctx, bound));
  };
};

/** Splits `{input, as, …}` of the iterating operators; `as` defaults to `this`. */
function iterating(name: string, arg: unknown): { as: string; fields: Record<string, unknown> } {
  if (!isDocument(arg))
    throw locationError(16878, `${name} only supports an object as its argument`);
  const { as = 'this', ...fields } = arg;
  if (typeof as !== 'string') throw locationError(16866, `${name}: 'as' must be a string`);
  return { as, fields };
}

function inputArray(name: string, v: unknown, code: number): unknown[] | null {
  if (isNullish(v)) return null;
  if (!Array.isArray(v))
    throw locationError(code, `input to ${name} must be an array not ${typeName(v)}`);
  return v as unknown[];
}

const $map: OpCompiler = (arg, compile) => {
  const { as, fields } = iterating('$map', arg);
  const named = compileNamed('$map', fields, compile, ['input', 'in']);
  const input = named.input as CompiledExpr;
  const body = named.in as CompiledExpr;
  return (ctx) => {
    const list = inputArray('$map', input(ctx), 16883);
    return list && list.map((e) => body(withVars(ctx, { [as]: e })) ?? null);
  };
};

const $filter: OpCompiler = (arg, compile) => {
  const { as, fields } = iterating('$filter', arg);
  const named = compileNamed('$filter', fields, compile, ['input', 'cond'], ['limit']);
  const input = named.input as CompiledExpr;
  const cond = named.cond as CompiledExpr;
  return (ctx) => {
    const list = inputArray('$filter', input(ctx), 28651);
    if (!list) return null;
    const limitValue = named.limit?.(ctx);
    const limit = isNullish(limitValue) ? Infinity : Number(limitValue);
    const out: unknown[] = [];
    for (const e of list) {
      if (out.length >= limit) break;
      if (isTruthy(cond(withVars(ctx, { [as]: e })))) out.push(e);
    }
    return out;
  };
};

const $reduce: OpCompiler = (arg, compile) => {
  const named = compileNamed('$reduce', arg, compile, ['input', 'initialValue', 'in']);
  const input = named.input as CompiledExpr;
  const initial = named.initialValue as CompiledExpr;
  const body = named.in as CompiledExpr;
  return (ctx) => {
    const list = inputArray('$reduce', input(ctx), 40080);
    if (!list) return null;
    let acc = initial(ctx);
    for (const e of list) acc = body(withVars(ctx, { value: acc, this: e }));
    return acc;
  };
};

const $literal: OpCompiler = (arg) => () => arg;

export const logicOps: Readonly<Record<string, OpCompiler>> = {
  $eq: comparison((c) => c === 0),
  $ne: comparison((c) => c !== 0),
  $gt: comparison((c) => c > 0),
  $gte: comparison((c) => c >= 0),
  $lt: comparison((c) => c < 0),
  $lte: comparison((c) => c <= 0),
  $cmp,
  $and,
  $or,
  $not,
  $cond,
  $ifNull,
  $switch,
  $let,
  $map,
  $filter,
  $reduce,
  $literal,
};

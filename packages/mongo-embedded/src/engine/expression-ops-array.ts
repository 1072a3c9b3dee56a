/** Array expression operators. Indexes and sizes come back as Int32, as in MongoDB. */
import { Int32 } from 'bson';
import { isDocument } from './bson-type.js';
import { valuesEqual } from './compare.js';
import { locationError } from './errors.js';
import type { CompiledExpr, OpCompiler } from './expression.js';
import { argList, compileArgs, isNullish, typeName } from './expression-util.js';
import { isNumeric, toDouble } from './numeric.js';

/** An integral argument (any numeric type holding a whole 32-bit value). */
function intArg(v: unknown, code: number, what: string): number {
  const n = isNumeric(v) ? toDouble(v) : NaN;
  if (!Number.isInteger(n) || Math.abs(n) > 2147483647) {
    throw locationError(code, `${what} must be a 32-bit integer, found ${typeName(v)}`);
  }
  return n;
}

const $size: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    if (!Array.isArray(v)) {
      throw locationError(
        17124,
        `The argument to $size must be an array. Type of argument: ${typeName(v)}`,
      );
    }
    return new Int32(v.length);
  };
};

const elementAt = (list: readonly unknown[], i: number): unknown =>
  i < 0 ? list[list.length + i] : list[i];

const $arrayElemAt: OpCompiler = (arg, compile, name) => {
  const [fa, fi] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
  return (ctx) => {
    const a = fa(ctx);
    const i = fi(ctx);
    if (isNullish(a) || isNullish(i)) return null;
    if (!Array.isArray(a)) {
      throw locationError(
        28689,
        `$arrayElemAt's first argument must be an array, but is ${typeName(a)}`,
      );
    }
    if (!isNumeric(i)) {
      throw locationError(
        28690,
        `$arrayElemAt's second argument must be a numeric value, but is ${typeName(i)}`,
      );
    }
    return elementAt(a, intArg(i, 28691, "$arrayElemAt's second argument"));
  };
};

function firstOrLast(which: 'first' | 'last'): OpCompiler {
  return (arg, compile, name) => {
    const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
    return (ctx) => {
      const v = f(ctx);
      if (isNullish(v)) return null;
      if (!Array.isArray(v)) {
        throw locationError(28689, `${name}'s argument must be an array, but is ${typeName(v)}`);
      }
      const list = v as unknown[];
      return which === 'first' ? list[0] : list[list.length - 1];
    };
  };
}

const $in: OpCompiler = (arg, compile, name) => {
  const [fx, fa] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
  return (ctx) => {
    const x = fx(ctx);
    const a = fa(ctx);
    if (!Array.isArray(a)) {
      throw locationError(
        40081,
        `$in requires an array as a second argument, found: ${typeName(a)}`,
      );
    }
    return a.some((e) => valuesEqual(e, x ?? null));
  };
};

const $isArray: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => Array.isArray(f(ctx));
};

const $concatArrays: OpCompiler = (arg, compile) => {
  const items = argList('$concatArrays', arg, 0, Infinity).map(compile);
  return (ctx) => {
    const out: unknown[] = [];
    for (const f of items) {
      const v = f(ctx);
      if (isNullish(v)) return null;
      if (!Array.isArray(v)) {
        throw locationError(28664, `$concatArrays only supports arrays, not ${typeName(v)}`);
      }
      out.push(...(v as unknown[]));
    }
    return out;
  };
};

const $slice: OpCompiler = (arg, compile, name) => {
  const fs = compileArgs(name, arg, compile, 2, 3);
  return (ctx) => {
    const vals = fs.map((f) => f(ctx));
    if (vals.some(isNullish)) return null;
    const [a, x, y] = vals;
    if (!Array.isArray(a)) {
      throw locationError(
        28724,
        `First argument to $slice must be an array, but is of type: ${typeName(a)}`,
      );
    }
    const list = a as unknown[];
    if (vals.length === 2) {
      const n = intArg(x, 28725, 'Second argument to $slice');
      return n >= 0 ? list.slice(0, n) : list.slice(Math.max(0, list.length + n));
    }
    const pos = intArg(x, 28725, 'Second argument to $slice');
    const n = intArg(y, 28727, 'Third argument to $slice');
    if (n <= 0) throw locationError(28729, `Third argument to $slice must be positive: ${n}`);
    const start = pos >= 0 ? Math.min(pos, list.length) : Math.max(0, list.length + pos);
    return list.slice(start, start + n);
  };
};

const $indexOfArray: OpCompiler = (arg, compile, name) => {
  const fs = compileArgs(name, arg, compile, 2, 4);
  return (ctx) => {
    const [a, x, s, e] = fs.map((f) => f(ctx));
    if (isNullish(a)) return null;
    if (!Array.isArray(a)) {
      throw locationError(
        40090,
        `$indexOfArray requires an array as a first argument, found: ${typeName(a)}`,
      );
    }
    const list = a as unknown[];
    const start = s === undefined ? 0 : intArg(s, 40096, '$indexOfArray start');
    const end =
      e === undefined ? list.length : Math.min(intArg(e, 40096, '$indexOfArray end'), list.length);
    for (let i = start; i < end; i++) if (valuesEqual(list[i], x ?? null)) return new Int32(i);
    return new Int32(-1);
  };
};

const $reverseArray: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) {
      throw locationError(
        34435,
        `The argument to $reverseArray must be an array, but was of type: ${typeName(v)}`,
      );
    }
    return [...(v as unknown[])].reverse();
  };
};

const $range: OpCompiler = (arg, compile, name) => {
  const fs = compileArgs(name, arg, compile, 2, 3);
  return (ctx) => {
    const [s, e, st] = fs.map((f) => f(ctx));
    const start = intArg(s, 34443, '$range start');
    const end = intArg(e, 34445, '$range end');
    const step = st === undefined ? 1 : intArg(st, 34447, '$range step');
    if (step === 0) throw locationError(34449, '$range requires a non-zero step value');
    const out: Int32[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(new Int32(i));
    return out;
  };
};

const $objectToArray: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    if (isNullish(v)) return null;
    if (!isDocument(v)) {
      throw locationError(40390, `$objectToArray requires a document input, found: ${typeName(v)}`);
    }
    return Object.entries(v).map(([k, x]) => ({ k, v: x }));
  };
};

const $arrayToObject: OpCompiler = (arg, compile, name) => {
  const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
  return (ctx) => {
    const v = f(ctx);
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) {
      throw locationError(40386, `$arrayToObject requires an array input, found: ${typeName(v)}`);
    }
    const out: Record<string, unknown> = {};
    for (const e of v as unknown[]) {
      if (Array.isArray(e) && e.length === 2 && typeof e[0] === 'string') out[e[0]] = e[1];
      else if (isDocument(e) && typeof e.k === 'string' && 'v' in e) out[e.k] = e.v;
      else throw locationError(40398, 'Unrecognised input type format for $arrayToObject');
    }
    return out;
  };
};

export const arrayOps: Readonly<Record<string, OpCompiler>> = {
  $size,
  $arrayElemAt,
  $first: firstOrLast('first'),
  $last: firstOrLast('last'),
  $in,
  $isArray,
  $concatArrays,
  $slice,
  $indexOfArray,
  $reverseArray,
  $range,
  $objectToArray,
  $arrayToObject,
};

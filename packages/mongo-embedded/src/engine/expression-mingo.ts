/**
 * The fallback for expression operators the engine does not implement natively (date parts and
 * formatting, most string, set and trigonometry operators): arguments are evaluated natively,
 * converted to plain JS values and handed to mingo as literals; the result is converted back.
 */
import { Double, Int32 } from 'bson';
import { Context, evalExpr, OpType } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import type { Options } from 'mingo/types';
import { bsonTag, isDocument, isInt32Number } from './bson-type.js';
import { engineError } from './errors.js';
import type { Compile, CompiledExpr } from './expression.js';
import { MongoError } from '../mongo-error.js';
import { toDouble } from './numeric.js';

const CONTEXT = Context.init({
  expression: expressionOperators as unknown as Record<`$${string}`, never>,
});

/** Operators that run user code, which the server never does. */
const FORBIDDEN = new Set(['$function', '$accumulator']);

/** Single-argument operators, for which `[x]` means `x`. */
const UNARY = new Set([
  '$year',
  '$month',
  '$dayOfMonth',
  '$dayOfWeek',
  '$dayOfYear',
  '$hour',
  '$minute',
  '$second',
  '$millisecond',
  '$week',
  '$isoWeek',
  '$isoWeekYear',
  '$isoDayOfWeek',
  '$sin',
  '$cos',
  '$tan',
  '$asin',
  '$acos',
  '$atan',
  '$sinh',
  '$cosh',
  '$tanh',
  '$asinh',
  '$acosh',
  '$atanh',
  '$degreesToRadians',
  '$radiansToDegrees',
  '$bitNot',
]);

/** Operators whose numeric results are doubles in MongoDB even when whole. */
const DOUBLE_RESULT = new Set([
  '$log',
  '$sin',
  '$cos',
  '$tan',
  '$asin',
  '$acos',
  '$atan',
  '$atan2',
  '$sinh',
  '$cosh',
  '$tanh',
  '$asinh',
  '$acosh',
  '$atanh',
  '$degreesToRadians',
  '$radiansToDegrees',
  '$sigmoid',
]);

/** mingo's options object, captured once so that each call does not rebuild its operator table. */
let options: unknown;
function mingoOptions(): unknown {
  if (options === undefined) {
    const capture = Context.init({
      expression: {
        $__capture: (_o: unknown, _e: unknown, opts: unknown) => {
          options = opts;
          return null;
        },
      },
    });
    evalExpr({}, { $__capture: 1 }, {
      context: Context.from(CONTEXT, capture),
      scriptEnabled: false,
    } as Partial<Options> as Options);
  }
  return options;
}

/** BSON values as mingo understands them: numbers of every BSON type become JS numbers. */
export function toJs(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(toJs);
  if (isDocument(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJs(x);
    return out;
  }
  switch (bsonTag(v)) {
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return toDouble(v);
    case 'BSONSymbol':
      return (v as { value: string }).value;
    default:
      return v;
  }
}

/** mingo results back into the value model: JS numbers become Int32 or Double explicitly. */
export function fromJs(v: unknown): unknown {
  if (typeof v === 'number') return isInt32Number(v) ? new Int32(v) : new Double(v);
  if (Array.isArray(v)) return v.map(fromJs);
  if (isDocument(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJs(x);
    return out;
  }
  return v;
}

const literal = (v: unknown): unknown => ({ $literal: toJs(v) });

export function mingoOperator(
  name: string,
  arg: unknown,
  compile: Compile,
): CompiledExpr | undefined {
  const fn = CONTEXT.getOperator(OpType.EXPRESSION, name);
  if (!fn) return undefined;
  if (FORBIDDEN.has(name)) {
    throw engineError('NotImplemented', `${name} is not supported by the embedded server`);
  }
  let build: (ctx: Parameters<CompiledExpr>[0]) => unknown;
  const single =
    UNARY.has(name) && Array.isArray(arg) && arg.length === 1 ? (arg[0] as unknown) : arg;
  if (Array.isArray(single)) {
    const items = (single as unknown[]).map(compile);
    build = (ctx) => items.map((f) => literal(f(ctx)));
  } else if (isDocument(single) && !Object.keys(single)[0]?.startsWith('$')) {
    const fields = Object.entries(single).map(([k, x]) => [k, compile(x)] as const);
    build = (ctx) => Object.fromEntries(fields.map(([k, f]) => [k, literal(f(ctx))]));
  } else {
    const f = compile(single);
    build = (ctx) => literal(f(ctx));
  }
  return (ctx) => {
    try {
      const result = fn({}, build(ctx), mingoOptions());
      return typeof result === 'number' && DOUBLE_RESULT.has(name)
        ? new Double(result)
        : fromJs(result);
    } catch (e) {
      if (e instanceof MongoError) throw e;
      throw engineError('BadValue', `${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Helpers shared by the expression operator families. */
import { bsonTypeOf } from './bson-type.js';
import { locationError } from './errors.js';
import type { Compile, CompiledExpr, ExprContext } from './expression.js';
import { isNumeric, toNum } from './numeric.js';

export const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/** Aggregation truthiness: false, null, missing and numeric zero are false. */
export function isTruthy(v: unknown): boolean {
  if (v === false || v === null || v === undefined) return false;
  if (isNumeric(v)) {
    const n = toNum(v);
    if (!n) return true;
    if (n.kind === 'decimal') return !(n.v.kind === 'finite' && n.v.coef === 0n);
    return n.kind === 'long' ? n.v !== 0n : n.v !== 0;
  }
  return true;
}

export const typeName = (v: unknown): string => bsonTypeOf(v);

/** The argument list of an operator (`{$op: x}` is `{$op: [x]}`), with MongoDB's count check. */
export function argList(name: string, arg: unknown, min: number, max = min): unknown[] {
  const list = Array.isArray(arg) ? (arg as unknown[]) : [arg];
  if (list.length < min || list.length > max) {
    const expected =
      min === max ? `exactly ${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw locationError(
      16020,
      `Expression ${name} takes ${expected} arguments. ${list.length} were passed in.`,
    );
  }
  return list;
}

/** Compiles each argument of a fixed-arity operator. */
export function compileArgs(
  name: string,
  arg: unknown,
  compile: Compile,
  min: number,
  max = min,
): CompiledExpr[] {
  return argList(name, arg, min, max).map(compile);
}

/** Compiles the named fields of an object-form argument (`{input, as, in}`). */
export function compileNamed(
  name: string,
  arg: unknown,
  compile: Compile,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, CompiledExpr | undefined> {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    throw locationError(10065, `${name} expects an object as its argument`);
  }
  const out: Record<string, CompiledExpr | undefined> = {};
  for (const [k, v] of Object.entries(arg)) {
    if (!required.includes(k) && !optional.includes(k)) {
      throw locationError(10066, `Unrecognized parameter to ${name}: ${k}`);
    }
    out[k] = compile(v);
  }
  for (const k of required) {
    if (!out[k]) throw locationError(10067, `Missing '${k}' parameter to ${name}`);
  }
  return out;
}

/** A context with extra variables bound. */
export function withVars(ctx: ExprContext, vars: Record<string, unknown>): ExprContext {
  return { ...ctx, vars: { ...ctx.vars, ...vars } };
}

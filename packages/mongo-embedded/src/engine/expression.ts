/**
 * The aggregation expression language, compiled once into closures. Field paths, variables,
 * object and array literals and the common operators are native (so numbers keep their BSON
 * types); the remaining operators (dates, most strings, sets, trigonometry) run on `mingo`.
 * Missing values are `undefined`.
 */
import { Timestamp } from 'bson';
import { isDocument } from './bson-type.js';
import { engineError, locationError } from './errors.js';
import { arrayOps } from './expression-ops-array.js';
import { convertOps } from './expression-ops-convert.js';
import { logicOps } from './expression-ops-logic.js';
import { mathOps } from './expression-ops-math.js';
import { valueOps } from './expression-ops-value.js';
import { mingoOperator } from './expression-mingo.js';
import { getField } from './path.js';

export interface ExprContext {
  /** `$$ROOT`. */
  readonly root: unknown;
  /** `$$CURRENT`, which plain field paths read. */
  readonly current: unknown;
  /** User variables (`let`, `$let`, `$map`'s `as`, …). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** `$$NOW`. */
  readonly now: Date;
}

export type CompiledExpr = (ctx: ExprContext) => unknown;
export type Compile = (expr: unknown) => CompiledExpr;
/** Compiles one operator from its raw argument. */
export type OpCompiler = (arg: unknown, compile: Compile, name: string) => CompiledExpr;

const OPERATORS: Readonly<Record<string, OpCompiler>> = {
  ...mathOps,
  ...logicOps,
  ...arrayOps,
  ...valueOps,
  ...convertOps,
};

/** A context for evaluating against one document with no user variables. */
export function rootContext(doc: unknown, now: Date = new Date(), vars = {}): ExprContext {
  return { root: doc, current: doc, vars, now };
}

/**
 * The value of an aggregation field path (`$a.b`): arrays along the way map over their
 * sub-document elements; numeric components are field names, never array indexes.
 */
export function resolveFieldPath(v: unknown, parts: readonly string[], from = 0): unknown {
  let cur = v;
  for (let i = from; i < parts.length; i++) {
    if (Array.isArray(cur)) {
      const out: unknown[] = [];
      for (const e of cur) {
        const r = isDocument(e) || Array.isArray(e) ? resolveFieldPath(e, parts, i) : undefined;
        if (r !== undefined) out.push(r);
      }
      return out;
    }
    if (!isDocument(cur)) return undefined;
    cur = getField(cur, parts[i] as string);
  }
  return cur;
}

function compileVariable(expr: string): CompiledExpr {
  const dotted = expr.slice(2);
  const parts = dotted.split('.');
  const name = parts[0] as string;
  const read = (base: (ctx: ExprContext) => unknown): CompiledExpr =>
    parts.length === 1 ? base : (ctx) => resolveFieldPath(base(ctx), parts, 1);
  switch (name) {
    case 'ROOT':
      return read((ctx) => ctx.root);
    case 'CURRENT':
      return read((ctx) => ctx.current);
    case 'NOW':
      return read((ctx) => ctx.now);
    case 'CLUSTER_TIME':
      return read((ctx) => new Timestamp({ t: Math.floor(ctx.now.getTime() / 1000), i: 1 }));
    case 'REMOVE':
      return () => undefined;
    case '':
      throw locationError(16869, 'empty variable name');
    default:
      return read((ctx) => {
        if (!Object.hasOwn(ctx.vars, name)) {
          throw locationError(17276, `Use of undefined variable: ${name}`);
        }
        return ctx.vars[name];
      });
  }
}

function compileFieldPath(expr: string): CompiledExpr {
  if (expr === '$') throw locationError(16872, "'$' by itself is not a valid FieldPath");
  const parts = expr.slice(1).split('.');
  if (parts.some((p) => p === '')) {
    throw locationError(15998, 'FieldPath field names may not be empty strings.');
  }
  if (parts.length === 1) {
    const name = parts[0] as string;
    return (ctx) => (isDocument(ctx.current) ? getField(ctx.current, name) : undefined);
  }
  return (ctx) => resolveFieldPath(ctx.current, parts);
}

function compileOperator(name: string, arg: unknown): CompiledExpr {
  const op = OPERATORS[name];
  if (op) return op(arg, compileExpression, name);
  const viaMingo = mingoOperator(name, arg, compileExpression);
  if (viaMingo) return viaMingo;
  throw engineError('InvalidPipelineOperator', `Unrecognized expression '${name}'`);
}

function compileObject(expr: Record<string, unknown>): CompiledExpr {
  const keys = Object.keys(expr);
  const first = keys[0];
  if (first?.startsWith('$')) {
    if (keys.length > 1) {
      throw locationError(
        15983,
        `an expression specification must contain exactly one field, the name of the expression. Found ${keys.length} fields`,
      );
    }
    return compileOperator(first, expr[first]);
  }
  const fields = keys.map((k) => {
    if (k.startsWith('$'))
      throw locationError(16410, "FieldPath field names may not start with '$'.");
    return [k, compileExpression(expr[k])] as const;
  });
  return (ctx) => {
    const out: Record<string, unknown> = {};
    for (const [k, f] of fields) {
      const v = f(ctx);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
}

export function compileExpression(expr: unknown): CompiledExpr {
  if (typeof expr === 'string' && expr.startsWith('$')) {
    return expr.startsWith('$$') ? compileVariable(expr) : compileFieldPath(expr);
  }
  if (Array.isArray(expr)) {
    const items = expr.map(compileExpression);
    // Missing elements of an array expression become null, as in MongoDB.
    return (ctx) => items.map((f) => f(ctx) ?? null);
  }
  if (isDocument(expr)) return compileObject(expr);
  return () => expr;
}

/** Evaluates an expression once (compile and run). */
export function evaluateExpression(expr: unknown, ctx: ExprContext): unknown {
  return compileExpression(expr)(ctx);
}

/**
 * Query filters compiled once into closures over documents. Each field condition runs its
 * predicates over the values its dotted path reaches (see ./path.ts); `$ne`, `$nin`, `$not` and
 * `$exists: false` negate the whole path condition, as MongoDB does.
 */
import type { Document } from 'bson';
import { isDocument } from './bson-type.js';
import { engineError } from './errors.js';
import { compileExpression, rootContext } from './expression.js';
import { isTruthy } from './expression-util.js';
import {
  bitsPred,
  cmpPred,
  eqPred,
  inPred,
  modPred,
  regexPred,
  sizePred,
  typePred,
} from './filter-operators.js';
import { anyAtPath, compilePath, type CompiledPath, type MatchDetails, type Pred } from './path.js';
import { isRegexValue, regexSource } from './regex.js';

export type { MatchDetails };

/** Variables and clock for `$expr` (the `let` of `$lookup` and of commands). */
export interface MatchEnv {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

/**
 * A compiled query: `details`, when given, receives the array position for positional `$`;
 * `env` feeds `$expr`.
 */
export type Matcher = (doc: Document, details?: MatchDetails, env?: MatchEnv) => boolean;

type Clause =
  | { readonly kind: 'leaf'; readonly pred: Pred; readonly expand: boolean }
  | { readonly kind: 'not'; readonly clauses: readonly Clause[] };

const leaf = (pred: Pred, expand = true): Clause => ({ kind: 'leaf', pred, expand });
const not = (clauses: readonly Clause[]): Clause => ({ kind: 'not', clauses });

const LOGICAL = new Set(['$and', '$or', '$nor']);
const UNSUPPORTED = new Set([
  '$where',
  '$text',
  '$jsonSchema',
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$within',
]);

function and(matchers: readonly Matcher[]): Matcher {
  if (matchers.length === 0) return () => true;
  if (matchers.length === 1) return matchers[0] as Matcher;
  return (doc, details, env) => {
    for (const m of matchers) if (!m(doc, details, env)) return false;
    return true;
  };
}

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isDocument(v) && (Object.keys(v)[0]?.startsWith('$') ?? false);

function regexClause(pattern: unknown, options: unknown): Clause {
  let source: string;
  let opts = typeof options === 'string' ? options : '';
  if (options !== undefined && typeof options !== 'string') {
    throw engineError('BadValue', '$options has to be a string');
  }
  if (typeof pattern === 'string') source = pattern;
  else if (isRegexValue(pattern)) {
    const s = regexSource(pattern);
    if (s.options && opts) throw engineError('BadValue', 'options set in both $regex and $options');
    source = s.pattern;
    opts = opts || s.options;
  } else throw engineError('BadValue', '$regex has to be a string');
  return leaf(regexPred(source, opts));
}

function elemMatchPred(arg: unknown): Pred {
  if (!isDocument(arg)) throw engineError('BadValue', '$elemMatch needs an Object');
  const first = Object.keys(arg)[0];
  if (first?.startsWith('$') && !LOGICAL.has(first) && first !== '$expr') {
    // The value form: operators applied to each element itself.
    const preds = parseOperators(arg).map(singlePred);
    return (v, details) => {
      if (!Array.isArray(v)) return false;
      for (let k = 0; k < v.length; k++) {
        const e: unknown = v[k];
        if (preds.every((p) => p(e))) {
          if (details) details.position = k;
          return true;
        }
      }
      return false;
    };
  }
  const match = compileQuery(arg);
  return (v, details) => {
    if (!Array.isArray(v)) return false;
    for (let k = 0; k < v.length; k++) {
      const e: unknown = v[k];
      if (isDocument(e) && match(e)) {
        if (details) details.position = k;
        return true;
      }
    }
    return false;
  };
}

function allClauses(arg: unknown): Clause[] {
  if (!Array.isArray(arg)) throw engineError('BadValue', '$all needs an array');
  const list = arg as unknown[];
  if (list.length === 0) return [leaf(() => false, false)];
  const elemMatches = list.filter((x) => isDocument(x) && Object.keys(x)[0] === '$elemMatch');
  if (elemMatches.length > 0) {
    if (elemMatches.length !== list.length) {
      throw engineError('BadValue', '$all/$elemMatch has to be consistent');
    }
    return list.map((x) => leaf(elemMatchPred((x as { $elemMatch: unknown }).$elemMatch), false));
  }
  return list.map((x) => {
    if (isRegexValue(x)) return regexClause(x, undefined);
    if (isOperatorObject(x)) throw engineError('BadValue', 'no $ expressions in $all');
    return leaf(eqPred(x));
  });
}

function inList(op: string, arg: unknown): unknown[] {
  if (!Array.isArray(arg)) throw engineError('BadValue', `${op} needs an array`);
  for (const x of arg as unknown[]) {
    if (isOperatorObject(x)) throw engineError('BadValue', `cannot nest $ under ${op}`);
  }
  return arg as unknown[];
}

function parseOperators(ops: Record<string, unknown>): Clause[] {
  const clauses: Clause[] = [];
  if ('$options' in ops && !('$regex' in ops)) {
    throw engineError('BadValue', '$options needs a $regex');
  }
  for (const [op, arg] of Object.entries(ops)) {
    switch (op) {
      case '$eq':
        clauses.push(leaf(eqPred(arg)));
        break;
      case '$ne':
        clauses.push(not([leaf(eqPred(arg))]));
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        clauses.push(leaf(cmpPred(op, arg)));
        break;
      case '$in':
        clauses.push(leaf(inPred(inList(op, arg))));
        break;
      case '$nin':
        clauses.push(not([leaf(inPred(inList(op, arg)))]));
        break;
      case '$exists': {
        const exists = leaf((v) => v !== undefined, false);
        clauses.push(isTruthy(arg) ? exists : not([exists]));
        break;
      }
      case '$type':
        clauses.push(leaf(typePred(arg)));
        break;
      case '$regex':
        clauses.push(regexClause(arg, ops.$options));
        break;
      case '$options':
        break;
      case '$not':
        if (isRegexValue(arg)) clauses.push(not([regexClause(arg, undefined)]));
        else if (isDocument(arg)) {
          if (Object.keys(arg).length === 0) throw engineError('BadValue', '$not cannot be empty');
          if (!isOperatorObject(arg))
            throw engineError('BadValue', '$not needs a regex or a document');
          clauses.push(not(parseOperators(arg)));
        } else throw engineError('BadValue', '$not needs a regex or a document');
        break;
      case '$elemMatch':
        clauses.push(leaf(elemMatchPred(arg), false));
        break;
      case '$size':
        clauses.push(leaf(sizePred(arg), false));
        break;
      case '$all':
        clauses.push(...allClauses(arg));
        break;
      case '$mod':
        clauses.push(leaf(modPred(arg)));
        break;
      case '$bitsAllSet':
      case '$bitsAllClear':
      case '$bitsAnySet':
      case '$bitsAnyClear':
        clauses.push(leaf(bitsPred(op, arg)));
        break;
      case '$comment':
        break;
      default:
        if (UNSUPPORTED.has(op)) {
          throw engineError('NotImplemented', `${op} is not supported by the embedded server`);
        }
        throw engineError('BadValue', `unknown operator: ${op}`);
    }
  }
  return clauses;
}

/** A clause applied to one value, without path traversal (for `$elemMatch` on values). */
function singlePred(clause: Clause): Pred {
  if (clause.kind === 'leaf') return clause.pred;
  const inner = clause.clauses.map(singlePred);
  return (v) => !inner.every((p) => p(v));
}

function clauseMatcher(path: CompiledPath, clause: Clause): Matcher {
  if (clause.kind === 'leaf') {
    const { pred, expand } = clause;
    return (doc, details) => anyAtPath(doc, path, expand, pred, details);
  }
  const inner = and(clause.clauses.map((c) => clauseMatcher(path, c)));
  return (doc) => !inner(doc);
}

function compileField(dotted: string, condition: unknown): Matcher {
  const path = compilePath(dotted);
  let clauses: Clause[];
  if (isRegexValue(condition)) clauses = [regexClause(condition, undefined)];
  else if (isOperatorObject(condition)) clauses = parseOperators(condition);
  else clauses = [leaf(eqPred(condition))];
  return and(clauses.map((c) => clauseMatcher(path, c)));
}

function subQueries(op: string, arg: unknown): Matcher[] {
  if (!Array.isArray(arg)) throw engineError('BadValue', `${op} must be an array`);
  if (arg.length === 0) throw engineError('BadValue', '$and/$or/$nor must be a nonempty array');
  return (arg as unknown[]).map((q) => {
    if (!isDocument(q))
      throw engineError('BadValue', '$or/$and/$nor entries need to be full objects');
    return compileQuery(q);
  });
}

function compileTopLevel(op: string, arg: unknown): Matcher {
  switch (op) {
    case '$and':
      return and(subQueries(op, arg));
    case '$or': {
      const subs = subQueries(op, arg);
      return (doc, details, env) => subs.some((m) => m(doc, details, env));
    }
    case '$nor': {
      const subs = subQueries(op, arg);
      return (doc, _details, env) => !subs.some((m) => m(doc, undefined, env));
    }
    case '$expr': {
      const expr = compileExpression(arg);
      return (doc, _details, env) =>
        isTruthy(expr(rootContext(doc, env?.now ?? new Date(), env?.vars ?? {})));
    }
    case '$comment':
    case '$alwaysTrue':
      return () => true;
    case '$alwaysFalse':
      return () => false;
    default:
      if (UNSUPPORTED.has(op)) {
        throw engineError('NotImplemented', `${op} is not supported by the embedded server`);
      }
      throw engineError(
        'BadValue',
        `unknown top level operator: ${op}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
      );
  }
}

/** Compiles a query document; the result may record the matched array position. */
export function compileQuery(filter: Document): Matcher {
  if (!isDocument(filter)) throw engineError('BadValue', 'query filter must be an object');
  return and(
    Object.entries(filter).map(([key, value]) =>
      key.startsWith('$') ? compileTopLevel(key, value) : compileField(key, value),
    ),
  );
}

export interface FilterOptions {
  /** Variables for `$expr` (the command's `let`). */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** "Now" for `$$NOW` in `$expr`. @defaultValue the time of each match */
  readonly now?: Date;
}

export function compileFilter(
  filter: Document,
  options: FilterOptions = {},
): (doc: Document) => boolean {
  const match = compileQuery(filter);
  if (!options.variables && !options.now) return (doc) => match(doc);
  const env = { vars: options.variables ?? {}, now: options.now ?? new Date() };
  return (doc) => match(doc, undefined, env);
}

/** The position the positional `$` operator stands for, or undefined when the query records none. */
export function matchPosition(query: Document, doc: Document): number | undefined {
  const details: MatchDetails = { position: undefined };
  return compileQuery(query)(doc, details) ? details.position : undefined;
}

/**
 * Applying projections. Inclusion keeps the document's field order and appends computed fields
 * in specification order; exclusion copies everything else; dotted paths reach into arrays of
 * sub-documents; `$slice` keeps the other fields (unlike mingo).
 */
import type { Document } from 'bson';
import { isDocument } from './bson-type.js';
import { locationError } from './errors.js';
import type { ExprContext } from './expression.js';
import { compileQuery, type Matcher, type MatchDetails } from './filter.js';
import { getField } from './path.js';
import {
  isNode,
  parseProjection,
  parseUnset,
  type Leaf,
  type Node,
  type ParsedProjection,
  type ProjectionKind,
} from './projection-tree.js';

export interface ProjectionOptions {
  /** The find query, needed by the positional `$` projection. */
  readonly query?: Document;
  /** Variables for computed fields (the command's `let`). */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** "Now" for `$$NOW`. @defaultValue the time of the call */
  readonly now?: Date;
}

interface ApplyContext {
  readonly expr: ExprContext;
  readonly position: () => number | undefined;
}

function slice(v: unknown, leaf: Extract<Leaf, { kind: 'slice' }>): unknown {
  if (!Array.isArray(v)) return v;
  const list = v as unknown[];
  if (leaf.skip === undefined) {
    return leaf.limit >= 0
      ? list.slice(0, leaf.limit)
      : list.slice(Math.max(0, list.length + leaf.limit));
  }
  const start = leaf.skip >= 0 ? leaf.skip : Math.max(0, list.length + leaf.skip);
  return list.slice(start, start + leaf.limit);
}

function elemMatch(v: unknown, match: Matcher): unknown {
  const details: MatchDetails = { position: undefined };
  if (!Array.isArray(v) || !match({ v }, details) || details.position === undefined)
    return undefined;
  return [v[details.position]];
}

function positional(v: unknown, ctx: ApplyContext): unknown {
  if (!Array.isArray(v)) return v;
  const pos = ctx.position();
  if (pos === undefined || pos >= v.length) {
    throw locationError(
      51246,
      "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
    );
  }
  return [v[pos]];
}

/** Phase one of an inclusion: the included fields, in the document's order. */
function includeDoc(
  doc: Record<string, unknown>,
  node: Node,
  ctx: ApplyContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const c = node.children.get(k);
    if (c === undefined) continue;
    let r: unknown;
    if (isNode(c)) r = includeValue(v, c, ctx);
    else if (c.kind === 'include') r = v;
    else if (c.kind === 'slice') r = slice(v, c);
    else if (c.kind === 'elemMatch') r = elemMatch(v, c.match);
    else if (c.kind === 'positional') r = positional(v, ctx);
    if (r !== undefined) out[k] = r;
  }
  return out;
}

function includeValue(v: unknown, node: Node, ctx: ApplyContext): unknown {
  if (isDocument(v)) return includeDoc(v, node, ctx);
  if (Array.isArray(v)) {
    return (v as unknown[]).map((e) => includeValue(e, node, ctx)).filter((e) => e !== undefined);
  }
  return undefined;
}

/** Phase two: computed fields, merged into sub-documents and mapped over arrays. */
function applyExpressions(out: Record<string, unknown>, node: Node, ctx: ApplyContext): void {
  for (const k of node.computedOrder) {
    const c = node.children.get(k) as Node | Leaf;
    if (isNode(c)) out[k] = expressionsOnValue(getField(out, k), c, ctx);
    else if (c.kind === 'computed') {
      const v = c.expr(ctx.expr);
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
  }
}

function expressionsOnValue(v: unknown, node: Node, ctx: ApplyContext): unknown {
  if (Array.isArray(v)) return (v as unknown[]).map((e) => expressionsOnValue(e, node, ctx));
  // A scalar or missing value is replaced by a document of the computed fields.
  const out = isDocument(v) ? { ...v } : {};
  applyExpressions(out, node, ctx);
  return out;
}

function excludeDoc(doc: Record<string, unknown>, node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const c = node.children.get(k);
    if (c === undefined) out[k] = v;
    else if (isNode(c)) out[k] = excludeValue(v, c);
    else if (c.kind === 'slice') out[k] = slice(v, c);
    else if (c.kind !== 'exclude') out[k] = v;
  }
  return out;
}

function excludeValue(v: unknown, node: Node): unknown {
  if (isDocument(v)) return excludeDoc(v, node);
  if (Array.isArray(v)) return (v as unknown[]).map((e) => excludeValue(e, node));
  return v;
}

/** Variables and clock supplied when a compiled projection runs (pipelines bind `let` per run). */
export interface ProjectionEnv {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

export type CompiledProjection = (doc: Document, env?: ProjectionEnv) => Document;

function build(
  parsed: ParsedProjection,
  kind: ProjectionKind,
  options: ProjectionOptions,
): CompiledProjection {
  const positionMatcher =
    parsed.positional && options.query ? compileQuery(options.query) : undefined;
  return (doc, env) => {
    const now = env?.now ?? options.now ?? new Date();
    const ctx: ApplyContext = {
      expr: { root: doc, current: doc, vars: env?.vars ?? options.variables ?? {}, now },
      position: () => {
        if (!positionMatcher) return undefined;
        const details: MatchDetails = { position: undefined };
        return positionMatcher(doc, details) ? details.position : undefined;
      },
    };
    if (kind === 'addFields') {
      const out = { ...doc };
      applyExpressions(out, parsed.root, ctx);
      return out;
    }
    if (!parsed.inclusion) return excludeDoc(doc, parsed.root);
    const out = includeDoc(doc, parsed.root, ctx);
    applyExpressions(out, parsed.root, ctx);
    return out;
  };
}

/** Compiles a projection once, for applying it to many documents. */
export function compileProjection(
  projection: Document,
  kind: ProjectionKind = 'find',
  options: ProjectionOptions = {},
): CompiledProjection {
  return build(parseProjection(projection, kind), kind, options);
}

const cache = new WeakMap<
  Document,
  {
    query: Document | undefined;
    variables: ProjectionOptions['variables'];
    compiled: CompiledProjection;
  }
>();

/**
 * Applies a find projection. The compiled projection is cached per projection object (and
 * query), so applying one projection to many documents parses it once. The positional `$`
 * projection needs `options.query`.
 */
export function applyProjection(
  doc: Document,
  projection: Document | undefined,
  options?: ProjectionOptions,
): Document {
  if (!projection || Object.keys(projection).length === 0) return doc;
  const query = options?.query;
  const variables = options?.variables;
  let entry = cache.get(projection);
  if (!entry || entry.query !== query || entry.variables !== variables) {
    const compileOptions = { ...(query ? { query } : {}), ...(variables ? { variables } : {}) };
    entry = { query, variables, compiled: compileProjection(projection, 'find', compileOptions) };
    cache.set(projection, entry);
  }
  return entry.compiled(doc, { vars: variables ?? {}, now: options?.now ?? new Date() });
}

/** The compiled exclusion of a `$unset` stage. */
export function compileUnset(fields: unknown): CompiledProjection {
  return build(parseUnset(fields), 'project', {});
}

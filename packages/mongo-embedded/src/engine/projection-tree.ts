/**
 * Parsing of projection specifications (find projections, `$project`, `$addFields`, `$unset`)
 * into a tree of path components, with MongoDB's mode rules: inclusion and exclusion cannot mix
 * (except `_id`), computed fields imply inclusion, `$slice` alone keeps the other fields.
 */
import type { Document } from 'bson';
import { isDocument } from './bson-type.js';
import { engineError, locationError } from './errors.js';
import { compileExpression, type CompiledExpr } from './expression.js';
import { compileQuery, type Matcher } from './filter.js';
import { isNumeric, toDouble } from './numeric.js';

export type Leaf =
  | { readonly kind: 'include' }
  | { readonly kind: 'exclude' }
  | { readonly kind: 'computed'; readonly expr: CompiledExpr }
  | { readonly kind: 'slice'; readonly skip: number | undefined; readonly limit: number }
  | { readonly kind: 'elemMatch'; readonly match: Matcher }
  | { readonly kind: 'positional' };

export interface Node {
  readonly children: Map<string, Node | Leaf>;
  /** Children holding computed fields, in specification order. */
  readonly computedOrder: string[];
}

export const isNode = (x: Node | Leaf): x is Node => 'children' in x;

export type ProjectionKind = 'find' | 'project' | 'addFields';

export interface ParsedProjection {
  readonly root: Node;
  readonly inclusion: boolean;
  readonly positional: boolean;
}

const newNode = (): Node => ({ children: new Map(), computedOrder: [] });

function insert(root: Node, parts: readonly string[], leaf: Leaf, dotted: string): void {
  let node = root;
  const chain: Node[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    let next = node.children.get(part);
    if (next === undefined) {
      next = newNode();
      node.children.set(part, next);
    } else if (!isNode(next)) {
      throw locationError(31250, `Path collision at ${dotted}`);
    }
    chain.push(node);
    node = next;
  }
  const last = parts[parts.length - 1] as string;
  if (node.children.has(last)) throw locationError(31250, `Path collision at ${dotted}`);
  node.children.set(last, leaf);
  if (leaf.kind === 'computed') {
    node.computedOrder.push(last);
    // Every ancestor now leads to a computed field.
    for (let i = chain.length - 1; i >= 0; i--) {
      const parent = chain[i] as Node;
      const key = parts[i] as string;
      if (!parent.computedOrder.includes(key)) parent.computedOrder.push(key);
    }
  }
}

function sliceLeaf(arg: unknown): Leaf {
  if (isNumeric(arg)) return { kind: 'slice', skip: undefined, limit: toDouble(arg) };
  if (Array.isArray(arg) && arg.length === 2 && arg.every(isNumeric)) {
    const limit = toDouble(arg[1]);
    if (limit <= 0) throw locationError(28724, `$slice limit must be positive`);
    return { kind: 'slice', skip: toDouble(arg[0]), limit };
  }
  throw locationError(
    28667,
    'Invalid $slice syntax. The given syntax did not match the find() syntax because :: Location31273: $slice only supports numbers and [skip, limit] arrays',
  );
}

/** A find-only projection operator (`$slice`, `$elemMatch`, `$meta`), or undefined for an expression. */
function findOperator(path: string, value: Record<string, unknown>): Leaf | undefined {
  const [op] = Object.keys(value);
  if (
    op === '$slice' &&
    (isNumeric(value.$slice) || (Array.isArray(value.$slice) && value.$slice.every(isNumeric)))
  ) {
    return sliceLeaf(value.$slice);
  }
  if (op === '$elemMatch') {
    if (path.includes('.'))
      throw locationError(31275, 'Cannot use $elemMatch projection on a nested field.');
    if (!isDocument(value.$elemMatch)) throw engineError('BadValue', '$elemMatch needs an Object');
    return { kind: 'elemMatch', match: compileQuery({ v: { $elemMatch: value.$elemMatch } }) };
  }
  if (op === '$meta')
    throw engineError('NotImplemented', '$meta projection is not supported by the embedded server');
  return undefined;
}

export function parseProjection(spec: Document, kind: ProjectionKind): ParsedProjection {
  if (!isDocument(spec)) throw engineError('BadValue', 'projection must be an object');
  const root = newNode();
  let mode: 'inclusion' | 'exclusion' | undefined;
  let positional = false;
  let idLeaf: Leaf | undefined;

  const decide = (want: 'inclusion' | 'exclusion', path: string, computed: boolean): void => {
    if (mode === undefined || mode === want) {
      mode = want;
      return;
    }
    if (computed)
      throw locationError(31310, 'Cannot use expression other than $meta in exclusion projection');
    throw want === 'exclusion'
      ? locationError(31254, `Cannot do exclusion on field ${path} in inclusion projection`)
      : locationError(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
  };

  const visit = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (key === '')
        throw locationError(40352, 'FieldPath cannot be constructed with empty string');
      let path = prefix ? `${prefix}.${key}` : key;
      let isPositional = false;
      if (kind === 'find' && path.endsWith('.$')) {
        if (positional)
          throw engineError('BadValue', 'Cannot specify more than one positional proj. per query.');
        positional = isPositional = true;
        path = path.slice(0, -2);
      }
      if (
        path
          .split('.')
          .some((p) => p === '' || (p.startsWith('$') && !(kind === 'find' && p === '$')))
      ) {
        throw locationError(
          16410,
          `FieldPath field names may not start with '$'. Consider using $getField or $setField.`,
        );
      }
      const isId = path === '_id';
      let leaf: Leaf;
      if (kind !== 'addFields' && (typeof value === 'boolean' || isNumeric(value))) {
        const include = typeof value === 'boolean' ? value : toDouble(value) !== 0;
        if (isPositional && !include) {
          throw locationError(31395, 'positional projection cannot be used with exclusion');
        }
        leaf = isPositional ? { kind: 'positional' } : { kind: include ? 'include' : 'exclude' };
        if (!isId) decide(include ? 'inclusion' : 'exclusion', path, false);
      } else if (isDocument(value) && !Object.keys(value)[0]?.startsWith('$')) {
        if (Object.keys(value).length === 0) {
          throw locationError(
            51270,
            'An empty sub-projection is not a valid value. Found empty object at path',
          );
        }
        visit(value, path);
        continue;
      } else {
        const op = kind === 'find' && isDocument(value) ? findOperator(path, value) : undefined;
        leaf = op ?? { kind: 'computed', expr: compileExpression(value) };
        if (kind !== 'addFields' && leaf.kind !== 'slice' && !isId) {
          decide('inclusion', path, leaf.kind === 'computed');
        }
      }
      if (isId) idLeaf = leaf;
      insert(root, path.split('.'), leaf, path);
    }
  };
  visit(spec, '');
  if (mode === undefined && idLeaf && idLeaf.kind !== 'exclude' && kind !== 'addFields')
    mode = 'inclusion';
  const inclusion = mode === 'inclusion';
  if (inclusion && !idLeaf) root.children.set('_id', { kind: 'include' });
  if (kind === 'project' && root.children.size === 0) {
    throw locationError(51272, 'projection specification must have at least one field');
  }
  return { root, inclusion, positional };
}

/** The tree of a `$unset` stage: exclusion of each listed path. */
export function parseUnset(fields: unknown): ParsedProjection {
  const list = typeof fields === 'string' ? [fields] : fields;
  if (!Array.isArray(list) || list.length === 0 || !list.every((f) => typeof f === 'string')) {
    throw locationError(31002, '$unset specification must be a string or an array of strings');
  }
  return parseProjection(Object.fromEntries(list.map((f) => [f, 0])), 'project');
}

import type { ChangeLevel } from './diff-schema.js';

/** A JSON Schema node as `z.toJSONSchema` emits it. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface EventChange {
  /** Where in the payload: `lines[].quantity`; empty for the payload itself. */
  readonly path: string;
  readonly level: ChangeLevel;
  readonly message: string;
}

// Keywords that do not change which payloads are valid.
const ignored = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
]);
// Keywords whose change redefines the type wholesale; we do not reason inside them.
const structural = ['anyOf', 'oneOf', 'allOf', 'not', '$ref', '$defs', 'prefixItems'];
// Handled field by field below.
const walked = new Set(['type', 'const', 'enum', 'properties', 'required', 'items', ...structural]);

/**
 * Compares two versions of an event payload's JSON Schema from the point of view of a rolling
 * deploy, where payloads written by either version meet consumers of either version:
 * - breaking: a field removed, a type changed, optional made required or required made
 *   optional, a required field added, an enum value removed, a `const` changed;
 * - dangerous (shown, not failed): an enum value added, a constraint (min, max, pattern,
 *   format, ...) changed;
 * - safe: an optional field added.
 */
export function diffJsonSchemas(base: JsonSchema, next: JsonSchema, path = ''): EventChange[] {
  const at = path === '' ? 'the payload' : `\`${path}\``;
  if (typeof base === 'boolean' || typeof next === 'boolean') {
    return base === next
      ? []
      : [{ path, level: 'BREAKING', message: `${at} changed from ${show(base)} to ${show(next)}` }];
  }
  const baseTypes = typesOf(base);
  const nextTypes = typesOf(next);
  if (baseTypes !== nextTypes) {
    return [
      {
        path,
        level: 'BREAKING',
        message: `${at} changed type from ${baseTypes || 'any'} to ${nextTypes || 'any'}`,
      },
    ];
  }
  for (const keyword of structural) {
    if (canonical(base[keyword]) !== canonical(next[keyword])) {
      return [{ path, level: 'BREAKING', message: `${at} changed type (\`${keyword}\` differs)` }];
    }
  }
  const changes: EventChange[] = [];
  if (canonical(base['const']) !== canonical(next['const'])) {
    changes.push({
      path,
      level: 'BREAKING',
      message: `${at} changed constant from ${show(base['const'])} to ${show(next['const'])}`,
    });
  }
  changes.push(...diffEnums(base['enum'], next['enum'], path, at));
  for (const keyword of [...new Set([...Object.keys(base), ...Object.keys(next)])].sort()) {
    if (ignored.has(keyword) || walked.has(keyword)) continue;
    if (canonical(base[keyword]) !== canonical(next[keyword])) {
      changes.push({
        path,
        level: 'DANGEROUS',
        message: `${at}: \`${keyword}\` changed from ${show(base[keyword])} to ${show(next[keyword])}`,
      });
    }
  }
  if (base['items'] !== undefined || next['items'] !== undefined) {
    changes.push(...diffJsonSchemas(asSchema(base['items']), asSchema(next['items']), `${path}[]`));
  }
  changes.push(...diffProperties(base, next, path));
  return changes;
}

function diffProperties(
  base: { readonly [k: string]: unknown },
  next: { readonly [k: string]: unknown },
  path: string,
): EventChange[] {
  const baseProps = propertiesOf(base);
  const nextProps = propertiesOf(next);
  const baseRequired = requiredOf(base);
  const nextRequired = requiredOf(next);
  const changes: EventChange[] = [];
  const child = (name: string): string => (path === '' ? name : `${path}.${name}`);
  for (const [name, schema] of Object.entries(baseProps)) {
    const p = child(name);
    const nextSchema = nextProps[name];
    if (nextSchema === undefined) {
      changes.push({ path: p, level: 'BREAKING', message: `field \`${p}\` was removed` });
      continue;
    }
    if (baseRequired.has(name) && !nextRequired.has(name)) {
      changes.push({
        path: p,
        level: 'BREAKING',
        message: `field \`${p}\` became optional: consumers that rely on it will miss it`,
      });
    } else if (!baseRequired.has(name) && nextRequired.has(name)) {
      changes.push({
        path: p,
        level: 'BREAKING',
        message: `field \`${p}\` became required: payloads already queued may lack it`,
      });
    }
    changes.push(...diffJsonSchemas(schema, nextSchema, p));
  }
  for (const name of Object.keys(nextProps)) {
    if (name in baseProps) continue;
    const p = child(name);
    changes.push(
      nextRequired.has(name)
        ? {
            path: p,
            level: 'BREAKING',
            message: `required field \`${p}\` was added: payloads already queued lack it`,
          }
        : { path: p, level: 'NON_BREAKING', message: `optional field \`${p}\` was added` },
    );
  }
  return changes;
}

function diffEnums(base: unknown, next: unknown, path: string, at: string): EventChange[] {
  if (!Array.isArray(base) || !Array.isArray(next)) {
    return canonical(base) === canonical(next)
      ? []
      : [
          {
            path,
            level: 'BREAKING',
            message: `${at} changed its allowed values from ${show(base)} to ${show(next)}`,
          },
        ];
  }
  const before = new Set(base.map(canonical));
  const after = new Set(next.map(canonical));
  return [
    ...[...before]
      .filter((v) => !after.has(v))
      .map((v): EventChange => ({
        path,
        level: 'BREAKING',
        message: `${at}: enum value ${v} was removed`,
      })),
    ...[...after]
      .filter((v) => !before.has(v))
      .map((v): EventChange => ({
        path,
        level: 'DANGEROUS',
        message: `${at}: enum value ${v} was added (consumers of the previous version reject it)`,
      })),
  ];
}

function typesOf(schema: { readonly [k: string]: unknown }): string {
  const type = schema['type'];
  const list = Array.isArray(type)
    ? type.map((t) => (typeof t === 'string' ? t : JSON.stringify(t)))
    : type === undefined
      ? []
      : [typeof type === 'string' ? type : JSON.stringify(type)];
  return [...new Set(list)].sort().join(' | ');
}

function propertiesOf(schema: { readonly [k: string]: unknown }): Record<string, JsonSchema> {
  const props = schema['properties'];
  return typeof props === 'object' && props !== null ? (props as Record<string, JsonSchema>) : {};
}

function requiredOf(schema: { readonly [k: string]: unknown }): Set<string> {
  const required = schema['required'];
  return new Set(Array.isArray(required) ? required.map(String) : []);
}

function asSchema(value: unknown): JsonSchema {
  if (value === undefined) return true;
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null)
    ? (value as JsonSchema)
    : true;
}

/** JSON with sorted keys, so key order never counts as a change. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : canonical(value);
}

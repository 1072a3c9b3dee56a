import type { ASTNode, ConstDirectiveNode, DocumentNode, TypeNode } from 'graphql';
import { Kind } from './graphql-runtime.js';

/** What a subgraph's SDL says about one type, from its definition and any extensions. */
export interface SdlType {
  /** The first definition or extension of the type, to point findings at. */
  readonly node: ASTNode;
  /**
   * The fields this subgraph resolves (not `@external`), its input fields, or its enum values;
   * `@inaccessible` ones are left out, since clients cannot see them.
   */
  readonly members: ReadonlyMap<string, SdlMember>;
  /** `@interfaceObject`: its fields reach every implementation of the interface. */
  readonly interfaceObject: boolean;
}

export interface SdlMember {
  readonly node: ASTNode;
  /** The declared type of a field or input field; absent for an enum value. */
  readonly type?: TypeNode;
}

/** A subgraph SDL's client-relevant types by name. */
export type SdlModel = ReadonlyMap<string, SdlType>;

/** Federation's own definitions (`_Entity`, `_Any`, `link__Import`, `federation__Scope`, …). */
const isFederationType = (name: string): boolean => name.startsWith('_') || name.includes('__');
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * Reads the types of a subgraph SDL document without building a schema, so it works on SDL that
 * parses but does not validate (an interface field the type no longer provides).
 */
export function sdlModel(document: DocumentNode): SdlModel {
  const types = new Map<string, { node: ASTNode; members: Map<string, SdlMember>; io: boolean }>();
  const hidden = new Set<string>();
  for (const def of document.definitions) {
    if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    if (def.kind === Kind.OPERATION_DEFINITION || def.kind === Kind.FRAGMENT_DEFINITION) continue;
    const name = def.name.value;
    if (isFederationType(name)) continue;
    const directives = def.directives ?? [];
    if (has(directives, 'inaccessible')) hidden.add(name);
    let type = types.get(name);
    if (!type) {
      type = { node: def, members: new Map(), io: false };
      types.set(name, type);
    }
    if (has(directives, 'interfaceObject')) type.io = true;
    const fields = 'fields' in def ? (def.fields ?? []) : [];
    for (const field of fields) {
      const own = field.directives ?? [];
      if (FEDERATION_FIELDS.has(field.name.value)) continue;
      if (has(own, 'external') || has(own, 'inaccessible')) continue;
      type.members.set(field.name.value, { node: field, type: field.type });
    }
    const values = 'values' in def ? (def.values ?? []) : [];
    for (const value of values) {
      if (has(value.directives ?? [], 'inaccessible')) continue;
      type.members.set(value.name.value, { node: value });
    }
  }
  const model = new Map<string, SdlType>();
  for (const [name, t] of types) {
    if (hidden.has(name)) continue;
    model.set(name, { node: t.node, members: t.members, interfaceObject: t.io });
  }
  return model;
}

/** Whether a federation directive is applied, by its imported or its `federation__` name. */
function has(directives: readonly ConstDirectiveNode[], name: string): boolean {
  return directives.some((d) => d.name.value === name || d.name.value === `federation__${name}`);
}

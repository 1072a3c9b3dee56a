import type { ASTNode, DocumentNode, GraphQLSchema, TypeNode } from 'graphql';
import {
  ChangeType,
  enumValueRemovedFromMeta,
  fieldRemovedFromMeta,
  fieldTypeChangedFromMeta,
  inputFieldRemovedFromMeta,
  inputFieldTypeChangedFromMeta,
  typeRemovedFromMeta,
} from '@graphql-inspector/core';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parseType,
  print,
} from './graphql-runtime.js';
import { toSchemaChange, type SchemaChange } from './diff-schema.js';
import { sdlModel } from './subgraph-sdl-model.js';

/** One subgraph's SDL now and at the base, both parsed. */
export interface SubgraphPair {
  readonly name: string;
  readonly next: DocumentNode;
  readonly base: DocumentNode;
}

/** A change to the client-facing API that one subgraph's SDL change implies. */
export interface SubgraphChange {
  readonly change: SchemaChange;
  /** The subgraph whose SDL made it. */
  readonly subgraph: string;
  /** The node in that subgraph's new SDL: the field, or its type when the field is gone. */
  readonly node?: ASTNode;
}

/**
 * The breaking changes to the base API schema implied by each subgraph's SDL change, found
 * without composing: removed types, fields, input fields and enum values, and changed field
 * types. An element counts as removed only if the base API schema has it (so `@inaccessible`
 * and federation definitions are ignored) and no other subgraph still provides it. `others` is
 * the present SDL of every subgraph not compared (its base SDL when the new one does not parse,
 * its new SDL when it is new since the base), which may still provide an element.
 */
export function subgraphChanges(
  pairs: readonly SubgraphPair[],
  others: readonly DocumentNode[],
  baseApi: GraphQLSchema,
): SubgraphChange[] {
  const models = pairs.map((p) => ({
    name: p.name,
    next: sdlModel(p.next),
    base: sdlModel(p.base),
  }));
  const otherModels = others.map(sdlModel);
  /** Whether a subgraph other than `self` provides `type` (or `type.member`) now. */
  const elsewhere = (self: string, type: string, member?: string): boolean =>
    [...models.filter((m) => m.name !== self).map((m) => m.next), ...otherModels].some((model) => {
      const t = model.get(type);
      return t !== undefined && (member === undefined || t.members.has(member));
    });

  const changes = new Map<string, SubgraphChange>();
  const add = (c: SubgraphChange): void => {
    const key = `${c.change.type} ${c.change.path ?? ''}`;
    if (!changes.has(key)) changes.set(key, c);
  };
  for (const { name, next, base } of models) {
    for (const [typeName, before] of base) {
      const after = next.get(typeName);
      const apiType = baseApi.getType(typeName);
      if (!apiType) continue;
      if (!after && !elsewhere(name, typeName)) {
        add({
          subgraph: name,
          change: toSchemaChange(
            typeRemovedFromMeta({
              type: ChangeType.TypeRemoved,
              meta: { removedTypeName: typeName },
            }),
          ),
        });
        continue;
      }
      // Through `@interfaceObject`, the fields reach every implementation too.
      const owners =
        before.interfaceObject && isInterfaceType(apiType)
          ? [typeName, ...baseApi.getPossibleTypes(apiType).map((t) => t.name)]
          : [typeName];
      for (const [member, was] of before.members) {
        const now = after?.members.get(member);
        const node = now?.node ?? after?.node;
        for (const owner of owners) {
          if (now === undefined) {
            if (elsewhere(name, typeName, member) || elsewhere(name, owner, member)) continue;
            const change = removal(baseApi, owner, member);
            if (change) add({ subgraph: name, change, ...(node ? { node } : {}) });
          } else if (now.type && was.type && print(now.type) !== print(was.type)) {
            const change = retyping(baseApi, owner, member, now.type);
            if (change) add({ subgraph: name, change, ...(node ? { node } : {}) });
          }
        }
      }
    }
  }
  return [...changes.values()];
}

/** The removal of `type.member` from the base API schema, if it has it. */
function removal(api: GraphQLSchema, typeName: string, member: string): SchemaChange | undefined {
  const type = api.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) return undefined;
    return toSchemaChange(
      fieldRemovedFromMeta({
        type: ChangeType.FieldRemoved,
        meta: {
          typeName,
          removedFieldName: member,
          isRemovedFieldDeprecated: field.deprecationReason != null,
          typeType: isInterfaceType(type) ? 'interface' : 'object type',
        },
      }),
    );
  }
  if (isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (!field) return undefined;
    return toSchemaChange(
      inputFieldRemovedFromMeta({
        type: ChangeType.InputFieldRemoved,
        meta: {
          inputName: typeName,
          removedFieldName: member,
          isInputFieldDeprecated: field.deprecationReason != null,
        },
      }),
    );
  }
  if (isEnumType(type)) {
    const value = type.getValue(member);
    if (!value) return undefined;
    return toSchemaChange(
      enumValueRemovedFromMeta({
        type: ChangeType.EnumValueRemoved,
        meta: {
          enumName: typeName,
          removedEnumValueName: member,
          isEnumValueDeprecated: value.deprecationReason != null,
        },
      }),
    );
  }
  return undefined;
}

/** `type.field` getting the type `next`, judged against its type in the base API schema. */
function retyping(
  api: GraphQLSchema,
  typeName: string,
  member: string,
  next: TypeNode,
): SchemaChange | undefined {
  const type = api.getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return undefined;
  const field = type.getFields()[member];
  if (!field) return undefined;
  const oldType = String(field.type);
  const newType = print(next);
  if (oldType === newType) return undefined;
  const old = parseType(oldType);
  if (isInputObjectType(type)) {
    return toSchemaChange(
      inputFieldTypeChangedFromMeta({
        type: ChangeType.InputFieldTypeChanged,
        meta: {
          inputName: typeName,
          inputFieldName: member,
          oldInputFieldType: oldType,
          newInputFieldType: newType,
          isInputFieldTypeChangeSafe: safeForInput(old, next),
        },
      }),
    );
  }
  return toSchemaChange(
    fieldTypeChangedFromMeta({
      type: ChangeType.FieldTypeChanged,
      meta: {
        typeName,
        fieldName: member,
        oldFieldType: oldType,
        newFieldType: newType,
        isSafeFieldTypeChange: safeForOutput(old, next),
      },
    }),
  );
}

// graphql-inspector's rules (`safeChangeForField`, `safeChangeForInputValue`), on type ASTs: an
// output may only gain non-null, an input may only lose it.

function safeForOutput(old: TypeNode, next: TypeNode): boolean {
  if (old.kind === Kind.NAMED_TYPE && next.kind === Kind.NAMED_TYPE) {
    return old.name.value === next.name.value;
  }
  if (next.kind === Kind.NON_NULL_TYPE) {
    return safeForOutput(old.kind === Kind.NON_NULL_TYPE ? old.type : old, next.type);
  }
  return old.kind === Kind.LIST_TYPE && next.kind === Kind.LIST_TYPE
    ? safeForOutput(old.type, next.type)
    : false;
}

function safeForInput(old: TypeNode, next: TypeNode): boolean {
  if (old.kind === Kind.NAMED_TYPE && next.kind === Kind.NAMED_TYPE) {
    return old.name.value === next.name.value;
  }
  if (old.kind === Kind.LIST_TYPE && next.kind === Kind.LIST_TYPE) {
    return safeForInput(old.type, next.type);
  }
  if (old.kind === Kind.NON_NULL_TYPE) {
    return safeForInput(old.type, next.kind === Kind.NON_NULL_TYPE ? next.type : next);
  }
  return false;
}

import { Supergraph } from '@apollo/federation-internals';
import { diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from './graphql-runtime.js';
import type { Acknowledgement } from './changelog.js';

/**
 * The client-facing API schema of a supergraph: what the gateway serves, without the join__ and
 * link__ machinery and without `@inaccessible` elements.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** graphql-inspector's criticality levels. */
export type ChangeLevel = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

export interface SchemaChange {
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  readonly type: string;
  /** Schema coordinate in graphql-inspector's form: `Type`, `Type.field`, `Type.field.arg`. */
  readonly path: string | undefined;
  readonly message: string;
  readonly level: ChangeLevel;
  readonly reason?: string;
}

/**
 * Every change between two API schemas, classified by graphql-inspector. Notably an output
 * field going from nullable to non-null is safe (clients already handle a value) while non-null
 * to nullable is breaking (clients that never expected null now get one); for arguments and
 * input fields it is the other way round.
 */
export async function diffApiSchemas(
  base: GraphQLSchema,
  next: GraphQLSchema,
): Promise<SchemaChange[]> {
  return (await diff(base, next)).map(toSchemaChange);
}

/** A graphql-inspector change in our shape. */
export function toSchemaChange(
  c: Pick<Change, 'type' | 'path' | 'message'> & {
    readonly criticality: { readonly level: string; readonly reason?: string | undefined };
  },
): SchemaChange {
  return {
    // `Change` defaults its type parameter to `any`; the type is a string enum member.
    type: String(c.type as unknown),
    path: c.path,
    message: c.message,
    level: c.criticality.level as ChangeLevel,
    ...(c.criticality.reason ? { reason: c.criticality.reason } : {}),
  };
}

/** The deprecation reason of the element at `path` in `schema`, if it is deprecated. */
export function deprecationIn(schema: GraphQLSchema, path: string): string | undefined {
  const [typeName, member, argName] = path.split('.');
  if (!typeName || !member) return undefined;
  const type = schema.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (argName === undefined) return field?.deprecationReason ?? undefined;
    return field?.args.find((a) => a.name === argName)?.deprecationReason ?? undefined;
  }
  if (argName !== undefined) return undefined;
  if (isInputObjectType(type)) return type.getFields()[member]?.deprecationReason ?? undefined;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason ?? undefined;
  return undefined;
}

export type BreakingVerdict =
  | { readonly change: SchemaChange; readonly allowed: false }
  | {
      readonly change: SchemaChange;
      readonly allowed: true;
      readonly by: 'deprecated';
      readonly deprecationReason: string;
    }
  | {
      readonly change: SchemaChange;
      readonly allowed: true;
      readonly by: 'acknowledged';
      readonly acknowledgement: Acknowledgement;
    };

/**
 * Decides each breaking change: allowed when the element was already `@deprecated` in the base
 * (so it was deprecated for at least one release), or when this change acknowledges it in the
 * changelog; otherwise it fails the check.
 */
export function judgeBreakingChanges(
  changes: readonly SchemaChange[],
  base: GraphQLSchema,
  acknowledgements: ReadonlyMap<string, Acknowledgement>,
): BreakingVerdict[] {
  return changes
    .filter((c) => c.level === 'BREAKING')
    .map((change): BreakingVerdict => {
      const path = change.path ?? '';
      const deprecationReason = deprecationIn(base, path);
      if (deprecationReason !== undefined) {
        return { change, allowed: true, by: 'deprecated', deprecationReason };
      }
      const acknowledgement = acknowledgements.get(path);
      if (acknowledgement) return { change, allowed: true, by: 'acknowledged', acknowledgement };
      return { change, allowed: false };
    });
}

import type { DocumentNode, ExecutableDefinitionNode, GraphQLSchema } from 'graphql';
import {
  getNamedType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from './graphql-runtime.js';

/** The schema coordinates one definition (operation or fragment) touches. */
interface DefinitionUsage {
  readonly coordinates: Set<string>;
  readonly spreads: Set<string>;
}

/**
 * The schema coordinates each operation of a document uses, fragments included: `Type` for every
 * type it selects or passes, `Type.field`, `Type.field.arg`, `Input.field` and `Enum.VALUE` for
 * literals. Elements unknown to `schema` are skipped, so usage is best computed against the base
 * schema, where a since-removed field still exists.
 */
export function operationUsage(
  document: DocumentNode,
  schema: GraphQLSchema,
): Map<string, ReadonlySet<string>> {
  const fragments = new Map<string, DefinitionUsage>();
  const operations = new Map<string, DefinitionUsage>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(def.name.value, definitionUsage(def, schema));
    } else if (def.kind === Kind.OPERATION_DEFINITION && def.name) {
      operations.set(def.name.value, definitionUsage(def, schema));
    }
  }
  const result = new Map<string, ReadonlySet<string>>();
  for (const [name, usage] of operations) {
    const all = new Set(usage.coordinates);
    const seen = new Set<string>();
    const queue = [...usage.spreads];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      const fragment = fragments.get(next);
      if (!fragment) continue;
      for (const c of fragment.coordinates) all.add(c);
      queue.push(...fragment.spreads);
    }
    result.set(name, all);
  }
  return result;
}

/** The fragment names each operation reaches, directly or through other fragments. */
export function fragmentsUsedBy(document: DocumentNode): Map<string, ReadonlySet<string>> {
  const direct = new Map<string, Set<string>>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.FRAGMENT_DEFINITION && def.kind !== Kind.OPERATION_DEFINITION) continue;
    const spreads = new Set<string>();
    visit(def, { FragmentSpread: (node) => void spreads.add(node.name.value) });
    direct.set(
      def.kind === Kind.FRAGMENT_DEFINITION
        ? `fragment:${def.name.value}`
        : `op:${def.name?.value ?? ''}`,
      spreads,
    );
  }
  const result = new Map<string, ReadonlySet<string>>();
  for (const [key, spreads] of direct) {
    if (!key.startsWith('op:')) continue;
    const reached = new Set<string>();
    const queue = [...spreads];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(...(direct.get(`fragment:${next}`) ?? []));
    }
    result.set(key.slice(3), reached);
  }
  return result;
}

function definitionUsage(def: ExecutableDefinitionNode, schema: GraphQLSchema): DefinitionUsage {
  const coordinates = new Set<string>();
  const spreads = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const addType = (name: string | undefined): void => {
    if (name && !name.startsWith('__')) coordinates.add(name);
  };
  visit(
    def,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || node.name.value.startsWith('__')) return;
        coordinates.add(`${parent.name}.${field.name}`);
        addType(getNamedType(field.type).name);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && typeInfo.getArgument()) {
          coordinates.add(`${parent.name}.${field.name}.${node.name.value}`);
        }
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) addType(getNamedType(type).name);
      },
      InlineFragment(node) {
        addType(node.typeCondition?.name.value);
      },
      FragmentDefinition(node) {
        addType(node.typeCondition.name.value);
      },
      FragmentSpread(node) {
        spreads.add(node.name.value);
      },
      ObjectField(node) {
        const input = typeInfo.getParentInputType();
        if (input) coordinates.add(`${getNamedType(input).name}.${node.name.value}`);
      },
      EnumValue(node) {
        const input = typeInfo.getInputType();
        if (input) coordinates.add(`${getNamedType(input).name}.${node.value}`);
      },
    }),
  );
  return { coordinates, spreads };
}

/**
 * Whether an operation using `usage` is affected by a change at `path`: it uses the element
 * itself; or, for an argument, its field (a new required argument breaks every caller); or, for
 * a type or an enum value, the type.
 */
export function usesPath(usage: ReadonlySet<string>, path: string, changeType: string): boolean {
  if (usage.has(path)) return true;
  const segments = path.split('.');
  if (segments.length >= 3 && usage.has(segments.slice(0, 2).join('.'))) return true;
  const typeLevel = segments.length === 1 || changeType.startsWith('ENUM_VALUE');
  return typeLevel && segments[0] !== undefined && usage.has(segments[0]);
}

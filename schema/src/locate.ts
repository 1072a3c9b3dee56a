import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ASTNode, DocumentNode, GraphQLError } from 'graphql';
import { getLocation, visit } from './graphql-runtime.js';
import type { Finding, SourceLocation } from './check-result.js';

/**
 * The file a parsed `Source` came from. graphql-js names unnamed sources "GraphQL request"; a
 * subgraph module that parsed its `schema.graphql` without naming it gets `fallback` instead.
 */
function fileOf(sourceName: string, fallback: string, rootDir: string): string {
  if (sourceName === '' || sourceName === 'GraphQL request') return fallback;
  const file = isAbsolute(sourceName) ? sourceName : resolve(rootDir, sourceName);
  return existsSync(file) || isAbsolute(sourceName) ? file : fallback;
}

/** The file, line and column of an AST node. */
export function locationOf(
  node: ASTNode | undefined,
  fallbackFile: string,
  rootDir: string,
): SourceLocation {
  const loc = node?.loc;
  if (!loc) return { file: fallbackFile };
  const { line, column } = getLocation(loc.source, loc.start);
  return { file: fileOf(loc.source.name, fallbackFile, rootDir), line, column };
}

/** Directive locations by the AST kind of the element a directive is applied to. */
const hostLocations: Readonly<Record<string, readonly string[]>> = {
  SchemaDefinition: ['SCHEMA'],
  SchemaExtension: ['SCHEMA'],
  ScalarTypeDefinition: ['SCALAR'],
  ScalarTypeExtension: ['SCALAR'],
  ObjectTypeDefinition: ['OBJECT'],
  ObjectTypeExtension: ['OBJECT'],
  FieldDefinition: ['FIELD_DEFINITION'],
  InputValueDefinition: ['ARGUMENT_DEFINITION', 'INPUT_FIELD_DEFINITION'],
  InterfaceTypeDefinition: ['INTERFACE'],
  InterfaceTypeExtension: ['INTERFACE'],
  UnionTypeDefinition: ['UNION'],
  UnionTypeExtension: ['UNION'],
  EnumTypeDefinition: ['ENUM'],
  EnumTypeExtension: ['ENUM'],
  EnumValueDefinition: ['ENUM_VALUE'],
  InputObjectTypeDefinition: ['INPUT_OBJECT'],
  InputObjectTypeExtension: ['INPUT_OBJECT'],
};

/**
 * Finds the node a node-less error is about. Federation reports a directive applied at the wrong
 * location ("Directive "@key" may not be used on FIELD_DEFINITION.") without an AST node, so
 * we look for the first application of that directive on that kind of element.
 */
export function findMisplacedDirective(
  document: DocumentNode,
  message: string,
): ASTNode | undefined {
  const match = /Directive "@([_A-Za-z][_0-9A-Za-z]*)" may not be used on ([A-Z_]+)/.exec(message);
  if (!match) return undefined;
  const [, name, location] = match;
  let found: ASTNode | undefined;
  visit(document, {
    enter(node) {
      if (found) return false;
      const directives = (node as { directives?: readonly { name: { value: string } }[] })
        .directives;
      const applied = directives?.find((d) => d.name.value === name);
      if (applied && location && hostLocations[node.kind]?.includes(location)) {
        found = applied as ASTNode;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Turns a GraphQL error (syntax, validation or composition) into a finding: its code, its
 * first location as the finding's location, and any further locations as details.
 */
export function findingFromGraphQLError(
  err: GraphQLError,
  opts: {
    fallbackFile: string;
    rootDir: string;
    document?: DocumentNode;
  },
): Finding {
  const nodes: readonly ASTNode[] = err.nodes ?? [];
  const code = typeof err.extensions['code'] === 'string' ? err.extensions['code'] : undefined;
  let locations: SourceLocation[] = nodes
    .filter((n) => n.loc)
    .map((n) => locationOf(n, opts.fallbackFile, opts.rootDir));
  if (locations.length === 0 && err.source && err.locations?.[0]) {
    // Syntax errors carry a source and a position but no node.
    const { line, column } = err.locations[0];
    locations = [{ file: fileOf(err.source.name, opts.fallbackFile, opts.rootDir), line, column }];
  }
  if (locations.length === 0 && opts.document) {
    const node = findMisplacedDirective(opts.document, err.message);
    if (node) locations = [locationOf(node, opts.fallbackFile, opts.rootDir)];
  }
  const [first, ...rest] = locations;
  const details = rest.map(
    (l) => `also at ${relative(opts.rootDir, l.file)}${l.line === undefined ? '' : `:${l.line}`}`,
  );
  return {
    severity: 'error',
    message: err.message,
    ...(code ? { code } : {}),
    location: first ?? { file: opts.fallbackFile },
    ...(details.length > 0 ? { details } : {}),
  };
}

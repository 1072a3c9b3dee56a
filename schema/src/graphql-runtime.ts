// Every runtime value of `graphql` this package uses, from the one copy Node loads.
//
// graphql 16 ships a CommonJS build (`main`) and an ES module build (`module`) without an
// `exports` map. Node, and so @apollo/* and @graphql-inspector, load the CommonJS build; Vitest
// resolves a bare `import 'graphql'` to the ES module build. Schemas and errors from one copy
// then fail the other's `instanceof` checks ("Cannot use GraphQLObjectType from another module
// or realm"). Requiring it pins this package to the copy the federation libraries use, in the
// CLI and under Vitest alike. Types still come from `import type ... from 'graphql'`.
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

const graphql = createRequire(import.meta.url)('graphql') as typeof GraphQL;

export const {
  buildSchema,
  getLocation,
  getNamedType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  parseType,
  print,
  printSchema,
  Source,
  TypeInfo,
  typeFromAST,
  validate,
  visit,
  visitWithTypeInfo,
} = graphql;

export type GraphQLError = GraphQL.GraphQLError;

import { createRequire } from 'node:module';
import { GraphQLSchema, parse, type GraphQLError } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../src/index.js';

// Regression: Vite resolved `graphql` to index.mjs while the @apollo/* libraries require index.js,
// so schemas and errors crossed two copies of graphql and every instanceof check failed in tests.
describe('graphql module identity under Vitest', () => {
  it('shares one graphql copy with @apollo/subgraph', () => {
    const schema = buildSubgraphSchema({ typeDefs: parse('type Query { a: Int }') });
    expect(schema).toBeInstanceOf(GraphQLSchema);
  });

  it('makes TesseraError a GraphQLError for the CommonJS graphql that Apollo loads', () => {
    const cjsGraphql = createRequire(import.meta.url)('graphql') as {
      GraphQLError: typeof GraphQLError;
    };
    expect(new BadUserInputError('bad', 'first')).toBeInstanceOf(cjsGraphql.GraphQLError);
  });
});

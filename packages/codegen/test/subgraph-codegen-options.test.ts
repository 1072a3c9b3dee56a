import { describe, expect, it } from 'vitest';
import { subgraphCodegenOptions } from '../src/index.js';

describe('subgraphCodegenOptions', () => {
  it("reads schema.graphql beside codegen.ts and writes into the subgraph's src/generated", () => {
    const config = { contextType: '../context.js#WidgetContext', mappers: {} };
    const options = subgraphCodegenOptions('file:///repo/subgraphs/widgets/codegen.ts', config);
    expect(options).toEqual({
      schemaUrl: new URL('file:///repo/subgraphs/widgets/schema.graphql'),
      generatedPath: '/repo/subgraphs/widgets/src/generated/resolvers-types.ts',
      config,
    });
  });
});

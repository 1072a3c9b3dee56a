// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/reviews` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#ReviewsContext',
  // Resolvers receive and return the stored documents, not the GraphQL shapes; products and
  // users are references (catalog and accounts own them).
  mappers: {
    Review: '../repositories/reviews.js#ReviewDocument',
    Product: '../resolver-mappers.js#ProductReference',
    User: '../resolver-mappers.js#UserReference',
    ReviewConnection: '../resolver-mappers.js#ReviewConnectionValue',
    ReviewEdge: '../resolver-mappers.js#ReviewEdgeValue',
    PageInfo: '../resolver-mappers.js#PageInfoValue',
  },
});

await runCodegen(import.meta.url, codegenOptions);

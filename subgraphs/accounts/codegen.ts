// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/accounts` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#AccountsContext',
  // Resolvers receive and return the stored documents, not the GraphQL shapes.
  mappers: {
    User: '../repositories/users.js#UserRecord',
    UserConnection: '../resolver-mappers.js#UserConnectionValue',
    UserEdge: '../resolver-mappers.js#UserEdgeValue',
    PageInfo: '../resolver-mappers.js#PageInfoValue',
    Listing: '../resolver-mappers.js#ListingReference',
  },
});

await runCodegen(import.meta.url, codegenOptions);

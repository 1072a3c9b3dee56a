// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/catalog` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#CatalogContext',
  // Resolvers receive and return the stored documents, not the GraphQL shapes.
  mappers: {
    Product: '../repositories/products.js#ProductDocument',
    Category: '../repositories/categories.js#CategoryDocument',
    ProductConnection: '../resolver-mappers.js#ProductConnectionValue',
    ProductEdge: '../resolver-mappers.js#ProductEdgeValue',
    PageInfo: '../resolver-mappers.js#PageInfoValue',
  },
});

await runCodegen(import.meta.url, codegenOptions);

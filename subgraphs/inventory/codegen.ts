// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/inventory` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#InventoryContext',
  // Inventory stores no product: its Product resolvers get the entity reference (plus the
  // `@requires` weight) and read stock through the request's loader.
  mappers: { Product: '../product-reference.js#ProductReference' },
});

await runCodegen(import.meta.url, codegenOptions);

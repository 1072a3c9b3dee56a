// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/payments` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#PaymentsContext',
  // Resolvers receive and return the stored documents, not the GraphQL shapes; orders are
  // references (orders owns them).
  mappers: {
    Payment: '../repositories/payments.js#PaymentDocument',
    Order: '../resolver-mappers.js#OrderReference',
  },
});

await runCodegen(import.meta.url, codegenOptions);

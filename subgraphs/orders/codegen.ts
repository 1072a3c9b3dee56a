// Generates typed resolver signatures from `schema.graphql` into src/generated/resolvers-types.ts.
// `npm run codegen -w @tessera/orders` writes it; test/codegen.test.ts fails when it is stale.
import { runCodegen, subgraphCodegenOptions } from '@tessera/codegen';

export const codegenOptions = subgraphCodegenOptions(import.meta.url, {
  contextType: '../context.js#OrdersContext',
  // Resolvers receive and return the stored documents, not the GraphQL shapes.
  mappers: {
    Order: '../repositories/orders.js#OrderDocument',
    OrderLine: '../repositories/orders.js#OrderLineDocument',
    Saga: '../saga/saga-document.js#SagaDocument',
    // Aliased: the generated file also defines the GraphQL `SagaStep`.
    SagaStep: '../saga/saga-document.js#SagaStep as SagaStepDocument',
    User: '../resolver-mappers.js#UserReference',
    OrderConnection: '../resolver-mappers.js#OrderConnectionValue',
    OrderEdge: '../resolver-mappers.js#OrderEdgeValue',
    PageInfo: '../resolver-mappers.js#PageInfoValue',
  },
});

await runCodegen(import.meta.url, codegenOptions);

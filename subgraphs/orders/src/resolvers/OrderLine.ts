import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { OrdersContext } from '../context.js';
import type { OrderLineDocument } from '../repositories/orders.js';

export const OrderLine = {
  // A reference by id: the gateway fetches the product's fields from catalog, in one batch for
  // every line of the response.
  product: (line: OrderLineDocument) => ({ id: line.productId }),
} satisfies GraphQLResolverMap<OrdersContext>[string];

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { OrdersContext } from '../context.js';
import type { OrderLineDocument } from '../repositories/orders.js';

export const OrderLine = {
  // A reference by id, with the name stored at purchase time (`@provides(fields: "name")`): the
  // gateway fetches any other product field from catalog, in one batch for every line.
  product: (line: OrderLineDocument) => ({ id: line.productId, name: line.productName }),
} satisfies GraphQLResolverMap<OrdersContext>[string];

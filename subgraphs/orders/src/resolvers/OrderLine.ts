import type { OrderLineResolvers } from '../generated/resolvers-types.js';

export const OrderLine: OrderLineResolvers = {
  // A reference by id, with the name stored at purchase time (`@provides(fields: "name")`): the
  // gateway fetches any other product field from catalog, in one batch for every line.
  product: (line) => ({ id: line.productId, name: line.productName }),
};

import type { ProductResolvers } from '../generated/resolvers-types.js';
import { shippingEstimate } from '../shipping-estimate.js';

export const Product: ProductResolvers = {
  // Inventory cannot tell whether catalog knows the id: every reference resolves, and a product
  // with no stock record reads as out of stock. Stock loads per field through the request's
  // loader, so all the products of a query-plan fetch cost one query.
  __resolveReference: (reference) => reference,
  inStock: async (product, _args, context) =>
    ((await context.loaders.stockByProductId.load(product.id))?.available ?? 0) > 0,
  availableQuantity: async (product, _args, context) =>
    (await context.loaders.stockByProductId.load(product.id))?.available ?? 0,
  // Without the required weight (a caller that bypassed the gateway's plan) there is no estimate.
  shippingEstimate: (product) =>
    typeof product.weight === 'number' ? shippingEstimate(product.weight) : null,
};

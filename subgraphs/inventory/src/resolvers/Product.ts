import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { InventoryContext } from '../context.js';
import { shippingEstimate } from '../shipping-estimate.js';

/**
 * A product as this subgraph knows it: the id, plus catalog's `weight` when the gateway sent it
 * for `@requires(fields: "weight")`.
 */
export interface ProductReference {
  readonly id: string;
  readonly weight?: number;
}

export const Product = {
  // Inventory cannot tell whether catalog knows the id: every reference resolves, and a product
  // with no stock record reads as out of stock. Stock loads per field through the request's
  // loader, so all the products of a query-plan fetch cost one query.
  __resolveReference: (reference: ProductReference): ProductReference => reference,
  inStock: async (product: ProductReference, _args: unknown, context: InventoryContext) =>
    ((await context.loaders.stockByProductId.load(product.id))?.available ?? 0) > 0,
  availableQuantity: async (product: ProductReference, _args: unknown, context: InventoryContext) =>
    (await context.loaders.stockByProductId.load(product.id))?.available ?? 0,
  // Without the required weight (a caller that bypassed the gateway's plan) there is no estimate.
  shippingEstimate: (product: ProductReference) =>
    typeof product.weight === 'number' ? shippingEstimate(product.weight) : null,
} satisfies GraphQLResolverMap<InventoryContext>[string];

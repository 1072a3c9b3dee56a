import type { ProductResolvers } from '../generated/resolvers-types.js';
import { reviewConnection } from '../review-connection.js';

export const Product: ProductResolvers = {
  // Nothing to load for the reference itself: its fields batch through the request's loaders,
  // so all the products of a query-plan fetch cost one query per field.
  __resolveReference: (reference) => ({ id: reference.id }),
  reviews: (product, args, context) =>
    reviewConnection(context.loaders.reviewsByProduct, product.id, args),
  averageRating: (product, _args, context) =>
    context.loaders.averageRatingByProduct.load(product.id),
};

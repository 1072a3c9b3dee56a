import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ReviewsContext } from '../context.js';
import { reviewConnection, type ReviewConnectionArgs } from '../review-connection.js';

/** A product as this subgraph knows it: only the id catalog gave it. */
export interface ProductReference {
  readonly id: string;
}

export const Product = {
  // Nothing to load for the reference itself: its fields batch through the request's loaders,
  // so all the products of a query-plan fetch cost one query per field.
  __resolveReference: (reference: ProductReference): ProductReference => ({ id: reference.id }),
  reviews: (product: ProductReference, args: ReviewConnectionArgs, context: ReviewsContext) =>
    reviewConnection(context.loaders.reviewsByProduct, product.id, args),
  averageRating: (product: ProductReference, _args: unknown, context: ReviewsContext) =>
    context.loaders.averageRatingByProduct.load(product.id),
} satisfies GraphQLResolverMap<ReviewsContext>[string];

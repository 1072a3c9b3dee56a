import type { IndexSpecs } from '@tessera/subgraph-kit';
import { REVIEWS_COLLECTION, reviewsCollectionIndexes } from './repositories/reviews.js';

/** Every index reviews needs, created at startup and before seeding. */
export const reviewsIndexes: IndexSpecs = {
  [REVIEWS_COLLECTION]: reviewsCollectionIndexes,
};

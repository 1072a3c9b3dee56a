import type { IndexSpecs } from '@tessera/subgraph-kit';
import { PRODUCTS_COLLECTION, productsIndexes } from './repositories/products.js';

/** Every index catalog needs, created at startup and before seeding. */
export const catalogIndexes: IndexSpecs = {
  [PRODUCTS_COLLECTION]: productsIndexes,
};

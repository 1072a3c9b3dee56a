import type { IndexSpecs } from '@tessera/subgraph-kit';
import { ORDERS_COLLECTION, orderCollectionIndexes } from './repositories/orders.js';

/** Every index orders needs, created at startup and before seeding. */
export const ordersIndexes: IndexSpecs = {
  [ORDERS_COLLECTION]: orderCollectionIndexes,
};

import type { IndexSpecs } from '@tessera/subgraph-kit';
import { RESERVATIONS_COLLECTION, reservationIndexes } from './repositories/reservations.js';
import { STOCK_COLLECTION, stockIndexes } from './repositories/stock.js';

/** Every index inventory needs, created at startup and before seeding. */
export const inventoryIndexes: IndexSpecs = {
  [STOCK_COLLECTION]: stockIndexes,
  [RESERVATIONS_COLLECTION]: reservationIndexes,
};

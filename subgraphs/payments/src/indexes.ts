import type { IndexSpecs } from '@tessera/subgraph-kit';
import { PAYMENTS_COLLECTION, paymentCollectionIndexes } from './repositories/payments.js';

/** Every index payments needs, created at startup and before seeding. */
export const paymentsIndexes: IndexSpecs = {
  [PAYMENTS_COLLECTION]: paymentCollectionIndexes,
};

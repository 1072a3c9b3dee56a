import type { IndexSpecs } from '@tessera/subgraph-kit';
import { USERS_COLLECTION, usersIndexes } from './repositories/users.js';

/** Every index accounts needs, created at startup and before seeding. */
export const accountsIndexes: IndexSpecs = {
  [USERS_COLLECTION]: usersIndexes,
};

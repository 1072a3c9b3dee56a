// `npm run seed` runs this in the inventory folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { inventoryConfigSchema } from './config.js';
import { inventoryIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'inventory',
  configSchema: inventoryConfigSchema,
  indexes: inventoryIndexes,
  seed,
});

// `npm run seed` runs this in the orders folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { ordersConfigSchema } from './config.js';
import { ordersIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'orders',
  configSchema: ordersConfigSchema,
  indexes: ordersIndexes,
  seed,
});

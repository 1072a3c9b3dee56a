// `npm run seed` runs this in the catalog folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { catalogConfigSchema } from './config.js';
import { catalogIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'catalog',
  configSchema: catalogConfigSchema,
  indexes: catalogIndexes,
  seed,
});

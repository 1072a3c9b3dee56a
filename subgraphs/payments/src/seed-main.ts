// `npm run seed` runs this in the payments folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { paymentsConfigSchema } from './config.js';
import { paymentsIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'payments',
  configSchema: paymentsConfigSchema,
  indexes: paymentsIndexes,
  seed,
});

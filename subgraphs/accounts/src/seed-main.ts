// `npm run seed` runs this in the accounts folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { accountsConfigSchema } from './config.js';
import { accountsIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'accounts',
  configSchema: accountsConfigSchema,
  indexes: accountsIndexes,
  seed,
});

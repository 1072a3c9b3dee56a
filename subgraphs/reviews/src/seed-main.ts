// `npm run seed` runs this in the reviews folder, with the same env as the service.
import { runSeedMain } from '@tessera/subgraph-kit';
import { reviewsConfigSchema } from './config.js';
import { reviewsIndexes } from './indexes.js';
import { seed } from './seed.js';

await runSeedMain({
  domain: 'reviews',
  configSchema: reviewsConfigSchema,
  indexes: reviewsIndexes,
  seed,
});

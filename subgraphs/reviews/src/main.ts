import { runSubgraphMain } from '@tessera/subgraph-kit';
import { reviewsConfigSchema } from './config.js';
import { reviewsIndexes } from './indexes.js';
import { REVIEWS_COLLECTION } from './repositories/reviews.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'reviews',
  configSchema: reviewsConfigSchema,
  indexes: reviewsIndexes,
  seed,
  seedWhenEmpty: REVIEWS_COLLECTION,
  createServer,
});

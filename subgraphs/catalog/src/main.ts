import { runSubgraphMain } from '@tessera/subgraph-kit';
import { catalogConfigSchema } from './config.js';
import { catalogIndexes } from './indexes.js';
import { PRODUCTS_COLLECTION } from './repositories/products.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'catalog',
  configSchema: catalogConfigSchema,
  indexes: catalogIndexes,
  seed,
  seedWhenEmpty: PRODUCTS_COLLECTION,
  createServer,
});

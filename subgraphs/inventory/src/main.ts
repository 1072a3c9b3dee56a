import { messagingDepsFrom } from '@tessera/events';
import { runSubgraphMain } from '@tessera/subgraph-kit';
import { inventoryConfigSchema } from './config.js';
import { inventoryIndexes } from './indexes.js';
import { STOCK_COLLECTION } from './repositories/stock.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'inventory',
  configSchema: inventoryConfigSchema,
  indexes: inventoryIndexes,
  seed,
  seedWhenEmpty: STOCK_COLLECTION,
  createServer: (deps) =>
    createServer({
      ...deps,
      messaging: messagingDepsFrom(deps.config),
    }),
});

import { messagingDepsFrom } from '@tessera/events';
import { runSubgraphMain } from '@tessera/subgraph-kit';
import { ordersConfigSchema } from './config.js';
import { ordersIndexes } from './indexes.js';
import { ORDERS_COLLECTION } from './repositories/orders.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'orders',
  configSchema: ordersConfigSchema,
  indexes: ordersIndexes,
  seed,
  seedWhenEmpty: ORDERS_COLLECTION,
  createServer: (deps) =>
    createServer({
      ...deps,
      queueDashboard: deps.config.nodeEnv === 'development',
      messaging: messagingDepsFrom(deps.config),
    }),
});

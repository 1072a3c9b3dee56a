import { messagingDepsFrom } from '@tessera/events';
import { runSubgraphMain } from '@tessera/subgraph-kit';
import { createFakePaymentProvider } from './provider/create-fake-payment-provider.js';
import { paymentsConfigSchema } from './config.js';
import { paymentsIndexes } from './indexes.js';
import { PAYMENTS_COLLECTION } from './repositories/payments.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'payments',
  configSchema: paymentsConfigSchema,
  indexes: paymentsIndexes,
  seed,
  seedWhenEmpty: PAYMENTS_COLLECTION,
  createServer: (deps) =>
    createServer({
      ...deps,
      provider: createFakePaymentProvider({
        db: deps.db,
        latencyMs: deps.config.providerLatencyMs,
      }),
      messaging: messagingDepsFrom(deps.config),
    }),
});

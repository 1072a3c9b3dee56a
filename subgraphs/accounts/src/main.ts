import { runSubgraphMain } from '@tessera/subgraph-kit';
import { resolveSigningKey } from './auth/resolve-signing-key.js';
import { accountsConfigSchema } from './config.js';
import { accountsIndexes } from './indexes.js';
import { USERS_COLLECTION } from './repositories/users.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

runSubgraphMain({
  domain: 'accounts',
  configSchema: accountsConfigSchema,
  indexes: accountsIndexes,
  seed,
  seedWhenEmpty: USERS_COLLECTION,
  createServer: async (deps) => {
    const signingKey = await resolveSigningKey(deps.config);
    deps.logger.info({ kid: signingKey.kid, alg: signingKey.alg }, 'signing tokens');
    return createServer({ ...deps, signingKey });
  },
});

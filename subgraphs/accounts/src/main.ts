import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes, runSubgraph } from '@tessera/subgraph-kit';
import { resolveSigningKey } from './auth/resolve-signing-key.js';
import { accountsConfigSchema } from './config.js';
import { accountsIndexes } from './indexes.js';
import { usersCollection } from './repositories/users.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

const config = loadConfigOrExit('accounts', accountsConfigSchema);
const logger = createLogger({ service: 'accounts', level: config.logLevel });

runSubgraph({
  logger,
  graceMs: config.shutdownGraceMs,
  start: async () => {
    const signingKey = await resolveSigningKey(config);
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: 'tessera-accounts',
    });
    try {
      await ensureIndexes(mongo.db, accountsIndexes);
      const empty =
        (await usersCollection(mongo.db).findOne({}, { projection: { _id: 1 } })) === null;
      if (config.nodeEnv === 'development' && empty) {
        logger.info({ counts: await seed(mongo.db) }, 'seeded the empty dev database');
      }
      const server = createServer({ db: mongo.db, config, signingKey, logger });
      const { url } = await server.start(config.port, config.host);
      logger.info({ kid: signingKey.kid, alg: signingKey.alg }, 'signing tokens');
      return {
        url,
        stop: async () => {
          await server.stop();
          await mongo.close();
        },
      };
    } catch (error) {
      await mongo.close();
      throw error;
    }
  },
});

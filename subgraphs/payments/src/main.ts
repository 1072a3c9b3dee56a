import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes, runSubgraph } from '@tessera/subgraph-kit';
import { paymentsConfigSchema } from './config.js';
import { paymentsIndexes } from './indexes.js';
import { paymentsCollection } from './repositories/payments.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

const config = loadConfigOrExit('payments', paymentsConfigSchema);
const logger = createLogger({ service: 'payments', level: config.logLevel });

runSubgraph({
  logger,
  graceMs: config.shutdownGraceMs,
  start: async () => {
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: 'tessera-payments',
    });
    try {
      await ensureIndexes(mongo.db, paymentsIndexes);
      const empty =
        (await paymentsCollection(mongo.db).findOne({}, { projection: { _id: 1 } })) === null;
      if (config.nodeEnv === 'development' && empty) {
        logger.info({ counts: await seed(mongo.db) }, 'seeded the empty dev database');
      }
      const server = createServer({ db: mongo.db, config, logger });
      const { url } = await server.start(config.port, config.host);
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

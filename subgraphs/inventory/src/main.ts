import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes, runSubgraph } from '@tessera/subgraph-kit';
import { inventoryConfigSchema } from './config.js';
import { inventoryIndexes } from './indexes.js';
import { stockCollection } from './repositories/stock.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

const config = loadConfigOrExit('inventory', inventoryConfigSchema);
const logger = createLogger({ service: 'inventory', level: config.logLevel });

runSubgraph({
  logger,
  graceMs: config.shutdownGraceMs,
  start: async () => {
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: 'tessera-inventory',
    });
    try {
      await ensureIndexes(mongo.db, inventoryIndexes);
      const empty =
        (await stockCollection(mongo.db).findOne({}, { projection: { _id: 1 } })) === null;
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

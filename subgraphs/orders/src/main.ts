import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes, runSubgraph } from '@tessera/subgraph-kit';
import { ordersConfigSchema } from './config.js';
import { ordersIndexes } from './indexes.js';
import { ordersCollection } from './repositories/orders.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

const config = loadConfigOrExit('orders', ordersConfigSchema);
const logger = createLogger({ service: 'orders', level: config.logLevel });

runSubgraph({
  logger,
  graceMs: config.shutdownGraceMs,
  start: async () => {
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: 'tessera-orders',
    });
    try {
      await ensureIndexes(mongo.db, ordersIndexes);
      const empty =
        (await ordersCollection(mongo.db).findOne({}, { projection: { _id: 1 } })) === null;
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

import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes, runSubgraph } from '@tessera/subgraph-kit';
import { reviewsConfigSchema } from './config.js';
import { reviewsIndexes } from './indexes.js';
import { reviewsCollection } from './repositories/reviews.js';
import { seed } from './seed.js';
import { createServer } from './server.js';

const config = loadConfigOrExit('reviews', reviewsConfigSchema);
const logger = createLogger({ service: 'reviews', level: config.logLevel });

runSubgraph({
  logger,
  graceMs: config.shutdownGraceMs,
  start: async () => {
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: 'tessera-reviews',
    });
    try {
      await ensureIndexes(mongo.db, reviewsIndexes);
      const empty =
        (await reviewsCollection(mongo.db).findOne({}, { projection: { _id: 1 } })) === null;
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

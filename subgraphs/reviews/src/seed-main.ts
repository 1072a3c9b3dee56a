// `npm run seed` runs this in the reviews folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { reviewsConfigSchema } from './config.js';
import { reviewsIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('reviews', reviewsConfigSchema);
const logger = createLogger({ service: 'reviews', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-reviews-seed',
  });
  try {
    await ensureIndexes(mongo.db, reviewsIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

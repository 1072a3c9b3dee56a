// `npm run seed` runs this in the catalog folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { catalogConfigSchema } from './config.js';
import { catalogIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('catalog', catalogConfigSchema);
const logger = createLogger({ service: 'catalog', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-catalog-seed',
  });
  try {
    await ensureIndexes(mongo.db, catalogIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

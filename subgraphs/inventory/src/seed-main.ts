// `npm run seed` runs this in the inventory folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { inventoryConfigSchema } from './config.js';
import { inventoryIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('inventory', inventoryConfigSchema);
const logger = createLogger({ service: 'inventory', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-inventory-seed',
  });
  try {
    await ensureIndexes(mongo.db, inventoryIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

// `npm run seed` runs this in the orders folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { ordersConfigSchema } from './config.js';
import { ordersIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('orders', ordersConfigSchema);
const logger = createLogger({ service: 'orders', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-orders-seed',
  });
  try {
    await ensureIndexes(mongo.db, ordersIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

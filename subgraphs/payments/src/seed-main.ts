// `npm run seed` runs this in the payments folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { paymentsConfigSchema } from './config.js';
import { paymentsIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('payments', paymentsConfigSchema);
const logger = createLogger({ service: 'payments', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-payments-seed',
  });
  try {
    await ensureIndexes(mongo.db, paymentsIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

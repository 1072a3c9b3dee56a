// `npm run seed` runs this in the accounts folder, with the same env as the service.
import { loadConfigOrExit } from '@tessera/config';
import { connectMongo, createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import { accountsConfigSchema } from './config.js';
import { accountsIndexes } from './indexes.js';
import { seed } from './seed.js';

const config = loadConfigOrExit('accounts', accountsConfigSchema);
const logger = createLogger({ service: 'accounts', level: config.logLevel });

try {
  const mongo = await connectMongo({
    uri: config.mongoUri,
    dbName: config.mongoDb,
    appName: 'tessera-accounts-seed',
  });
  try {
    await ensureIndexes(mongo.db, accountsIndexes);
    logger.info({ db: config.mongoDb, counts: await seed(mongo.db) }, 'seeded');
  } finally {
    await mongo.close();
  }
} catch (error) {
  logger.fatal({ err: error }, 'seeding failed');
  process.exitCode = 1;
}

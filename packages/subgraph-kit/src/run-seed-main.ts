import type { Db } from 'mongodb';
import type { z } from 'zod';
import { loadConfigOrExit, type Env } from '@tessera/config';
import { connectMongo } from './connect-mongo.js';
import { createLogger } from './create-logger.js';
import { ensureIndexes, type IndexSpecs } from './ensure-indexes.js';
import type { SubgraphEnv } from './subgraph-env.js';

export interface RunSeedMainOptions<S extends z.ZodType<SubgraphEnv>> {
  /** The subgraph's name (`inventory`): the config's service, the logs' `service`. */
  readonly domain: string;
  /** The subgraph's config schema, the same as the service's. */
  readonly configSchema: S;
  /** Created before seeding, so the seed meets the same unique indexes as the service. */
  readonly indexes: IndexSpecs;
  /** Writes the seed data; its result (counts) is logged. */
  readonly seed: (db: Db) => Promise<unknown>;
  /** For tests: the environment. @defaultValue process.env */
  readonly env?: Env;
}

/**
 * The whole of a subgraph's `seed-main.ts` (`npm run seed`): with the service's env, ensures the
 * indexes and seeds its database. A failure is logged and sets `process.exitCode` to 1.
 * @returns once seeding has finished or failed; it never rejects
 */
export async function runSeedMain<S extends z.ZodType<SubgraphEnv>>(
  options: RunSeedMainOptions<S>,
): Promise<void> {
  const { domain } = options;
  const config = loadConfigOrExit(domain, options.configSchema, options.env);
  const logger = createLogger({ service: domain, level: config.logLevel });
  try {
    const mongo = await connectMongo({
      uri: config.mongoUri,
      dbName: config.mongoDb,
      appName: `tessera-${domain}-seed`,
    });
    try {
      await ensureIndexes(mongo.db, options.indexes);
      logger.info({ db: config.mongoDb, counts: await options.seed(mongo.db) }, 'seeded');
    } finally {
      await mongo.close();
    }
  } catch (error) {
    logger.fatal({ err: error }, 'seeding failed');
    process.exitCode = 1;
  }
}

import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { loadConfigOrExit, type Env } from '@tessera/config';
import { connectMongo } from './connect-mongo.js';
import { createLogger } from './create-logger.js';
import type { SubgraphServer } from './create-subgraph-server.js';
import { ensureIndexes, type IndexSpecs } from './ensure-indexes.js';
import { runSubgraph, type RunSubgraphOptions } from './run-subgraph.js';
import type { SubgraphEnv } from './subgraph-env.js';

/** What `createServer` gets in {@link runSubgraphMain}: the open database, config and logger. */
export interface SubgraphMainDeps<C> {
  readonly db: Db;
  readonly config: C;
  readonly logger: Logger;
}

export interface RunSubgraphMainOptions<S extends z.ZodType<SubgraphEnv>> {
  /** The subgraph's name (`inventory`): the config's service, the logs' `service`, Mongo's appName. */
  readonly domain: string;
  /** The subgraph's config schema (e.g. `subgraphConfigSchema('inventory', 4003)`). */
  readonly configSchema: S;
  /** Created (idempotently) before the server starts. */
  readonly indexes: IndexSpecs;
  /** Fills an empty development database (`NODE_ENV=development` only). */
  readonly seed: (db: Db) => Promise<unknown>;
  /** The collection whose emptiness means a fresh database, e.g. `STOCK_COLLECTION`. */
  readonly seedWhenEmpty: string;
  /** Builds the pure server over the open database; may be async (accounts loads its key). */
  readonly createServer: (
    deps: SubgraphMainDeps<z.output<S>>,
  ) => Pick<SubgraphServer, 'start' | 'stop'> | Promise<Pick<SubgraphServer, 'start' | 'stop'>>;
  /** For tests: the environment. @defaultValue process.env */
  readonly env?: Env;
  /** For tests: where signals come from. @defaultValue process */
  readonly signals?: RunSubgraphOptions['signals'];
  /** For tests: how to exit. @defaultValue process.exit */
  readonly exit?: RunSubgraphOptions['exit'];
}

/**
 * The whole of a subgraph's `main.ts`: reads the config (exiting 1 with every problem), connects
 * to MongoDB, ensures the indexes, seeds an empty development database, starts `createServer`
 * on `<DOMAIN>_PORT`, and drains and closes on SIGTERM/SIGINT (see {@link runSubgraph}).
 */
export function runSubgraphMain<S extends z.ZodType<SubgraphEnv>>(
  options: RunSubgraphMainOptions<S>,
): void {
  const { domain } = options;
  const config = loadConfigOrExit(domain, options.configSchema, options.env);
  const logger = createLogger({ service: domain, level: config.logLevel });

  runSubgraph({
    logger,
    graceMs: config.shutdownGraceMs,
    ...(options.signals === undefined ? {} : { signals: options.signals }),
    ...(options.exit === undefined ? {} : { exit: options.exit }),
    start: async () => {
      const mongo = await connectMongo({
        uri: config.mongoUri,
        dbName: config.mongoDb,
        appName: `tessera-${domain}`,
      });
      try {
        await ensureIndexes(mongo.db, options.indexes);
        const empty =
          (await mongo.db
            .collection(options.seedWhenEmpty)
            .findOne({}, { projection: { _id: 1 } })) === null;
        if (config.nodeEnv === 'development' && empty) {
          logger.info({ counts: await options.seed(mongo.db) }, 'seeded the empty dev database');
        }
        const server = await options.createServer({ db: mongo.db, config, logger });
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
}

import { createStderrLogger, type Logger } from '../logger.js';
import { Persistence } from '../storage/persistence/persistence.js';
import { startTtlMonitor } from '../storage/ttl-monitor.js';
import { MongoServer } from './mongo-server.js';

export interface EmbeddedMongoOptions {
  /** TCP port on 127.0.0.1. @defaultValue 0 (a free port) */
  readonly port?: number;
  /** Directory for the data files; without it, data lives in memory only. @defaultValue undefined */
  readonly dbPath?: string;
  /** The replica set name hello reports. @defaultValue 'tessera' */
  readonly setName?: string;
  /** Where diagnostics go. @defaultValue a stderr logger */
  readonly logger?: Logger;
  /** How often TTL indexes are enforced, like mongod's `ttlMonitorSleepSecs`. @defaultValue 60000 */
  readonly ttlMonitorIntervalMs?: number;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:PORT/` */
  readonly uri: string;
  readonly port: number;
  /** Closes every connection and, with a dbPath, flushes the data files. Idempotent. */
  stop(): Promise<void>;
}

/** Starts an embedded MongoDB-compatible server that the official driver can connect to. */
export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const logger = options.logger ?? createStderrLogger();
  const server = new MongoServer({
    port: options.port ?? 0,
    logger,
    ...(options.setName !== undefined ? { setName: options.setName } : {}),
  });
  const persistence =
    options.dbPath !== undefined
      ? Persistence.open(options.dbPath, server.state.storage.catalog, logger)
      : undefined;
  if (persistence !== undefined) {
    server.state.storage.listener = persistence;
    server.state.beforeReply = () => persistence.flush();
  }
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    persistence?.close();
    throw error;
  }
  const stopTtl = startTtlMonitor(
    server.state.storage,
    server.state.transactions,
    logger,
    options.ttlMonitorIntervalMs ?? 60_000,
  );
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopTtl();
    await server.close();
    persistence?.close();
  };
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}

import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';

export interface ConnectMongoOptions {
  /** A MongoDB connection string. */
  readonly uri: string;
  /** The database this service owns (`tessera_<domain>`). */
  readonly dbName: string;
  /** Shown in the server's logs and `currentOp`, e.g. `tessera-orders`. */
  readonly appName: string;
  /**
   * How long to wait for a reachable server, at startup and per operation, before failing.
   * @defaultValue 5000
   */
  readonly serverSelectionTimeoutMS?: number;
  /** Further driver options, e.g. `{ monitorCommands: true }` to count queries in a test. */
  readonly clientOptions?: MongoClientOptions;
}

export interface MongoConnection {
  readonly client: MongoClient;
  readonly db: Db;
  /** Closes the client; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Connects with the official driver and proves the server answers (`ping`), so a process with
 * a wrong URI fails at startup instead of on its first request.
 */
export async function connectMongo(options: ConnectMongoOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.uri, {
    ...options.clientOptions,
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
  });
  try {
    await client.connect();
    const db = client.db(options.dbName);
    await db.command({ ping: 1 });
    let closing: Promise<void> | undefined;
    return {
      client,
      db,
      close: () => (closing ??= client.close()),
    };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(
      `Could not connect to MongoDB for ${options.appName} (database "${options.dbName}").`,
      {
        cause: error,
      },
    );
  }
}

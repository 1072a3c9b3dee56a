import { MongoClient, type Db } from 'mongodb';
import { testMongoUri } from './test-env.js';
import { uniqueName } from './unique-name.js';

export interface TestDb extends AsyncDisposable {
  readonly db: Db;
  readonly client: MongoClient;
  /** The database name, unique to this call. */
  readonly name: string;
  /** Drops the database and closes the client (what `await using` calls). */
  dispose(): Promise<void>;
}

export interface WithTestDbOptions {
  /** The start of the database name. @defaultValue 'test' */
  readonly prefix?: string;
  /** Defaults to the run's MongoDB (`testMongoUri()`). */
  readonly uri?: string;
}

/**
 * A freshly named database on the run's MongoDB, dropped on dispose:
 * `await using t = await withTestDb({ prefix: 'orders' });`
 */
export async function withTestDb(options: WithTestDbOptions = {}): Promise<TestDb> {
  const client = new MongoClient(options.uri ?? testMongoUri(), {
    serverSelectionTimeoutMS: 10_000,
  });
  await client.connect();
  const name = uniqueName(options.prefix ?? 'test');
  const db = client.db(name);
  let disposing: Promise<void> | undefined;
  const dispose = () =>
    (disposing ??= (async () => {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    })());
  return { db, client, name, dispose, [Symbol.asyncDispose]: dispose };
}

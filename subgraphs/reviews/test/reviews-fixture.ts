import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type TestIssuer,
  testSubgraphConfig,
} from '@tessera/testing';
import { reviewsIndexes } from '../src/indexes.js';
import { seed } from '../src/seed.js';
import { createServer } from '../src/server.js';

export interface ReviewsFixture extends AsyncDisposable {
  readonly db: Db;
  /** The GraphQL endpoint of the running server. */
  readonly url: string;
  /** Signs tokens the server trusts. */
  readonly issuer: TestIssuer;
  /** The finds and aggregates on `collection` since the last `resetCommands()`. */
  queriesOn(collection: string): CommandStartedEvent[];
  resetCommands(): void;
}

/**
 * The reviews server on a fresh, uniquely named database (seeded unless told otherwise), with
 * driver command monitoring so tests can count queries. Dropped and stopped on dispose.
 */
export async function startReviews(options: { seed?: boolean } = {}): Promise<ReviewsFixture> {
  const commands: CommandStartedEvent[] = [];
  const client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  const db = client.db(uniqueName('reviews'));
  await ensureIndexes(db, reviewsIndexes);
  if (options.seed ?? true) await seed(db);
  const issuer = await createTestIssuer();
  const server = await startTestSubgraph(
    createServer({
      db,
      config: testSubgraphConfig(),
      verifyToken: issuer.verifyToken,
      logger: createLogger({ service: 'reviews', level: 'silent' }),
    }),
  );
  const dispose = async () => {
    try {
      await server.stop();
      await db.dropDatabase();
    } finally {
      await client.close();
    }
  };
  return {
    db,
    url: server.url,
    issuer,
    queriesOn: (collection) =>
      commands.filter(
        (c) =>
          c.databaseName === db.databaseName &&
          (c.commandName === 'find' || c.commandName === 'aggregate') &&
          c.command[c.commandName] === collection,
      ),
    resetCommands: () => {
      commands.length = 0;
    },
    [Symbol.asyncDispose]: dispose,
  };
}

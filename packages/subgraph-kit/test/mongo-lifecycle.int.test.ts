import { describe, expect, it } from 'vitest';
import { freePort, testMongoUri, uniqueName, withTestDb } from '@tessera/testing';
import { connectMongo, ensureIndexes } from '../src/index.js';

describe('connectMongo', () => {
  it('connects to the named database and closes idempotently', async () => {
    const dbName = uniqueName('kit_connect');
    const mongo = await connectMongo({ uri: testMongoUri(), dbName, appName: 'kit-test' });
    try {
      expect(mongo.db.databaseName).toBe(dbName);
      await mongo.db.collection('things').insertOne({ name: 'one' });
      expect(await mongo.db.collection('things').findOne({})).toMatchObject({ name: 'one' });
      await mongo.db.dropDatabase();
    } finally {
      await Promise.all([mongo.close(), mongo.close()]);
    }
  });

  it('fails at once with a message naming the service when MongoDB is unreachable', async () => {
    const port = await freePort();
    await expect(
      connectMongo({
        uri: `mongodb://127.0.0.1:${port}/`,
        dbName: 'tessera_orders',
        appName: 'tessera-orders',
        serverSelectionTimeoutMS: 300,
      }),
    ).rejects.toThrow(
      'Could not connect to MongoDB for tessera-orders (database "tessera_orders").',
    );
  });
});

describe('ensureIndexes', () => {
  it('creates the indexes and is idempotent on a second run', async () => {
    await using t = await withTestDb({ prefix: 'kit_idx' });
    const specs = {
      users: [{ key: { email: 1 }, name: 'email_unique', unique: true }],
      sessions: [{ key: { userId: 1, createdAt: -1 }, name: 'user_recent' }],
      empty: [],
    };
    await ensureIndexes(t.db, specs);
    await ensureIndexes(t.db, specs);
    const names = (await t.db.collection('users').listIndexes().toArray()).map(
      (i) => i.name as string,
    );
    expect(names.sort()).toEqual(['_id_', 'email_unique']);
    await t.db.collection('users').insertOne({ email: 'a@example.com' });
    await expect(
      t.db.collection('users').insertOne({ email: 'a@example.com' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('fails loudly, naming the collection, when an index definition conflicts', async () => {
    await using t = await withTestDb({ prefix: 'kit_idx' });
    await ensureIndexes(t.db, {
      users: [{ key: { email: 1 }, name: 'email_unique', unique: true }],
    });
    await expect(
      ensureIndexes(t.db, { users: [{ key: { name: 1 }, name: 'email_unique' }] }),
    ).rejects.toThrow(`Could not create the indexes of ${t.name}.users (email_unique).`);
  });
});

import { EventEmitter } from 'node:events';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMongoUri, uniqueName } from '@tessera/testing';
import {
  runSeedMain,
  runSubgraphMain,
  subgraphConfigSchema,
  type IndexSpecs,
} from '../src/index.js';

const configSchema = subgraphConfigSchema('widgets', 4999);
const indexes: IndexSpecs = { widgets: [{ key: { sku: 1 }, name: 'sku_unique', unique: true }] };
const seed = async (db: Db) => {
  await db.collection('widgets').insertOne({ sku: 'w-1' });
  return { widgets: 1 };
};

let client: MongoClient;
beforeAll(async () => {
  client = await MongoClient.connect(testMongoUri());
});
afterAll(async () => {
  await client.close();
});

function envFor(dbName: string, nodeEnv = 'development') {
  return {
    NODE_ENV: nodeEnv,
    LOG_LEVEL: 'silent',
    WIDGETS_PORT: '0',
    WIDGETS_MONGODB_URI: testMongoUri(),
    WIDGETS_MONGODB_DB: dbName,
  };
}

/** Runs runSubgraphMain with a fake server; `started` resolves once it listens. */
function startMain(dbName: string, nodeEnv?: string) {
  const signals = new EventEmitter();
  let onExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const calls: string[] = [];
  let onStarted!: (dbName: string) => void;
  const started = new Promise<string>((resolve) => (onStarted = resolve));
  runSubgraphMain({
    domain: 'widgets',
    configSchema,
    indexes,
    seed,
    seedWhenEmpty: 'widgets',
    env: envFor(dbName, nodeEnv),
    signals,
    exit: onExit,
    createServer: ({ db, config }) => ({
      start: (port, host) => {
        calls.push(`start ${port} ${host ?? ''} ${config.nodeEnv}`);
        onStarted(db.databaseName);
        return Promise.resolve({ url: 'http://127.0.0.1:1/graphql', port: 1 });
      },
      stop: () => {
        calls.push('stop');
        return Promise.resolve();
      },
    }),
  });
  return { signals, exited, calls, started };
}

describe('runSubgraphMain', () => {
  it('ensures indexes, seeds an empty dev database, starts the server, and drains it on SIGTERM', async () => {
    const dbName = uniqueName('kit_main');
    try {
      const main = startMain(dbName);
      expect(await main.started).toBe(dbName);
      expect(main.calls).toEqual(['start 0 127.0.0.1 development']);
      const db = client.db(dbName);
      expect(await db.collection('widgets').countDocuments()).toBe(1);
      const names = (await db.collection('widgets').indexes()).map((index) => index.name);
      expect(names).toContain('sku_unique');

      main.signals.emit('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.calls).toEqual(['start 0 127.0.0.1 development', 'stop']);
    } finally {
      await client.db(dbName).dropDatabase();
    }
  });

  it('does not seed a database that has data, nor one outside development', async () => {
    const withData = uniqueName('kit_main');
    const testEnv = uniqueName('kit_main');
    try {
      await client.db(withData).collection('widgets').insertOne({ sku: 'mine' });
      const first = startMain(withData);
      await first.started;
      const second = startMain(testEnv, 'test');
      await second.started;
      expect(await client.db(withData).collection('widgets').countDocuments()).toBe(1);
      expect(await client.db(testEnv).collection('widgets').countDocuments()).toBe(0);
      first.signals.emit('SIGTERM');
      second.signals.emit('SIGTERM');
      expect([await first.exited, await second.exited]).toEqual([0, 0]);
    } finally {
      await client.db(withData).dropDatabase();
      await client.db(testEnv).dropDatabase();
    }
  });
});

describe('runSeedMain', () => {
  it('ensures the indexes and seeds the configured database', async () => {
    const dbName = uniqueName('kit_seed');
    try {
      await runSeedMain({ domain: 'widgets', configSchema, indexes, seed, env: envFor(dbName) });
      const db = client.db(dbName);
      expect(await db.collection('widgets').countDocuments()).toBe(1);
      const names = (await db.collection('widgets').indexes()).map((index) => index.name);
      expect(names).toContain('sku_unique');
    } finally {
      await client.db(dbName).dropDatabase();
    }
  });

  it('sets exit code 1 when seeding fails, without rejecting', async () => {
    const dbName = uniqueName('kit_seed');
    const before = process.exitCode;
    try {
      await expect(
        runSeedMain({
          domain: 'widgets',
          configSchema,
          indexes,
          seed: () => Promise.reject(new Error('boom')),
          env: envFor(dbName),
        }),
      ).resolves.toBeUndefined();
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
      await client.db(dbName).dropDatabase();
    }
  });
});

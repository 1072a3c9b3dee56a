import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import {
  startRedisServer,
  testMongoUri,
  testRedisUrl,
  uniqueName,
  withTestDb,
} from '../src/index.js';

describe('the services globalSetup provides', () => {
  it('provides a MongoDB that accepts writes', async () => {
    await using t = await withTestDb({ prefix: 'testing' });
    await t.db.collection('probe').insertOne({ ok: true });
    expect(await t.db.collection('probe').findOne({})).toMatchObject({ ok: true });
  });

  it('provides a Redis that answers', async () => {
    const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const key = uniqueName('testing_probe');
      await redis.set(key, 'v', 'EX', 60);
      expect(await redis.get(key)).toBe('v');
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });
});

describe('withTestDb', () => {
  it('drops its database on dispose', async () => {
    let name: string;
    {
      await using t = await withTestDb({ prefix: 'testing_drop' });
      name = t.name;
      await t.db.collection('things').insertOne({ n: 1 });
    }
    const client = new MongoClient(testMongoUri());
    try {
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      expect(databases.map((d) => d.name)).not.toContain(name);
    } finally {
      await client.close();
    }
  });
});

describe('startRedisServer', () => {
  it('starts a private redis-server and stops it', async () => {
    const server = await startRedisServer();
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
      await server.stop();
    }
    const after = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    after.on('error', () => undefined); // the refusal is asserted below, not an unhandled event
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });

  it('takes its redis-server down when the owning process is SIGKILLed', async () => {
    const module = fileURLToPath(new URL('../src/start-redis-server.ts', import.meta.url));
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { startRedisServer } = await import(${JSON.stringify(module)});
         const server = await startRedisServer();
         console.log(server.url);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [line] = (await once(createInterface({ input: owner.stdout }), 'line')) as [string];
      const probe = () => {
        const redis = new Redis(line, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        redis.on('error', () => undefined);
        return redis
          .connect()
          .then(() => redis.ping())
          .finally(() => redis.disconnect());
      };
      expect(await probe()).toBe('PONG');
      owner.kill('SIGKILL');
      await expect
        .poll(
          () =>
            probe().then(
              () => 'up',
              () => 'down',
            ),
          { timeout: 5_000 },
        )
        .toBe('down');
    } finally {
      owner.kill('SIGKILL');
    }
  });

  it('reports a missing binary clearly', async () => {
    await expect(startRedisServer({ binary: 'no-such-redis-server-binary' })).rejects.toThrow(
      /Could not run redis-server/,
    );
  });
});

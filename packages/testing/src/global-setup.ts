import type { TestProject } from 'vitest/node';
import './provided-context.js';
import { startRedisServer } from './start-redis-server.js';

interface EmbeddedMongo {
  readonly uri: string;
  stop(): Promise<void>;
}

type StartEmbeddedMongo = (options: { port?: number; dbPath?: string }) => Promise<EmbeddedMongo>;

/**
 * The integration project's globalSetup: one MongoDB and one Redis for the whole run, handed to
 * tests with `provide()` (read them with `testMongoUri()` / `testRedisUrl()`).
 * - MongoDB: `MONGODB_URI` if set, else the embedded server from `@tessera/mongo-embedded`.
 * - Redis: `REDIS_URL` if set, else a private `redis-server` on a free port. Tests must still use
 *   unique key prefixes: a Redis given through `REDIS_URL` is shared and never flushed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const teardown = async () => {
    const errors: unknown[] = [];
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'globalSetup teardown failed');
  };
  try {
    const mongoUri = process.env['MONGODB_URI'] || (await startMongo(stops));
    const redisUrl = process.env['REDIS_URL'] || (await startRedis(stops));
    project.provide('mongoUri', mongoUri);
    project.provide('redisUrl', redisUrl);
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
  return teardown;
}

async function startMongo(stops: (() => Promise<void>)[]): Promise<string> {
  // Imported by name at run time: the embedded server is built in parallel with this package,
  // and a missing export should read as a clear message, not a type error in every test run.
  const module = (await import('@tessera/mongo-embedded')) as Record<string, unknown>;
  const start = module['startEmbeddedMongo'] as StartEmbeddedMongo | undefined;
  if (typeof start !== 'function') {
    throw new Error(
      '@tessera/mongo-embedded does not export startEmbeddedMongo yet; set MONGODB_URI to run integration tests against another server.',
    );
  }
  const mongo = await start({ port: 0 });
  stops.push(() => mongo.stop());
  return mongo.uri;
}

async function startRedis(stops: (() => Promise<void>)[]): Promise<string> {
  const redis = await startRedisServer();
  stops.push(() => redis.stop());
  return redis.url;
}

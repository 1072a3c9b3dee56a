import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection options from a `redis://` or `rediss://` URL (the `REDIS_URL` of CONTRACT).
 * Options rather than a shared ioredis client: each Queue and Worker then owns its connections and
 * closes them on `close()`, and a worker's blocking connection gets `maxRetriesPerRequest: null`.
 */
export function redisConnectionOptions(url: string): ConnectionOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`redisConnectionOptions: expected a redis:// or rediss:// URL`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_OPTIONS, queuePrefix } from '../src/queue-factory.js';
import { redisConnectionOptions } from '../src/redis-connection.js';
import { DEFAULT_STALLED_SETTINGS } from '../src/worker-factory.js';

describe('queue defaults', () => {
  it('retry at least 5 times with exponential, jittered backoff and keep failed jobs', () => {
    expect(DEFAULT_JOB_OPTIONS.attempts).toBeGreaterThanOrEqual(5);
    expect(DEFAULT_JOB_OPTIONS.backoff).toMatchObject({ type: 'exponential' });
    expect(DEFAULT_JOB_OPTIONS.backoff.jitter).toBeGreaterThan(0);
    expect(DEFAULT_JOB_OPTIONS.removeOnFail).toBe(false);
    expect(DEFAULT_JOB_OPTIONS.removeOnComplete.count).toBeGreaterThan(0);
  });

  it('renew a worker lock well before it expires and tolerate more than one crash per job', () => {
    expect(DEFAULT_STALLED_SETTINGS.stalledInterval).toBeLessThan(
      DEFAULT_STALLED_SETTINGS.lockDuration,
    );
    expect(DEFAULT_STALLED_SETTINGS.maxStalledCount).toBeGreaterThan(1);
  });
});

describe('queuePrefix', () => {
  it('namespaces each environment', () => {
    expect(queuePrefix('production')).toBe('tessera:production');
    expect(queuePrefix('test')).not.toBe(queuePrefix('dev'));
  });

  it('rejects an environment that would break the key layout', () => {
    expect(() => queuePrefix('a:b')).toThrow(TypeError);
  });
});

describe('redisConnectionOptions', () => {
  it('reads host, port, database and credentials from a REDIS_URL', () => {
    expect(redisConnectionOptions('redis://user:p%40ss@10.0.0.5:6380/2')).toEqual({
      host: '10.0.0.5',
      port: 6380,
      db: 2,
      username: 'user',
      password: 'p@ss',
    });
    expect(redisConnectionOptions('redis://127.0.0.1')).toEqual({
      host: '127.0.0.1',
      port: 6379,
      db: 0,
    });
    expect(redisConnectionOptions('rediss://cache.internal:6379')).toMatchObject({ tls: {} });
  });

  it('rejects a URL that is not redis:// or rediss://', () => {
    expect(() => redisConnectionOptions('http://127.0.0.1:6379')).toThrow(TypeError);
  });
});

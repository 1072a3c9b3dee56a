import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tessera/config';
import { loadInventoryConfig } from '../src/config.js';

describe('inventory config', () => {
  it('has dev defaults: port 4003 and database tessera_inventory', () => {
    expect(loadInventoryConfig({})).toMatchObject({ port: 4003, mongoDb: 'tessera_inventory' });
  });

  it('finds the saga queues on the dev Redis, under the dev prefix, by default', () => {
    expect(loadInventoryConfig({})).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      queueEnvironment: 'dev',
    });
  });

  it('reads REDIS_URL and QUEUE_ENVIRONMENT', () => {
    const config = loadInventoryConfig({
      REDIS_URL: 'redis://cache:6380',
      QUEUE_ENVIRONMENT: 'ci-42',
    });
    expect(config).toMatchObject({ redisUrl: 'redis://cache:6380', queueEnvironment: 'ci-42' });
  });

  it('names its queue prefix after NODE_ENV outside development', () => {
    expect(loadInventoryConfig({ NODE_ENV: 'test' }).queueEnvironment).toBe('test');
  });

  it('reports a bad REDIS_URL and a bad QUEUE_ENVIRONMENT together', () => {
    try {
      loadInventoryConfig({ REDIS_URL: 'http://cache', QUEUE_ENVIRONMENT: 'a:b' });
      expect.unreachable('the config should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^REDIS_URL: /),
        expect.stringMatching(/^QUEUE_ENVIRONMENT: /),
      ]);
    }
  });

  it('reads INVENTORY_PORT and INVENTORY_MONGODB_URI over the shared MONGODB_URI', () => {
    const config = loadInventoryConfig({
      INVENTORY_PORT: '5003',
      MONGODB_URI: 'mongodb://shared:27017/',
      INVENTORY_MONGODB_URI: 'mongodb://own:27017/',
    });
    expect(config).toMatchObject({ port: 5003, mongoUri: 'mongodb://own:27017/' });
  });

  it('reports a bad port as a ConfigError naming INVENTORY_PORT', () => {
    expect(() => loadInventoryConfig({ INVENTORY_PORT: 'x' })).toThrow(ConfigError);
    try {
      loadInventoryConfig({ INVENTORY_PORT: 'x' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^INVENTORY_PORT: /)]);
    }
  });
});
